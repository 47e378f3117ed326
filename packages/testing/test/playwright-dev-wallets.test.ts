import { type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devWalletsScript } from '../src/dev-wallets/script'
import { installDevWallets } from '../src/playwright'
import { createDevWallet } from '../src/signers'

// Why the kit's `installDevWallets` puts its script in the wallet window's HTML rather than in a
// context init script, measured in real Chromium. Two sites as in the product: a partner page on
// 127.0.0.1 frames a page of the wallet's origin (localhost), which opens `/wallet-window.html`
// on its own origin, as the wallet frame does. The window carries the wallet's CSP.

const key = '42'.repeat(32)
const expected = createDevWallet('evm', Uint8Array.from(key.match(/../g)!, (pair) => Number.parseInt(pair, 16))).address
const opensWindow = (target: string) => `<button onclick="window.open('${target}', 'w' + Math.random(), 'popup')">open</button>`

let partner: Server
let wallet: Server
let walletOrigin: string
let browser: Browser

function serve(host: string, pages: (origin: string) => Record<string, string>): Promise<Server> {
  const server = createServer((request, response) => {
    const origin = `http://${request.headers.host}`
    const pathname = new URL(request.url ?? '/', origin).pathname
    const body = pages(origin)[pathname]
    if (body === undefined) return void response.writeHead(404).end()
    // The window's own CSP, as the wallet sends it: scripts from its own origin only.
    const csp = pathname === '/wallet-window.html' ? { 'content-security-policy': "script-src 'self'; object-src 'none'" } : {}
    response.writeHead(200, { 'content-type': pathname.endsWith('.js') ? 'text/javascript' : 'text/html', ...csp }).end(body)
  })
  return new Promise((resolve) => server.listen(0, host, () => resolve(server)))
}

beforeAll(async () => {
  wallet = await serve('127.0.0.1', () => ({
    '/frame.html': `<!doctype html>${opensWindow('/wallet-window.html')}`,
    // The window's first own script notes whether the wallets were already there, as they are
    // when an extension injects at document start.
    '/wallet-window.html': '<!doctype html><html><head><title>window</title><script src="/first-script.js"></script></head><body>the wallet window</body></html>',
    '/first-script.js': 'document.documentElement.dataset.walletsBeforeScripts = String(Boolean(window.cclDevWallets))',
  }))
  walletOrigin = `http://localhost:${(wallet.address() as AddressInfo).port}`
  partner = await serve('127.0.0.1', () => ({ '/': `<!doctype html>${opensWindow(`${walletOrigin}/wallet-window.html`)}<iframe src="${walletOrigin}/frame.html"></iframe>` }))
  browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => partner?.close(resolve))
  await new Promise((resolve) => wallet?.close(resolve))
})

/** Opens the window with a real click in `where`, and reads which development wallets it holds. */
async function walletsInWindow(context: BrowserContext, where: 'frame' | 'page'): Promise<{ address: string | null; beforeScripts: string | undefined }> {
  const page: Page = await context.newPage()
  await page.goto(`http://127.0.0.1:${(partner.address() as AddressInfo).port}/`)
  const opened = context.waitForEvent('page')
  await (where === 'frame' ? page.frameLocator('iframe').locator('button') : page.locator('button')).click()
  const popup = await opened
  await popup.waitForLoadState('load')
  return popup.evaluate(() => ({
    address: (window as unknown as { cclDevWallets?: { evm?: { address: string } } }).cclDevWallets?.evm?.address ?? null,
    beforeScripts: document.documentElement.dataset.walletsBeforeScripts,
  }))
}

describe('the development wallets in the wallet window, under Playwright', () => {
  it('behavior: installDevWallets(context) reaches the window the wallet frame opens on its own origin, before its scripts, with the keys given', async () => {
    const context = await browser.newContext()
    try {
      await installDevWallets(context, { chains: ['evm'], secretKeys: { evm: key } })
      expect(await walletsInWindow(context, 'frame')).toEqual({ address: expected, beforeScripts: 'true' })
      // And a window opened from another origin's page, which init scripts do reach.
      expect(await walletsInWindow(context, 'page')).toEqual({ address: expected, beforeScripts: 'true' })
    } finally {
      await context.close()
    }
  }, 60_000)

  // The cause the kit works around (docs/testing.md). A window opened by a page of its own
  // origin keeps the Window of its initial about:blank for the page it loads (the HTML
  // standard's Window reuse); Chromium ran the init script once, in that about:blank, where the
  // wallets rightly do not install, and not again for the loaded page. Opened from another
  // origin, the window gets a new Window and the init script runs in it. Should this case start
  // to pass, Chromium or Playwright changed and the kit could go back to init scripts.
  it('behavior (the cause): a context init script does not reach that window, though it reaches one opened from another origin', async () => {
    const context = await browser.newContext()
    try {
      await context.addInitScript({ content: await devWalletsScript({ chains: ['evm'], secretKeys: { evm: key } }) })
      expect(await walletsInWindow(context, 'frame')).toEqual({ address: null, beforeScripts: 'false' })
      expect(await walletsInWindow(context, 'page')).toEqual({ address: expected, beforeScripts: 'true' })
    } finally {
      await context.close()
    }
  }, 60_000)
})
