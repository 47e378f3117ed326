import type { WireError } from '@crosschain-lending/protocol'
import type { AccountInfo, ExternalChain, OperationReceipt, OperationRequest, SignedIn, WalletState } from '@crosschain-lending/protocol/messenger'

/**
 * Typed events of `<crosschain-lending>`. All bubble and are composed, so a listener on the
 * document hears them. None carries a secret: passkeys appear by id and public key only.
 */

export type ReadyEventDetail = { walletOrigin: string; state: WalletState }

/** The wallet iframe completed its handshake; `detail.state` is its state at that moment. */
export class CclReadyEvent extends CustomEvent<ReadyEventDetail> {
  static readonly type = 'ccl-ready'
  constructor(detail: ReadyEventDetail) {
    super(CclReadyEvent.type, { detail, bubbles: true, composed: true })
  }
}

/** The wallet's state changed (signed in, signed out). */
export class CclStateChangeEvent extends CustomEvent<{ state: WalletState }> {
  static readonly type = 'ccl-state-change'
  constructor(state: WalletState) {
    super(CclStateChangeEvent.type, { detail: { state }, bubbles: true, composed: true })
  }
}

/** A new account was created with a passkey inside the wallet, and the chain has recorded it. */
export class CclAccountCreatedEvent extends CustomEvent<SignedIn> {
  static readonly type = 'ccl-account-created'
  constructor(detail: SignedIn) {
    super(CclAccountCreatedEvent.type, { detail, bubbles: true, composed: true })
  }
}

/** The person signed in with a passkey they already had; the chain said which account it controls. */
export class CclSignedInEvent extends CustomEvent<SignedIn> {
  static readonly type = 'ccl-signed-in'
  constructor(detail: SignedIn) {
    super(CclSignedInEvent.type, { detail, bubbles: true, composed: true })
  }
}

/** An external wallet was bound to the account: Supply and Borrow are open from now on. */
export class CclWalletBoundEvent extends CustomEvent<{ account: AccountInfo; wallet: { chain: ExternalChain; address: string } }> {
  static readonly type = 'ccl-wallet-bound'
  constructor(detail: { account: AccountInfo; wallet: { chain: ExternalChain; address: string } }) {
    super(CclWalletBoundEvent.type, { detail, bubbles: true, composed: true })
  }
}

/** On a device without the passkey, the bound wallet added a new one; the person is signed in with it. */
export class CclAccountRecoveredEvent extends CustomEvent<SignedIn> {
  static readonly type = 'ccl-account-recovered'
  constructor(detail: SignedIn) {
    super(CclAccountRecoveredEvent.type, { detail, bubbles: true, composed: true })
  }
}

export type OperationSubmittedDetail = { requestId: string; operation: OperationRequest }

/** The person approved an operation with their passkey; it is on its way to the chain. */
export class CclOperationSubmittedEvent extends CustomEvent<OperationSubmittedDetail> {
  static readonly type = 'ccl-operation-submitted'
  constructor(detail: OperationSubmittedDetail) {
    super(CclOperationSubmittedEvent.type, { detail, bubbles: true, composed: true })
  }
}

export type OperationPendingDetail = OperationSubmittedDetail & { reason: string; retryUntil: number }

/**
 * The relayer could not be reached. The signed operation is kept and retried until
 * `retryUntil` (ms since the epoch); it will not be signed again.
 */
export class CclOperationPendingEvent extends CustomEvent<OperationPendingDetail> {
  static readonly type = 'ccl-operation-pending'
  constructor(detail: OperationPendingDetail) {
    super(CclOperationPendingEvent.type, { detail, bubbles: true, composed: true })
  }
}

/** The chain executed an operation; `detail` is its receipt (request id, transaction, new position). */
export class CclOperationFinalEvent extends CustomEvent<OperationReceipt> {
  static readonly type = 'ccl-operation-final'
  constructor(receipt: OperationReceipt) {
    super(CclOperationFinalEvent.type, { detail: receipt, bubbles: true, composed: true })
  }
}

/** Something failed; `detail.code` is one of the documented error codes. */
export class CclErrorEvent extends CustomEvent<WireError> {
  static readonly type = 'ccl-error'
  constructor(error: WireError) {
    super(CclErrorEvent.type, { detail: error, bubbles: true, composed: true })
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ccl-ready': CclReadyEvent
    'ccl-state-change': CclStateChangeEvent
    'ccl-account-created': CclAccountCreatedEvent
    'ccl-signed-in': CclSignedInEvent
    'ccl-wallet-bound': CclWalletBoundEvent
    'ccl-account-recovered': CclAccountRecoveredEvent
    'ccl-operation-submitted': CclOperationSubmittedEvent
    'ccl-operation-pending': CclOperationPendingEvent
    'ccl-operation-final': CclOperationFinalEvent
    'ccl-error': CclErrorEvent
  }
}
