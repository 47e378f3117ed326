import type { WireError } from '../errors'
import type { WireResult } from '../result'

/**
 * The one schema of what crosses postMessage between the `<crosschain-lending>` element (host
 * page) and the wallet iframe (wallet origin). Both sides import these types; neither declares
 * its own copy.
 */

/** A passkey as the host may know it: public data only. */
export type PasskeyInfo = {
  /** base64url credential id, as WebAuthn reports it. */
  credentialId: string
  /** `p256:<base58 of the 33-byte compressed SEC1 point>`, the NEAR Intents key format. */
  publicKey: string
  /** The relying-party ID the passkey is bound to: the wallet's domain. */
  rpId: string
}

/** The account as the chain records it: public data only. */
export type AccountInfo = {
  /** The contract's account id, derived from the first passkey. */
  id: string
  /** True once an external wallet is bound; until then Supply and Borrow are refused. */
  bound: boolean
  wallets: { chain: 'evm' | 'solana' | 'near' | 'stellar'; address: string }[]
}

/** What the wallet shows the host about itself. Never secrets. */
export type WalletState =
  | { status: 'signed-out'; rpId: string }
  | { status: 'signed-in'; rpId: string; passkey: PasskeyInfo; account: AccountInfo }

/** Methods the wallet exposes; the host calls them. Every one returns a `WireResult`. */
export type WalletMethods = {
  /** The wallet's current state. */
  getState(): Promise<WireResult<WalletState>>
  /**
   * Asks the wallet to create an account with a new passkey. Needs a click inside the iframe:
   * called from the host page it is refused with `USER_ACTIVATION_REQUIRED`, which is the
   * point: the host can ask, only the person can approve.
   */
  createAccount(): Promise<WireResult<SignedIn>>
  /**
   * Asks the wallet to sign in with an existing passkey (a discoverable credential: no account
   * needs to be remembered). Like creation, only the person can approve it inside the iframe.
   */
  signIn(): Promise<WireResult<SignedIn>>
}

/** A passkey and the account it controls, as both creation and sign-in report them. */
export type SignedIn = { passkey: PasskeyInfo; account: AccountInfo }

export type WalletMethodName = keyof WalletMethods

/** Things the wallet tells the host without being asked. */
export type WalletEvent =
  | { type: 'state-changed'; state: WalletState }
  | ({ type: 'account-created' } & SignedIn)
  | ({ type: 'signed-in' } & SignedIn)
  | { type: 'error'; error: WireError }
  /** The wallet's content height in CSS pixels, so the element can size the iframe. */
  | { type: 'resize'; height: number }

/** Methods the host exposes; the wallet calls them. */
export type HostMethods = {
  walletEvent(event: WalletEvent): void
}

const eventTypes = new Set<WalletEvent['type']>(['state-changed', 'account-created', 'signed-in', 'error', 'resize'])

/**
 * Validates a value received as a `WalletEvent`. The host trusts the wallet origin, but a
 * malformed message must not crash the element, so unknown shapes are dropped.
 */
export function isWalletEvent(value: unknown): value is WalletEvent {
  if (typeof value !== 'object' || value === null) return false
  const type = (value as { type?: unknown }).type
  if (typeof type !== 'string' || !eventTypes.has(type as WalletEvent['type'])) return false
  if (type === 'resize') {
    const height = (value as { height?: unknown }).height
    return typeof height === 'number' && Number.isFinite(height) && height >= 0
  }
  return true
}
