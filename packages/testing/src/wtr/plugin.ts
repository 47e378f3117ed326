import type { TestRunnerPlugin } from '@web/test-runner'
import { mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { createRequire } from 'node:module'
import type { Frame, Page, Target } from 'puppeteer-core'
import { mirrorAuthenticators, mirroredCopiesSettled } from '../cdp/mirrored-authenticators'
import {
  type CdpSessionLike,
  type VirtualAuthenticatorOptions,
  addResidentCredential,
  addVirtualAuthenticator,
  getCredentials,
  removeVirtualAuthenticator,
  setUserVerified,
} from '../cdp/virtual-authenticator'
import { commands, type CommandPayloads, type CommandResults } from './commands'

/**
 * What `startWallet` started: the wallet's origin, anything tests may need to reach (the
 * relayer, the chain's RPC) as `environment`, and how to stop it all.
 */
export type WalletServerHandle = {
  origin: string
  environment?: Record<string, string>
  /**
   * Named actions tests may take on the environment (`controlEnvironment(name)`), such as
   * stopping and restarting a service to prove the page survives it. `name=argument` hands the
   * control one string (an id the test read in the browser).
   */
  controls?: Record<string, (argument?: string) => Promise<void>>
  close(): Promise<void>
}

export type CrosschainLendingPluginOptions = {
  /**
   * Starts the wallet origin for the test run, given the origin the test pages are served
   * from (which the wallet must allow). Omit it when the wallet runs elsewhere and pass
   * `walletOrigin` instead.
   */
  startWallet?: (testPageOrigin: string) => Promise<WalletServerHandle>
  walletOrigin?: string
}

type SessionState = {
  cdp: CdpSessionLike
  page: Page
  /** The page's virtual authenticators, as added (and since changed), to mirror into passkey windows. */
  authenticators: Map<string, VirtualAuthenticatorOptions>
  /** Passkey windows already given the page's authenticators. */
  mirrored: WeakSet<Target>
}

/**
 * A @web/test-runner plugin for pages that embed `<crosschain-lending>`: virtual authenticators
 * over CDP, trusted clicks inside the wallet iframe, and a read of the wallet frame's state.
 * Needs the Chrome launcher (`@web/test-runner-chrome`), whose pages are puppeteer pages.
 * Browser-side helpers that call these commands: `@crosschain-lending/testing/browser`.
 */
export function crosschainLendingPlugin(options: CrosschainLendingPluginOptions = {}): TestRunnerPlugin {
  const sessions = new Map<string, SessionState>()
  let axeSource: string | undefined
  let wallet: WalletServerHandle | undefined
  let walletOrigin = options.walletOrigin

  async function sessionFor(session: { id: string; browser: unknown }): Promise<SessionState> {
    const existing = sessions.get(session.id)
    const launcher = session.browser as { getPage?: (id: string) => Page }
    if (!launcher.getPage) throw new Error('crosschainLendingPlugin needs the Chrome launcher from @web/test-runner-chrome.')
    const page = launcher.getPage(session.id)
    if (existing && existing.page === page) return existing
    const state: SessionState = { cdp: await page.createCDPSession(), page, authenticators: new Map(), mirrored: new WeakSet() }
    sessions.set(session.id, state)
    return state
  }

  function walletFrame(page: Page, which: 'top' | 'any' = 'top'): Frame {
    if (!walletOrigin) throw new Error('The wallet origin is unknown: pass startWallet or walletOrigin to crosschainLendingPlugin.')
    // The newest attached one: a frame removed by the previous test can still be listed for a
    // moment, and waiting on it would hang until it finally reports itself detached.
    // Frames removed by an earlier test can still be listed for a moment: skip the detached ones.
    const frames = page.frames().filter((frame) => !frame.detached && frame.url().startsWith(`${walletOrigin}/`))
    const frame = which === 'top' ? frames.find((f) => f.parentFrame() === page.mainFrame()) : frames[0]
    if (!frame) throw new Error(`No wallet frame from ${walletOrigin} is on the page yet. Wait for the ccl-ready event first.`)
    return frame
  }

  /**
   * The open passkey window (the wallet's `/passkey.html`, opened from this page's wallet frame),
   * with the page's virtual authenticators mirrored into it before anything in it is clicked.
   */
  async function passkeyWindow(state: SessionState, timeoutMs: number): Promise<Page> {
    if (!walletOrigin) throw new Error('The wallet origin is unknown: pass startWallet or walletOrigin to crosschainLendingPlugin.')
    const prefix = `${walletOrigin}/passkey.html`
    const deadline = Date.now() + timeoutMs
    watch(state.page.browser())
    for (;;) {
      // The newest one the browser created: a window left open by an earlier step is never the one being asked about.
      const open = new Set(state.page.browser().targets())
      const target = created.filter((candidate) => open.has(candidate) && candidate.type() === 'page' && candidate.url().startsWith(prefix)).at(-1)
      const windowPage = await target?.page()
      if (target && windowPage && !windowPage.isClosed()) {
        if (!state.mirrored.has(target)) {
          state.mirrored.add(target)
          await mirrorAuthenticators(state.cdp, await windowPage.createCDPSession(), state.authenticators)
        }
        return windowPage
      }
      if (Date.now() > deadline) throw new Error(`No passkey window (${prefix}) opened within ${timeoutMs} ms. Is the step approved in the passkey window, or the wallet in popup mode (passkey-window="popup")?`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  // Pages in the order the browser created them: a window left open by an earlier test is never
  // the one a test is asking about (the browser's own target list has no such order).
  const created: Target[] = []
  const watched = new WeakSet<object>()
  const watch = (browser: ReturnType<Page['browser']>) => {
    if (watched.has(browser)) return
    watched.add(browser)
    created.push(...browser.targets())
    browser.on('targetcreated', (target: Target) => created.push(target))
  }

  /** The wallet's external-wallet window (`/wallet-window.html`), the newest open one, once it opens. */
  async function walletWindowPage(state: SessionState, timeoutMs: number): Promise<Page | undefined> {
    if (!walletOrigin) throw new Error('The wallet origin is unknown: pass startWallet or walletOrigin to crosschainLendingPlugin.')
    const prefix = `${walletOrigin}/wallet-window.html`
    const deadline = Date.now() + timeoutMs
    watch(state.page.browser())
    for (;;) {
      const open = new Set(state.page.browser().targets())
      const target = created.filter((candidate) => open.has(candidate) && candidate.type() === 'page' && candidate.url().startsWith(prefix)).at(-1)
      const windowPage = await target?.page()
      if (windowPage && !windowPage.isClosed()) return windowPage
      if (Date.now() > deadline) return undefined
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  const needWalletWindow = async (state: SessionState, timeoutMs: number) => {
    const found = await walletWindowPage(state, timeoutMs)
    if (!found) throw new Error(`No wallet window (/wallet-window.html) opened within ${timeoutMs} ms. Did the person click the wallet panel's button that opens it?`)
    return found
  }

  return {
    name: 'crosschain-lending-testing',

    async serverStart({ config }) {
      if (options.startWallet) {
        wallet = await options.startWallet(`http://${config.hostname}:${config.port}`)
        walletOrigin = wallet.origin
      }
    },

    async serverStop() {
      await wallet?.close()
    },

    async executeCommand({ command, payload, session }) {
      // WTR reads undefined or null as "not my command", so every command returns a value.
      if (!(command in commands)) return undefined
      const name = command as keyof CommandPayloads
      const state = await sessionFor(session)
      const { cdp, page } = state
      const run = async (): Promise<CommandResults[keyof CommandResults]> => {
        switch (name) {
          case 'ccl:wallet-origin':
            if (!walletOrigin) throw new Error('No wallet origin configured.')
            return walletOrigin
          case 'ccl:environment':
            return { walletOrigin: walletOrigin ?? '', ...wallet?.environment }
          case 'ccl:control-environment': {
            const { name } = payload as CommandPayloads['ccl:control-environment']
            const split = name.indexOf('=')
            const control = split < 0 ? name : name.slice(0, split)
            const action = Object.hasOwn(wallet?.controls ?? {}, control) ? wallet!.controls![control] : undefined
            if (!action) throw new Error(`The environment has no control "${control}". It has: ${Object.keys(wallet?.controls ?? {}).join(', ') || 'none'}.`)
            await action(split < 0 ? undefined : name.slice(split + 1))
            return true
          }
          case 'ccl:add-virtual-authenticator': {
            const authenticatorOptions = (payload ?? {}) as VirtualAuthenticatorOptions
            const id = await addVirtualAuthenticator(cdp, authenticatorOptions)
            state.authenticators.set(id, { ...authenticatorOptions })
            return id
          }
          case 'ccl:get-credentials':
            // What a passkey window's prompt created or used counts as the page's own.
            await mirroredCopiesSettled(cdp)
            return getCredentials(cdp, (payload as CommandPayloads['ccl:get-credentials']).authenticatorId)
          case 'ccl:add-resident-credential': {
            const { authenticatorId, rpId } = payload as CommandPayloads['ccl:add-resident-credential']
            return addResidentCredential(cdp, authenticatorId, rpId)
          }
          case 'ccl:set-user-verified': {
            const { authenticatorId, isUserVerified } = payload as CommandPayloads['ccl:set-user-verified']
            await setUserVerified(cdp, authenticatorId, isUserVerified)
            const known = state.authenticators.get(authenticatorId)
            if (known) known.isUserVerified = isUserVerified
            return true
          }
          case 'ccl:remove-virtual-authenticator':
            await removeVirtualAuthenticator(cdp, (payload as CommandPayloads['ccl:remove-virtual-authenticator']).authenticatorId)
            state.authenticators.delete((payload as CommandPayloads['ccl:remove-virtual-authenticator']).authenticatorId)
            return true
          case 'ccl:click-in-wallet': {
            // A real, trusted click (Input.dispatchMouseEvent), never frame.evaluate(): evaluate
            // runs with a user gesture and would hide the activation rules real people hit.
            const { selector, timeoutMs = 5000, whenEnabled = true } = payload as CommandPayloads['ccl:click-in-wallet']
            const frame = walletFrame(page)
            const handle = await frame.waitForSelector(`pierce/${selector}`, { visible: true, timeout: timeoutMs })
            if (!handle) throw new Error(`"${selector}" is not in the wallet frame.`)
            // A person scrolls to what they read, and waits for a disabled button to come alive
            // (the wallet arms its confirmation only once it has been visible for a moment).
            await handle.scrollIntoView()
            if (whenEnabled) {
              await frame.waitForFunction((element) => !(element as HTMLButtonElement).disabled, { timeout: timeoutMs }, handle).catch(() => {
                throw new Error(`"${selector}" stayed disabled for ${timeoutMs} ms.`)
              })
            }
            // A person clicks what they see at rest. The wallet's frame resizes as its panel
            // changes, and a click aimed while the layout moves lands on another button.
            await waitForStableBox(handle, timeoutMs)
            await aimAndClick(page, handle, await frame.frameElement())
            await handle.dispose()
            return true
          }
          case 'ccl:click-in-passkey-window': {
            const { selector = '#passkey-continue', timeoutMs = 5000 } = (payload ?? {}) as NonNullable<CommandPayloads['ccl:click-in-passkey-window']>
            const windowPage = await passkeyWindow(state, timeoutMs)
            const handle = await windowPage.waitForSelector(selector, { visible: true, timeout: timeoutMs })
            if (!handle) throw new Error(`"${selector}" is not in the passkey window.`)
            await windowPage.waitForFunction((element) => !(element as HTMLButtonElement).disabled, { timeout: timeoutMs }, handle)
            await handle.click()
            await handle.dispose()
            return true
          }
          case 'ccl:read-in-passkey-window': {
            const { selector, timeoutMs = 5000 } = payload as CommandPayloads['ccl:read-in-passkey-window']
            const windowPage = await passkeyWindow(state, timeoutMs)
            // The window fills in once the wallet frame has sent its request: wait for the element.
            const handle = await windowPage.waitForSelector(selector, { timeout: timeoutMs }).catch(() => null)
            const text = handle ? await handle.evaluate((element) => element.textContent) : null
            await handle?.dispose()
            // An object, because WTR reads a null result as "no plugin handles this command".
            return { text: text?.replace(/\s+/g, ' ').trim() ?? null }
          }
          case 'ccl:close-passkey-window': {
            // The person closes the window with the browser's own control, not with a button of ours.
            const windowPage = await passkeyWindow(state, (payload as CommandPayloads['ccl:close-passkey-window'])?.timeoutMs ?? 5000)
            await windowPage.close({ runBeforeUnload: false })
            return true
          }
          case 'ccl:answer-dev-wallet': {
            // The card lives in the wallet window, where the wallets are installed; a real click.
            const { answer, timeoutMs = 10_000 } = payload as CommandPayloads['ccl:answer-dev-wallet']
            const deadline = Date.now() + timeoutMs
            for (;;) {
              const windowPage = await walletWindowPage(state, Math.max(0, deadline - Date.now()))
              const card = windowPage ? await windowPage.$('pierce/section[data-kind]').catch(() => null) : null
              if (windowPage && card) {
                const text = await card.evaluate((element) => (element as HTMLElement).innerText)
                const button = await card.$(`button[data-action="${answer}"]`)
                await button!.click()
                await button!.dispose()
                await card.dispose()
                return { text: text.replace(/\s+/g, ' ').trim() }
              }
              if (Date.now() > deadline) throw new Error(`No development wallet asked for approval in the wallet window within ${timeoutMs} ms.`)
              await new Promise((resolve) => setTimeout(resolve, 50))
            }
          }
          case 'ccl:click-in-wallet-window': {
            const { selector, timeoutMs = 10_000 } = payload as CommandPayloads['ccl:click-in-wallet-window']
            const windowPage = await needWalletWindow(state, timeoutMs)
            const handle = await windowPage.waitForSelector(selector, { visible: true, timeout: timeoutMs })
            if (!handle) throw new Error(`"${selector}" is not in the wallet window.`)
            await windowPage.waitForFunction((element) => !(element as HTMLButtonElement).disabled, { timeout: timeoutMs }, handle)
            await handle.click()
            await handle.dispose()
            return true
          }
          case 'ccl:read-in-wallet-window': {
            const { selector, timeoutMs = 5000 } = payload as CommandPayloads['ccl:read-in-wallet-window']
            const windowPage = await walletWindowPage(state, timeoutMs)
            const handle = windowPage ? await windowPage.waitForSelector(selector, { timeout: timeoutMs }).catch(() => null) : null
            const text = handle ? await handle.evaluate((element) => element.textContent) : null
            await handle?.dispose()
            return { text: text?.replace(/\s+/g, ' ').trim() ?? null }
          }
          case 'ccl:wallet-window-open':
            return { open: (await walletWindowPage(state, 0)) !== undefined }
          case 'ccl:screenshot': {
            // For people looking at a UI state, not for assertions: off unless a directory is given.
            const directory = process.env.CCL_SCREENSHOTS_DIR
            if (!directory) return { saved: [] }
            const { name, widths, window: which } = payload as CommandPayloads['ccl:screenshot']
            await mkdir(directory, { recursive: true })
            // One of the wallet's own windows instead of the test page, when asked.
            if (which) {
              const windowPage = which === 'passkey' ? await passkeyWindow(state, 5000) : await needWalletWindow(state, 5000)
              const saved: string[] = []
              for (const width of widths) {
                await windowPage.setViewport({ width, height: 900 })
                await new Promise((resolve) => setTimeout(resolve, 700))
                const file = path.join(directory, `${name.replace(/[^\w.-]+/g, '-')}-${width}.png`)
                await windowPage.screenshot({ path: file as `${string}.png`, fullPage: true })
                saved.push(file)
              }
              return { saved }
            }
            const before = page.viewport()
            const saved: string[] = []
            try {
              for (const width of widths) {
                // Tall enough for the whole panel: a full-page capture resizes the viewport while it
                // captures, which the panel's Confirm rightly takes for a move, and shows disarmed.
                await page.setViewport({ width, height: 1200 })
                // The panel lays out again and its Confirm re-arms once it has stayed put (ConfirmGuard).
                await new Promise((resolve) => setTimeout(resolve, 1200))
                const file = path.join(directory, `${name.replace(/[^\w.-]+/g, '-')}-${width}.png`)
                await page.screenshot({ path: file as `${string}.png` })
                saved.push(file)
              }
            } finally {
              if (before) await page.setViewport(before)
            }
            return { saved }
          }
          case 'ccl:set-dev-wallet-keys': {
            // The development wallets keep their keys in the wallet origin's own storage, as an
            // extension keeps its own: a page of that origin (top-level, so the same storage as the
            // window) writes them.
            const { secretKeys } = payload as CommandPayloads['ccl:set-dev-wallet-keys']
            if (!walletOrigin) throw new Error('The wallet origin is unknown.')
            const writer = await page.browserContext().newPage()
            try {
              await writer.goto(`${walletOrigin}/passkey.html`)
              await writer.evaluate((keys) => {
                for (const [chain, hex] of Object.entries(keys)) {
                  const bytes = hex.match(/../g)!.map((pair) => Number.parseInt(pair, 16))
                  localStorage.setItem(`ccl-dev-wallet:${chain}`, btoa(String.fromCharCode(...bytes)))
                }
              }, secretKeys)
            } finally {
              await writer.close()
            }
            return true
          }
          case 'ccl:axe-in-wallet': {
            // axe-core inside the wallet frame, through CDP (its CSP admits no other script).
            const { tags = ['wcag2a', 'wcag2aa', 'wcag21aa'] } = (payload ?? {}) as NonNullable<CommandPayloads['ccl:axe-in-wallet']>
            const frame = walletFrame(page)
            axeSource ??= await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
            await frame.evaluate(axeSource)
            return frame.evaluate(async (values) => {
              const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe
              const result = await axe.run(document, { runOnly: { type: 'tag', values } })
              return result.violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
            }, tags)
          }
          case 'ccl:box-in-wallet': {
            // Read-only: where the browser draws the element (zoom and transforms included), as an
            // attacker who knows the wallet's layout would compute it.
            const handle = await walletFrame(page).$(`pierce/${(payload as CommandPayloads['ccl:box-in-wallet']).selector}`)
            const box = handle ? await handle.boundingBox() : null
            await handle?.dispose()
            return { box }
          }
                    case 'ccl:read-in-wallet': {
            // Read-only, like a person reading the panel: the text of an element, or null.
            const { selector, styles = [], attributes = [] } = payload as CommandPayloads['ccl:read-in-wallet']
            const handle = await walletFrame(page).$(`pierce/${selector}`)
            if (!handle) return { text: null, styles: {}, attributes: {} }
            const read = await handle.evaluate(
              (element, names, attributeNames) => {
                const computed = getComputedStyle(element)
                return {
                  text: element.textContent,
                  styles: Object.fromEntries(names.map((name) => [name, computed.getPropertyValue(name)])),
                  attributes: Object.fromEntries(attributeNames.map((name) => [name, element.getAttribute(name)])),
                }
              },
              styles,
              attributes,
            )
            await handle.dispose()
            return { text: read.text?.replace(/\s+/g, ' ').trim() ?? null, styles: read.styles, attributes: read.attributes }
          }
          case 'ccl:wallet-frames': {
            // Read-only: the document's data attributes, never a call into the wallet's code.
            const wanted = walletOrigin
            return Promise.all(
              page.frames()
                .filter((frame) => frame !== page.mainFrame())
                .map(async (frame) => {
                  const url = frame.url()
                  const isWallet = wanted !== undefined && url.startsWith(`${wanted}/`)
                  const dataset = isWallet
                    ? await frame.evaluate(() => ({ ...document.documentElement.dataset })).catch(() => ({}))
                    : {}
                  return {
                    url,
                    parentUrl: frame.parentFrame()?.url() ?? null,
                    ready: (dataset as Record<string, string>).ready === 'true',
                    droppedMessages: Number((dataset as Record<string, string>).droppedMessages ?? 0),
                  }
                }),
            )
          }
        }
      }
      return run()
    },
  }
}

type Box = { x: number; y: number; width: number; height: number }

/**
 * Clicks the element the way a person's hand does, which the wallet's Confirm requires (see
 * packages/wallet/src/ui/confirm-intent.ts): the pointer comes into the wallet beside the
 * target, then moves onto it in a few steps, rests a moment, and clicks. A pointer that appears
 * on the button from nowhere, as when a page slides the wallet under it, does not count.
 */
async function aimAndClick(page: Page, handle: { boundingBox(): Promise<Box | null> }, frameElement: { boundingBox(): Promise<Box | null> } | null): Promise<void> {
  const box = await handle.boundingBox()
  if (!box) throw new Error('the element has no box to click')
  const frameBox = await frameElement?.boundingBox()
  const x = box.x + box.width / 2
  const y = box.y + box.height / 2
  // Beside the target inside the frame: just above it, or just below if it sits at the top.
  const above = box.y - 6
  const besideY = !frameBox || above > frameBox.y + 1 ? above : box.y + box.height + 6
  await page.mouse.move(x, besideY)
  await page.mouse.move(x, y, { steps: 4 })
  await new Promise((resolve) => setTimeout(resolve, 60))
  await page.mouse.down()
  await page.mouse.up()
}

/** Resolves once the element's box (in page coordinates, so frame moves count) is the same three times 50 ms apart. */
async function waitForStableBox(handle: { boundingBox(): Promise<{ x: number; y: number; width: number; height: number } | null> }, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last = ''
  let same = 0
  while (Date.now() < deadline) {
    const box = JSON.stringify(await handle.boundingBox())
    same = box === last && box !== 'null' ? same + 1 : 0
    if (same >= 2) return
    last = box
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error('the element kept moving; it never came to rest to be clicked')
}
export { commonjsPackagesPlugin } from './commonjs-packages'
