import type { WalletChain } from '../chains'
import type { WireError } from '../errors'
import type { WireResult } from '../result'
import type { WalletSignable } from '../request/wallet-signable'
import type { LendingSnapshot, OperationPreview, OperationReceipt, OperationRequest } from './operations'
import type { WalletTheme } from './theme'

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
  wallets: { chain: WalletChain; address: string }[]
  /** The passkeys that control the account (public data, as the contract records it). */
  passkeys: { credentialId: string; publicKey: string }[]
  /** Passkeys and wallets added less than the contract's security period ago, and when each becomes a full control method. */
  pending?: PendingAccessChange[]
}

/**
 * A passkey or wallet in its security period (see docs/contract.md#security-period): until
 * `maturesAtMs` it cannot remove an older method or move assets, and any older method can cancel it.
 */
export type PendingAccessChange =
  | { kind: 'passkey'; credentialId: string; addedAtMs: number; maturesAtMs: number }
  | { kind: 'wallet'; chain: WalletChain; address: string; addedAtMs: number; maturesAtMs: number }

/**
 * The product rule, word for word: shown right after an account is created, and until a wallet
 * is bound, by the wallet and by the element alike.
 */
export const bindingWarning = 'Passkeys are not recoverable. Please bind another blockchain wallet immediately.'

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
  /**
   * Starts binding an external wallet on `chain`: the wallet's panel asks the person to open
   * the wallet window (on the wallet origin), where their own wallet connects and signs the
   * binding message the wallet writes; the wallet verifies the signature itself, shows a
   * confirmation, and the person approves it with the passkey. `chain` is only a suggestion of
   * which wallet to connect. Resolves once the chain has the binding.
   */
  bindWallet(request: { chain: ExternalChain }): Promise<WireResult<AccountInfo>>
  /**
   * Prepares Supply, Repay, Adjust or Borrow: the wallet checks it against the policy table and
   * the account on chain, shows exactly what will be signed, and only the person's click and
   * passkey approve it. Resolves with the receipt once the chain has executed it.
   */
  operate(request: OperationRequest): Promise<WireResult<OperationReceipt>>
  /**
   * On a device without the passkey: the bound wallet on `chain`, connected in the wallet window,
   * proves the account is the person's, a new passkey is created in the wallet after they confirm there,
   * and the bound wallet signs its addition. Resolves signed in with the new passkey.
   */
  recover(request: { chain: ExternalChain }): Promise<WireResult<SignedIn>>
  /**
   * Removes a passkey or a bound wallet. Only a bound wallet may sign it (the wallet being
   * removed, or for a passkey, the first bound wallet), and never the account's last way in.
   */
  removeAccess(request: AccessToRemove): Promise<WireResult<AccountInfo>>
  /**
   * Styles the wallet's panel to match the host: validated data (hex colors, a radius, a font
   * from a list), never CSS. Colors that would make text unreadable are adjusted to WCAG AA
   * contrast and named in `adjusted`.
   */
  setTheme(theme: WalletTheme): Promise<WireResult<{ adjusted: string[] }>>
  /** Markets, and for the signed-in account its position and history: public chain data. */
  getLending(): Promise<WireResult<LendingSnapshot>>
  /**
   * What an operation would do to the signed-in account, checked as `operate` checks it (policy,
   * amount, recipient, the contract's preview), or the refusal it would meet, with its code.
   * Shows nothing and signs nothing.
   */
  previewOperation(request: OperationRequest): Promise<WireResult<OperationPreview>>
  /** Whether `address` is a valid address on `chain`, and its canonical form (e.g. EIP-55). */
  checkAddress(request: { chain: ExternalChain; address: string }): Promise<WireResult<{ chain: ExternalChain; address: string }>>
}

/** A passkey (by credential id) or a bound wallet to remove from the account. */
export type AccessToRemove = { passkey: string } | { wallet: { chain: ExternalChain; address: string } }

/** The chains whose wallets can be bound (the protocol's one list of them). */
export type ExternalChain = WalletChain

/** A passkey and the account it controls, as both creation and sign-in report them. */
export type SignedIn = { passkey: PasskeyInfo; account: AccountInfo }

export type WalletMethodName = keyof WalletMethods

/** Things the wallet tells the host without being asked. */
export type WalletEvent =
  | { type: 'state-changed'; state: WalletState }
  | ({ type: 'account-created' } & SignedIn)
  | ({ type: 'signed-in' } & SignedIn)
  | { type: 'wallet-bound'; account: AccountInfo; wallet: { chain: ExternalChain; address: string } }
  /** A new passkey on this device was added by the bound wallet; the person is signed in with it. */
  | ({ type: 'account-recovered' } & SignedIn)
  /** The person approved an operation and it is on its way to the chain. */
  | { type: 'operation-submitted'; requestId: string; operation: OperationRequest }
  /** The relayer could not be reached; the signed request is kept and retried until `retryUntil` (ms since the epoch). */
  | { type: 'operation-pending'; requestId: string; operation: OperationRequest; reason: string; retryUntil: number }
  /** The chain executed the operation. */
  | { type: 'operation-final'; receipt: OperationReceipt }
  | { type: 'error'; error: WireError }
  /** The wallet's content height in CSS pixels, so the element can size the iframe. */
  | { type: 'resize'; height: number }

/**
 * Methods the host exposes; the wallet calls them. Only events: the host page is never asked to
 * connect a wallet or sign anything. External wallets connect and sign in the wallet origin's own
 * window (`/wallet-window.html`), so no address or signature that grants authority over an
 * account can come from the host page (see docs/security.md).
 */
export type HostMethods = {
  walletEvent(event: WalletEvent): void
}

/** An external wallet's address, and its public key where the chain needs one to verify (NEAR). */
export type ExternalWalletAccount = { chain: ExternalChain; address: string; publicKey?: string }

/**
 * What a wallet is asked to sign, in the wallet window:
 * EIP-712 typed data for EVM wallets (`typedData`, signed with `eth_signTypedData_v4`), text
 * for the others (`message`).
 */
export type ExternalSignatureRequest = WalletSignable & {
  chain: ExternalChain
  address: string
  /** NEP-413 parameters for NEAR wallets; the nonce is base64 of 32 bytes. */
  nep413?: { nonce: string; recipient: string }
  /**
   * Why the wallet asks, for the wallet's prompt: binding this wallet, co-signing a Borrow
   * to another address, recovering the account with a new passkey, or removing a passkey or wallet.
   */
  purpose: 'bind' | 'cosign' | 'recover' | 'remove'
}

const eventTypes = new Set<WalletEvent['type']>([
  'state-changed',
  'account-created',
  'signed-in',
  'wallet-bound',
  'account-recovered',
  'operation-submitted',
  'operation-pending',
  'operation-final',
  'error',
  'resize',
])

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
