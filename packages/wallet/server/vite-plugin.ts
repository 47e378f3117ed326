import { readFile } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import type { Connect, Plugin } from 'vite'
import type { WalletConfig } from '../src/config'
import { type DevWalletsScript, devWalletsMiddleware, injectDevWallets } from './dev-wallets'
import { walletIsolationHeaders, walletSecurityHeaders } from './headers'
import { injectWalletConfig } from './html'

const isDocumentRequest = (req: IncomingMessage) => {
  const pathname = new URL(req.url ?? '/', 'http://wallet').pathname
  return pathname === '/' || pathname === '/index.html'
}

/**
 * Serves the wallet origin from Vite, in development and preview alike: security headers on
 * every response, and the configuration written into the page at request time (never baked
 * into the build, so one build serves every deployment).
 */
export function walletOriginPlugin(config: WalletConfig, options: { devWallets?: DevWalletsScript | undefined } = {}): Plugin {
  const setHeaders =
    (dev: boolean): Connect.NextHandleFunction =>
    (req, res, next) => {
      const pathname = new URL(req.url ?? '/', 'http://wallet').pathname
      for (const [name, value] of Object.entries(walletSecurityHeaders(config, { dev }))) res.setHeader(name, value)
      for (const [name, value] of Object.entries(walletIsolationHeaders(pathname))) res.setHeader(name, value)
      // The production build has no source maps; a request for one is refused rather than
      // answered with the wallet's sources, should a map ever be left in dist/ by hand.
      if (!dev && pathname.endsWith('.map')) {
        res.statusCode = 404
        res.end()
        return
      }
      next()
    }
  return {
    name: 'crosschain-lending:wallet-origin',
    transformIndexHtml: {
      order: 'post',
      handler: (html, ctx) => {
        if (!ctx.server) return html
        if (ctx.path === '/wallet-window.html') return options.devWallets ? injectDevWallets(html) : html
        return injectWalletConfig(html, config)
      },
    },
    configureServer(server) {
      server.middlewares.use(setHeaders(true))
      if (options.devWallets) server.middlewares.use(devWalletsMiddleware({ script: options.devWallets }))
    },
    configurePreviewServer(server) {
      server.middlewares.use(setHeaders(false))
      const outDir = path.resolve(server.config.root, server.config.build.outDir)
      if (options.devWallets) server.middlewares.use(devWalletsMiddleware({ outDir, script: options.devWallets }))
      server.middlewares.use(async (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => {
        if (req.method !== 'GET' || !isDocumentRequest(req)) return next()
        try {
          const html = await readFile(path.join(outDir, 'index.html'), 'utf8')
          res.setHeader('Content-Type', 'text/html; charset=utf-8')
          res.end(injectWalletConfig(html, config))
        } catch (error) {
          next(error)
        }
      })
    },
  }
}
