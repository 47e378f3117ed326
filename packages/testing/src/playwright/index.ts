/**
 * `@crosschain-lending/testing/playwright`: what a partner's Playwright tests need around a page
 * that embeds `<crosschain-lending>`: virtual passkey authenticators, real clicks inside the
 * wallet iframe, and development wallets on the page.
 */
import type { WalletChain } from '@crosschain-lending/protocol'
import type { BrowserContext, FrameLocator, Page } from 'playwright-core'
import { devWalletsScript } from '../dev-wallets/script'
import { type CdpSessionLike, type VirtualAuthenticatorOptions, type VirtualCredential, addVirtualAuthenticator as addOverCdp, getCredentials, removeVirtualAuthenticator, setUserVerified } from '../cdp/virtual-authenticator'
import { type CdpEventSessionLike, mirrorAuthenticators, mirroredCopiesSettled } from '../cdp/mirrored-authenticators'

/**
 * The virtual authenticators added to each page (its CDP session and their options), so a
 * passkey window the wallet opens from that page gets the same ones (mirrored-authenticators.ts).
 */
const pageAuthenticators = new WeakMap<Page, { cdp: CdpSessionLike; authenticators: Map<string, VirtualAuthenticatorOptions> }>()

export type { VirtualAuthenticatorOptions, VirtualCredential }

/**
 * A passkey with its private key, as CDP holds it: what moves a passkey to another page of the
 * same device (a new browser context has fresh storage, but the device keeps its passkeys).
 */
export type PortablePasskey = { credentialId: string; privateKey: string; rpId?: string; userHandle?: string; isResidentCredential: boolean; signCount: number }

export type PageAuthenticator = {
  id: string
  /** The passkeys it holds (public data). */
  credentials(): Promise<VirtualCredential[]>
  /** The passkeys it holds, private keys included, to give to `addVirtualAuthenticator(otherPage, { passkeys })`. */
  exportPasskeys(): Promise<PortablePasskey[]>
  /** Makes user verification pass or fail, as a fingerprint or PIN check would. */
  setUserVerified(verified: boolean): Promise<void>
  /** Removes it: the device, and its passkeys, are gone. */
  remove(): Promise<void>
}

/**
 * Adds a virtual WebAuthn authenticator (a platform passkey authenticator unless told otherwise)
 * to `page`, holding `passkeys` if given. It also serves the cross-origin wallet iframe. Add it
 * before anything creates a passkey.
 */
export async function addVirtualAuthenticator(page: Page, options: VirtualAuthenticatorOptions & { passkeys?: PortablePasskey[] } = {}): Promise<PageAuthenticator> {
  const { passkeys = [], ...authenticatorOptions } = options
  const known = pageAuthenticators.get(page)
  const cdp = known?.cdp ?? ((await page.context().newCDPSession(page)) as unknown as CdpSessionLike)
  const id = await addOverCdp(cdp, authenticatorOptions)
  for (const credential of passkeys) await cdp.send('WebAuthn.addCredential', { authenticatorId: id, credential })
  const registry = known ?? { cdp, authenticators: new Map<string, VirtualAuthenticatorOptions>() }
  registry.authenticators.set(id, { ...authenticatorOptions })
  pageAuthenticators.set(page, registry)
  return {
    id,
    // What a passkey window's prompt created or used counts as the page's own (copied back).
    credentials: async () => (await mirroredCopiesSettled(cdp), getCredentials(cdp, id)),
    exportPasskeys: async () => (await mirroredCopiesSettled(cdp), ((await cdp.send('WebAuthn.getCredentials', { authenticatorId: id })) as { credentials: PortablePasskey[] }).credentials),
    setUserVerified: async (verified) => {
      await setUserVerified(cdp, id, verified)
      registry.authenticators.get(id)!.isUserVerified = verified
    },
    remove: async () => {
      await removeVirtualAuthenticator(cdp, id)
      registry.authenticators.delete(id)
    },
  }
}

