/**
 * Browser-side helpers for tests run by @web/test-runner with `crosschainLendingPlugin`.
 * Each one is a server command: the plugin drives Chrome over CDP from outside the page.
 */
import { executeServerCommand, sendMouse } from '@web/test-runner-commands'
import type { VirtualAuthenticatorOptions, VirtualCredential } from '../cdp/virtual-authenticator'
import type { CommandPayloads, CommandResults, FrameReport } from '../wtr/commands'

export type { FrameReport, VirtualAuthenticatorOptions, VirtualCredential }

function run<K extends keyof CommandPayloads>(command: K, payload?: CommandPayloads[K]): Promise<CommandResults[K]> {
  return executeServerCommand(command, payload) as Promise<CommandResults[K]>
}

/** The origin of the wallet the plugin started (or was given). */
export const walletOrigin = () => run('ccl:wallet-origin')

/** The wallet origin and the services behind it (`relayerUrl`, `rpcUrl`) as the plugin started them. */
export const testEnvironment = () => run('ccl:environment')

/** Adds a virtual authenticator (a platform passkey authenticator unless told otherwise). */
export const addVirtualAuthenticator = (options?: VirtualAuthenticatorOptions) => run('ccl:add-virtual-authenticator', options)

export const getCredentials = (authenticatorId: string) => run('ccl:get-credentials', { authenticatorId })

/** Puts a passkey the chain has never seen (a fresh key) into the authenticator; returns its credential id (base64). */
export const addResidentCredential = (authenticatorId: string, rpId = 'localhost') => run('ccl:add-resident-credential', { authenticatorId, rpId })

export const setUserVerified = (authenticatorId: string, isUserVerified: boolean) =>
  run('ccl:set-user-verified', { authenticatorId, isUserVerified })

export const removeVirtualAuthenticator = (authenticatorId: string) => run('ccl:remove-virtual-authenticator', { authenticatorId })

/**
 * Clicks `selector` (searched through shadow roots) inside the wallet iframe, as a person would:
 * scrolled into view, once enabled (unless `whenEnabled: false`), once at rest.
 */
export const clickInWallet = (selector: string, options: { timeoutMs?: number; whenEnabled?: boolean } = {}) =>
  run('ccl:click-in-wallet', { selector, ...options })

/** Computed style properties of `selector` inside the wallet iframe (for example `color`), or null when absent. */
export const styleInWallet = async (selector: string, styles: string[]) => {
  const read = await run('ccl:read-in-wallet', { selector, styles })
  return read.text === null ? null : read.styles
}

/**
 * Screenshots of the test page at each width (`<name>-<width>.png`), written only when the test
 * run has CCL_SCREENSHOTS_DIR set: for looking at a UI state, never for asserting on it.
 */
export const screenshot = (name: string, widths: number[] = [375, 1280], options: { window?: 'passkey' | 'wallet' } = {}) => run('ccl:screenshot', { name, widths, ...options })

/** Runs one of the environment's named controls (see `WalletServerHandle.controls`), e.g. `'relayer:stop'`. */
export const controlEnvironment = (name: string) => run('ccl:control-environment', { name })

/** The text of `selector` (searched through shadow roots) inside the wallet iframe, or null when absent. */
export const readInWallet = async (selector: string) => (await run('ccl:read-in-wallet', { selector })).text

/** Where `selector` inside the wallet iframe is drawn, in the test page's coordinates (zoom and transforms included), or null. */
export const boxInWallet = async (selector: string) => (await run('ccl:box-in-wallet', { selector })).box

/** Every child frame on the page, with what the wallet frames report about themselves. */
export const walletFrames = () => run('ccl:wallet-frames')

/**
 * Clicks in the wallet's passkey window (popup mode: `passkey-window="popup"`, or a browser that
 * refuses passkeys in frames), by default its "Continue with passkey" button. The window gets the
 * page's virtual authenticators first, and what its prompt changes is copied back to them.
 */
export const clickInPasskeyWindow = (options: { selector?: string; timeoutMs?: number } = {}) => run('ccl:click-in-passkey-window', options)

/** The text of `selector` in the open passkey window (e.g. `#passkey-purpose`), once it appears; null if it does not within `timeoutMs` (5 s). */
export const readInPasskeyWindow = async (selector: string, options: { timeoutMs?: number } = {}) =>
  (await run('ccl:read-in-passkey-window', { selector, ...options })).text

