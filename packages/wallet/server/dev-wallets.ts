import { readFile } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import type { Connect } from 'vite'

/** Where the server serves the development wallets' script when `CCL_DEV_WALLETS=1`. */
export const devWalletsScriptPath = '/__ccl-dev-wallets.js'
const windowPath = '/wallet-window.html'

/**
 * Where the development wallets' script comes from: the testing kit's
 * `devWalletsScript({ persist: true })`, passed in by whoever starts the server (the wallet
 * package does not depend on the testing kit, which depends on it).
 */
export type DevWalletsScript = () => Promise<string>

/** Puts the development wallets' script first in the wallet window's head, as an extension injects at document start. */
export function injectDevWallets(html: string): string {
  if (!html.includes('<head>')) throw new Error('The wallet window has no <head> to put the development wallets in.')
  return html.replace('<head>', `<head>\n    <script src="${devWalletsScriptPath}"></script>`)
}

/**
 * `CCL_DEV_WALLETS=1` (demo and tests only; refused for a wallet origin that is not on this
 * machine): the wallet window gets the testing kit's development wallets, installed the way an
 * extension installs its own, so a person trying the demo can bind, recover and co-sign by
 * clicking. The production build holds none of it: this server adds the script at request time.
 */
export function devWalletsMiddleware(options: { outDir?: string; script: DevWalletsScript }): Connect.NextHandleFunction {
  let script: Promise<string> | undefined
  return async (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => {
    const pathname = new URL(req.url ?? '/', 'http://wallet').pathname
    if (req.method !== 'GET') return next()
    try {
      if (pathname === devWalletsScriptPath) {
        script ??= options.script()
        res.setHeader('Content-Type', 'text/javascript; charset=utf-8')
        res.end(await script)
        return
      }
      if (pathname === windowPath && options.outDir) {
        const html = await readFile(path.join(options.outDir, 'wallet-window.html'), 'utf8')
        res.setHeader('Content-Type', 'text/html; charset=utf-8')
        res.end(injectDevWallets(html))
        return
      }
    } catch (error) {
      return next(error)
    }
    next()
  }
}

/** Whether `CCL_DEV_WALLETS` may be on for `walletOrigin`: only for an origin on this machine. */
export function devWalletsAllowed(walletOrigin: string): boolean {
  const host = new URL(walletOrigin).hostname
  return host === 'localhost' || host.endsWith('.localhost') || host === '127.0.0.1' || host === '[::1]'
}