/** The wallet iframe of the page's `<crosschain-lending>` (Playwright's CSS sees through its shadow root). */
export const walletFrame = (page: Page, host = 'crosschain-lending'): FrameLocator => page.frameLocator(`${host} iframe[part="wallet-frame"]`)

/**
 * Clicks `selector` inside the wallet iframe as a person would: scrolled into view, then once
 * visible, stable and enabled (the wallet arms its confirm button once it has been wholly visible
 * for 600 ms), with real input, which gives the frame the user activation passkeys need.
 */
export async function clickInWallet(page: Page, selector: string, options: { timeoutMs?: number } = {}): Promise<void> {
  const target = walletFrame(page).locator(selector)
  const timeout = options.timeoutMs ?? 15_000
  const deadline = Date.now() + timeout
  // The wallet keeps Confirm disabled until its panel is wholly in view and uncovered (against
  // clickjacking), and disarms it again while the page scrolls. So: scroll first, then wait
  // until it is enabled and has not moved for a moment, as a person's eye and hand would.
  await target.scrollIntoViewIfNeeded({ timeout })
  let last = ''
  let steady = 0
  while (steady < 3) {
    if (Date.now() > deadline) throw new Error(`${selector} in the wallet did not become enabled and still within ${timeout} ms.`)
    const box = JSON.stringify(await target.boundingBox())
    steady = box === last && (await target.isEnabled()) ? steady + 1 : 0
    last = box
    await page.waitForTimeout(100)
  }
  // As a person's hand moves (the wallet's Confirm requires it, see
  // packages/wallet/src/ui/confirm-intent.ts): into the wallet beside the target, onto it in a few
  // steps, a moment's rest, then the click. A pointer that appears on the button from nowhere,
  // as when a page slides the wallet under it, does not count.
  const box = await target.boundingBox({ timeout: Math.max(1000, deadline - Date.now()) })
  if (!box) throw new Error(`${selector} in the wallet has no box to click.`)
  const frameBox = await page.locator('crosschain-lending iframe[part="wallet-frame"]').first().boundingBox()
  const x = box.x + box.width / 2
  const y = box.y + box.height / 2
  const above = box.y - 6
  await page.mouse.move(x, !frameBox || above > frameBox.y + 1 ? above : box.y + box.height + 6)
  await page.mouse.move(x, y, { steps: 4 })
  await page.waitForTimeout(60)
  await page.mouse.down()
  await page.mouse.up()
}

const passkeyWindowPath = '/passkey.html'

/**
 * The passkey window the wallet opened from `page` after `opened` pages existed (its
 * `/passkey.html`), once it opens, with the page's virtual authenticators mirrored into it.
 */
export async function passkeyWindow(page: Page, options: { timeoutMs?: number; after?: ReadonlySet<Page> } = {}): Promise<Page> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000)
  for (;;) {
    const found = page
      .context()
      .pages()
      .filter((candidate) => !candidate.isClosed() && !options.after?.has(candidate) && new URL(candidate.url(), 'http://x').pathname === passkeyWindowPath)
      .at(-1)
    if (found) {
      const registry = pageAuthenticators.get(page)
      if (registry && !mirrored.has(found)) {
        mirrored.add(found)
        await mirrorAuthenticators(registry.cdp, (await page.context().newCDPSession(found)) as unknown as CdpEventSessionLike, registry.authenticators)
      }
      return found
    }
    if (Date.now() > deadline) throw new Error(`No passkey window (${passkeyWindowPath}) opened within ${options.timeoutMs ?? 15_000} ms.`)
    await page.waitForTimeout(50)
  }
}
const mirrored = new WeakSet<Page>()

/** Where the open confirmation is approved, as the wallet's policy table says. */
export type ApprovalPlace = 'panel' | 'passkey-window' | 'wallet-window'