/** Where the open confirmation is approved: `panel`, `passkey-window` or `wallet-window` (the wallet's policy table). */
export type ApprovalPlace = 'panel' | 'passkey-window' | 'wallet-window'

/**
 * Approves the confirmation the wallet shows, wherever the wallet's policy approves it, as a
 * person would: the panel's Confirm (a real, aimed click), and when the step is approved in the
 * passkey window (Borrow, binding, recovery, access changes; every step under
 * `approvalWindow: all` or `passkey-window="popup"`), that window's own Confirm, once it works,
 * with the page's virtual authenticators mirrored into it. For a `wallet-window` step (a removal,
 * a co-signature) the panel's click opens the wallet window, where the test then picks the wallet
 * and answers it (`clickInWalletWindow`, `answerDevWallet`). Resolves with where it was approved.
 */
export async function approveInWallet(options: { timeoutMs?: number } = {}): Promise<ApprovalPlace> {
  const timeoutMs = options.timeoutMs ?? 15_000
  const deadline = Date.now() + timeoutMs
  let place: string | null | undefined
  while (place === undefined) {
    const read = await run('ccl:read-in-wallet', { selector: 'section.confirmation', attributes: ['data-approval'] })
    if (read.text !== null) place = read.attributes['data-approval'] ?? 'panel'
    else if (Date.now() > deadline) throw new Error(`The wallet showed no confirmation within ${timeoutMs} ms.`)
    else await new Promise((resolve) => setTimeout(resolve, 50))
  }
  await clickInWallet('#confirm', { timeoutMs })
  if (place === 'passkey-window') await clickInPasskeyWindow({ timeoutMs })
  return place as ApprovalPlace
}

/** Closes the passkey window as a person would with the browser's close button. */
export const closePasskeyWindow = (options: { timeoutMs?: number } = {}) => run('ccl:close-passkey-window', options)

/**
 * Runs axe-core in the wallet frame (it has its own origin and CSP, so the plugin runs it over
 * CDP) and returns one line per violation: rule, impact, help and where. `[]` means none.
 */
export const axeInWallet = (options: { tags?: string[] } = {}) => run('ccl:axe-in-wallet', options)

/** Clicks `target` on the test page (through shadow roots too) with real input, at its centre: a trusted click. */
export async function clickOnPage(target: Element): Promise<void> {
  const rect = target.getBoundingClientRect()
  await sendMouse({ type: 'click', position: [Math.round(rect.left + rect.width / 2), Math.round(rect.top + rect.height / 2)] })
}

/**
 * Answers the oldest open approval card of a development wallet (`@crosschain-lending/testing/dev-wallets`)
 * in the wallet's external-wallet window, with a real click, as a person would: `approve`
 * (Connect / Sign, the default) or `reject`. Resolves with the card's text (what the wallet
 * showed); waits up to `timeoutMs` (10 s) for one.
 */
export async function answerDevWallet(answer: 'approve' | 'reject' = 'approve', options: { timeoutMs?: number } = {}): Promise<string> {
  return (await run('ccl:answer-dev-wallet', { answer, ...options })).text
}

/** A real click in the wallet's external-wallet window (`/wallet-window.html`), once it is open: e.g. `.wallet-choice`. */
export const clickInWalletWindow = (selector: string, options: { timeoutMs?: number } = {}) => run('ccl:click-in-wallet-window', { selector, ...options })

/** The text of `selector` in the wallet window (`#wallet-window-purpose`, `#wallet-window-message`, `#wallet-window-status`), or null. */
export const readInWalletWindow = async (selector: string, options: { timeoutMs?: number } = {}) => (await run('ccl:read-in-wallet-window', { selector, ...options })).text

/** Whether a wallet window is open now. */
export const walletWindowOpen = async () => (await run('ccl:wallet-window-open')).open

/**
 * The keys (32 bytes as hex, per chain) the wallet window's development wallets hold from now
 * on (the wallet server's `CCL_DEV_WALLETS=1`; they keep keys in the wallet origin's storage).
 */
export const setDevWalletKeys = (secretKeys: Record<string, string>) => run('ccl:set-dev-wallet-keys', { secretKeys })
