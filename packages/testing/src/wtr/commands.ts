import type { VirtualAuthenticatorOptions, VirtualCredential } from '../cdp/virtual-authenticator'

/** The server commands the plugin adds, shared by the plugin and the browser helpers. */
export const commands = {
  'ccl:wallet-origin': true,
  'ccl:environment': true,
  'ccl:add-virtual-authenticator': true,
  'ccl:get-credentials': true,
  'ccl:add-resident-credential': true,
  'ccl:set-user-verified': true,
  'ccl:remove-virtual-authenticator': true,
  'ccl:click-in-wallet': true,
  'ccl:control-environment': true,
  'ccl:read-in-wallet': true,
  'ccl:wallet-frames': true,
  'ccl:click-in-passkey-window': true,
  'ccl:read-in-passkey-window': true,
  'ccl:close-passkey-window': true,
  'ccl:axe-in-wallet': true,
  'ccl:box-in-wallet': true,
  'ccl:answer-dev-wallet': true,
  'ccl:click-in-wallet-window': true,
  'ccl:read-in-wallet-window': true,
  'ccl:set-dev-wallet-keys': true,
  'ccl:wallet-window-open': true,
  'ccl:screenshot': true,
} as const

/** A frame seen on the page, as the plugin reports it. */
export type FrameReport = {
  url: string
  parentUrl: string | null
  /** The wallet booted in this frame (only wallet-origin frames report it). */
  ready: boolean
  /** Messages the wallet's gate dropped in this frame. */
  droppedMessages: number
}

export type CommandPayloads = {
  'ccl:wallet-origin': undefined
  'ccl:environment': undefined
  'ccl:add-virtual-authenticator': VirtualAuthenticatorOptions | undefined
  'ccl:get-credentials': { authenticatorId: string }
  'ccl:add-resident-credential': { authenticatorId: string; rpId: string }
  'ccl:set-user-verified': { authenticatorId: string; isUserVerified: boolean }
  'ccl:remove-virtual-authenticator': { authenticatorId: string }
  /** `whenEnabled` (default true): wait until the target is not disabled; false clicks it as it is. */
  'ccl:click-in-wallet': { selector: string; timeoutMs?: number; whenEnabled?: boolean }
  /** `styles`: computed style properties to read as well (what a person sees: colors, sizes). */
  'ccl:read-in-wallet': { selector: string; styles?: string[]; attributes?: string[] }
  'ccl:control-environment': { name: string }
  'ccl:wallet-frames': undefined
  /** `selector` defaults to the window's "Continue with passkey" button. */
  'ccl:click-in-passkey-window': { selector?: string; timeoutMs?: number } | undefined
  'ccl:read-in-passkey-window': { selector: string; timeoutMs?: number }
  'ccl:close-passkey-window': { timeoutMs?: number } | undefined
  /** axe-core tags to check (default WCAG 2 A and AA). */
  'ccl:axe-in-wallet': { tags?: string[] } | undefined
  'ccl:box-in-wallet': { selector: string }
  /** Answers the oldest development-wallet card in the wallet window. */
  'ccl:answer-dev-wallet': { answer: 'approve' | 'reject'; timeoutMs?: number }
  /** A real click in the wallet window (`/wallet-window.html`), e.g. on a wallet to connect. */
  'ccl:click-in-wallet-window': { selector: string; timeoutMs?: number }
  'ccl:read-in-wallet-window': { selector: string; timeoutMs?: number }
  /** The keys (32 bytes, hex) the wallet window's development wallets hold from now on, per chain. */
  'ccl:set-dev-wallet-keys': { secretKeys: Record<string, string> }
  'ccl:wallet-window-open': undefined
  /** Screenshots of the test page (the wallet frame in it) at each width, as `<name>-<width>.png` in CCL_SCREENSHOTS_DIR. */
  'ccl:screenshot': { name: string; widths: number[]; window?: 'passkey' | 'wallet' }
}

export type CommandResults = {
  'ccl:wallet-origin': string
  /** The wallet origin and what the plugin's `startWallet` reported (relayer and RPC URLs). */
  'ccl:environment': Record<string, string>
  'ccl:add-virtual-authenticator': string
  'ccl:get-credentials': VirtualCredential[]
  /** The new credential's id, base64. */
  'ccl:add-resident-credential': string
  'ccl:set-user-verified': true
  'ccl:remove-virtual-authenticator': true
  'ccl:click-in-wallet': true
  'ccl:read-in-wallet': { text: string | null; styles: Record<string, string>; attributes: Record<string, string | null> }
  'ccl:control-environment': true
  'ccl:wallet-frames': FrameReport[]
  'ccl:click-in-passkey-window': true
  'ccl:read-in-passkey-window': { text: string | null }
  'ccl:close-passkey-window': true
  /** One line per violation: rule, impact, help and where. */
  'ccl:axe-in-wallet': string[]
  /** Where the element is drawn, in the test page's coordinates; `box` null when absent. */
  'ccl:box-in-wallet': { box: { x: number; y: number; width: number; height: number } | null }
  'ccl:answer-dev-wallet': { text: string }
  'ccl:click-in-wallet-window': true
  'ccl:read-in-wallet-window': { text: string | null }
  'ccl:set-dev-wallet-keys': true
  /** Whether a wallet window is open now. */
  'ccl:wallet-window-open': { open: boolean }
  /** The files written; none when CCL_SCREENSHOTS_DIR is not set. */
  'ccl:screenshot': { saved: string[] }
}