/**
 * Approves the wallet's open confirmation wherever the wallet's policy approves it, as a person
 * would: the panel's Confirm (`clickInWallet`), and for a step approved in the passkey window
 * (Borrow, binding, recovery, access changes; everything under `approvalWindow: all` or
 * `passkey-window="popup"`) that window's own Confirm, once it works, with the page's virtual
 * authenticators mirrored into it. For a `wallet-window` step (a removal, a co-signature) the
 * click opens the wallet window; pick and answer the wallet there (`chooseInWalletWindow`,
 * `answerDevWallet`). Resolves with where it was approved.
 */
export async function approveInWallet(page: Page, options: { timeoutMs?: number } = {}): Promise<ApprovalPlace> {
  const timeout = options.timeoutMs ?? 15_000
  const panel = walletFrame(page).locator('section.confirmation')
  await panel.waitFor({ timeout })
  const place = ((await panel.getAttribute('data-approval')) ?? 'panel') as ApprovalPlace
  const before = new Set(page.context().pages())
  await clickInWallet(page, '#confirm', { timeoutMs: timeout })
  if (place === 'passkey-window') {
    const window = await passkeyWindow(page, { timeoutMs: timeout, after: before })
    const confirm = window.locator('#passkey-continue')
    // Enabled once the confirmation has been in view for a moment (against a double-click landing on it).
    await confirm.click({ timeout })
  }
  return place
}

/** The text of `selector` inside the wallet iframe, or null when it is not there now. */
export async function readInWallet(page: Page, selector: string): Promise<string | null> {
  const locator = walletFrame(page).locator(selector)
  return (await locator.count()) === 0 ? null : ((await locator.first().textContent())?.replace(/\s+/g, ' ').trim() ?? null)
}

export type DevWalletOptions = {
  chains?: WalletChain[]
  /** Keep keys in the wallet origin's localStorage, as an extension keeps its own. */
  persist?: boolean
  /** Fixed keys, 32 bytes as hex, per chain: the same wallet on every page and device. */
  secretKeys?: Partial<Record<WalletChain, string>>
  /**
   * Exactly these wallets instead of one per chain, keys as hex: several of a chain (the person
   * chooses in the wallet window), or `[]` for a browser with no wallet installed.
   */
  wallets?: { chain: WalletChain; name?: string; secretKey?: string }[]
}

const walletWindowPath = '/wallet-window.html'
/** Where the kit serves the wallets' script: on the wallet origin itself, so the window's CSP (`script-src 'self'`) admits it. */
const kitScriptPath = '/__ccl-testing-dev-wallets.js'

/**
 * Installs the development wallets (EVM, Solana, NEAR, Stellar) as extensions would be: into the
 * wallet's external-wallet window (`/wallet-window.html` on the wallet origin), before any
 * script of that page runs, in every window the context opens. Answer their cards with
 * `answerDevWallet`. They win over a wallet server's own (`CCL_DEV_WALLETS=1`): the first
 * installer in the page installs, the next stands down.
 *
 * How: the context's routes put a `<script src>` first in the window's HTML as it loads, served
 * by the kit from the wallet origin. Not `context.addInitScript`, which does not reach this window:
 * the wallet frame opens it on its own origin, so Chromium keeps the popup's initial about:blank
 * Window for the page it loads, and the init script ran only in that about:blank (where the
 * wallets do not install), never in the window's own document. Measured in docs/testing.md.
 */
export async function installDevWallets(context: BrowserContext, options: DevWalletOptions = {}): Promise<void> {
  const script = await devWalletsScript(options)
  await context.route(
    (url) => url.pathname === walletWindowPath,
    async (route) => {
      if (route.request().resourceType() !== 'document') return route.fallback()
      const response = await route.fetch()
      const html = (await response.text()).replace(/<head[^>]*>/i, (head) => `${head}\n    <script src="${kitScriptPath}"></script>`)
      await route.fulfill({ response, body: html })
    },
  )
  await context.route(
    (url) => url.pathname === kitScriptPath,
    (route) => route.fulfill({ contentType: 'text/javascript; charset=utf-8', body: script }),
  )
}

/** The wallet windows open in the page's browser context, oldest first. */
function openWalletWindows(page: Page): Page[] {
  return page.context().pages().filter((candidate) => {
    if (candidate.isClosed() || !candidate.url().startsWith('http')) return false
    return new URL(candidate.url()).pathname === '/wallet-window.html'
  })
}

/** The wallet's external-wallet window, once it opens (the newest, if several). */
export async function walletWindow(page: Page, options: { timeoutMs?: number } = {}): Promise<Page> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000)
  for (;;) {
    const newest = openWalletWindows(page).at(-1)
    if (newest) return newest
    if (Date.now() > deadline) throw new Error(`The wallet window (/wallet-window.html) did not open within ${options.timeoutMs ?? 10_000} ms. Did the person click the wallet panel's button that opens it?`)
    await page.waitForTimeout(50)
  }
}

/** Picks a wallet in the wallet window (the first offered, or the one named), as a person would. */
export async function chooseInWalletWindow(page: Page, name?: string, options: { timeoutMs?: number } = {}): Promise<void> {
  const windowPage = await walletWindow(page, options)
  const choice = name ? windowPage.locator('.wallet-choice', { hasText: name }) : windowPage.locator('.wallet-choice').first()
  await choice.click({ timeout: options.timeoutMs ?? 10_000 })
}

/**
 * The development wallets' addresses, as the wallet window holds them: the open one, or one
 * opened for the moment in the same browser context (the wallets keep their keys there).
 */
export async function devWalletAddresses(page: Page): Promise<Partial<Record<WalletChain, string>>> {
  const read = (windowPage: Page) =>
    windowPage.evaluate(() => {
      const installed = (window as unknown as { cclDevWallets?: Record<string, { address: string }> }).cclDevWallets ?? {}
      return Object.fromEntries(Object.entries(installed).map(([chain, wallet]) => [chain, wallet.address]))
    })
  const open = openWalletWindows(page).at(-1)
  return open ? read(open) : onWalletOrigin(page, read)
}

/** A top-level page of the wallet origin in the same browser context, for the moment of `work`. */
async function onWalletOrigin<T>(page: Page, work: (walletPage: Page) => Promise<T>): Promise<T> {
  const frameSource = await walletFrame(page).owner().getAttribute('src')
  if (!frameSource) throw new Error('The page has no wallet frame to find the wallet origin from.')
  const walletPage = await page.context().newPage()
  try {
    await walletPage.goto(new URL('/wallet-window.html', frameSource).href)
    return await work(walletPage)
  } finally {
    await walletPage.close()
  }
}

/**
 * The development wallets' keys (base64, per chain) as the wallet origin keeps them with the
 * wallet server's `CCL_DEV_WALLETS=1` (persisted, as an extension keeps its own): export them
 * from one browser context and import them into another for the same wallet on a new device.
 */
export function exportDevWalletKeys(page: Page): Promise<Record<string, string>> {
  return onWalletOrigin(page, (walletPage) =>
    walletPage.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((key) => key.startsWith('ccl-dev-wallet:')).map((key) => [key, localStorage.getItem(key)!]))),
  )
}

/** Puts keys from `exportDevWalletKeys` into this context's wallet origin: the next wallet window holds those wallets. */
export function importDevWalletKeys(page: Page, keys: Record<string, string>): Promise<void> {
  return onWalletOrigin(page, (walletPage) =>
    walletPage.evaluate((entries) => {
      for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value)
    }, keys),
  )
}

/**
 * Answers the oldest open approval card of a development wallet, in the wallet window, with a
 * real click: `approve` (Connect / Sign) or `reject`. Resolves with the card's text, so a test
 * can check what the wallet was asked to sign.
 */
export async function answerDevWallet(page: Page, answer: 'approve' | 'reject' = 'approve', options: { timeoutMs?: number } = {}): Promise<string> {
  const windowPage = await walletWindow(page, options)
  const card = windowPage.locator('ccl-dev-wallet-prompt section').first()
  await card.waitFor({ timeout: options.timeoutMs ?? 10_000 })
  const text = (await card.innerText()).replace(/\s+/g, ' ').trim()
  await card.locator(`button[data-action="${answer}"]`).click()
  return text
}
