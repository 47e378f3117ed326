import { BaseError, ErrorCode, type WireError, parseOrigin, toWireError, toWireResult } from '@crosschain-lending/protocol'
import {
  type AccessToRemove,
  type AccountInfo,
  type ExternalChain,
  type HostMethods,
  type OperationReceipt,
  type OperationRequest,
  type SignedIn,
  type WalletEvent,
  type WalletMethods,
  type WalletState,
  defaultConnectTimeoutMs,
} from '@crosschain-lending/protocol/messenger'
import { type Appearance, walletThemeFor } from '../../appearance'
import type { ExternalWalletConnector } from '../../connector'
import { html, nothing, type PropertyValues } from 'lit'
import { styleMap } from 'lit/directives/style-map.js'
import {
  CclAccountCreatedEvent,
  CclAccountRecoveredEvent,
  CclErrorEvent,
  CclOperationFinalEvent,
  CclOperationPendingEvent,
  CclOperationSubmittedEvent,
  CclReadyEvent,
  CclSignedInEvent,
  CclStateChangeEvent,
  CclWalletBoundEvent,
} from '../../events'
import { CclElement } from '../../internal/base-element'
import { WalletConnection } from '../../internal/wallet-connection'
import { crosschainLendingStyles } from './crosschain-lending.styles'

/** Where the element is in its life: before a wallet is set, connecting, connected, or failed. */
export type ConnectionStatus = 'idle' | 'connecting' | 'ready' | 'error'

/**
 * @tagname crosschain-lending
 * @summary Passkey lending for any site: embeds the isolated wallet iframe and shows its state.
 *
 * @event ccl-ready - The wallet completed its handshake. `detail: { walletOrigin, state }`.
 * @event ccl-state-change - The wallet's state changed. `detail: { state }`.
 * @event ccl-account-created - A passkey account was created and recorded on chain. `detail: { passkey, account }`.
 * @event ccl-signed-in - The person signed in with an existing passkey. `detail: { passkey, account }`.
 * @event ccl-wallet-bound - An external wallet was bound to the account on chain. `detail: { account, wallet }`.
 * @event ccl-account-recovered - On a device without the passkey, the bound wallet added a new passkey. `detail: { passkey, account }`.
 * @event ccl-operation-submitted - The person approved an operation with their passkey; it is on its way. `detail: { requestId, operation }`.
 * @event ccl-operation-pending - The relayer is unreachable; the signed operation is retried until `detail.retryUntil`. `detail: { requestId, operation, reason, retryUntil }`.
 * @event ccl-operation-final - The chain executed an operation. `detail`: the receipt `{ requestId, transactionHash?, blockHeight, operation, transfers, position }`.
 * @event ccl-error - Something failed. `detail: { code, message, details?, docsPath? }`.
 *
 * @csspart base - The panel around everything.
 * @csspart header - The title line.
 * @csspart status - The line that says what state the wallet is in.
 * @csspart wallet-frame - The wallet iframe, where passkey buttons and confirmations live.
 * @csspart error - The last error, with `data-code` set to its code.
 *
 * @cssproperty --ccl-color-surface - Panel background.
 * @cssproperty --ccl-color-text - Main text color.
 * @cssproperty --ccl-color-text-muted - Secondary text color.
 * @cssproperty --ccl-color-border - Panel border color.
 * @cssproperty --ccl-color-danger - Error text color.
 * @cssproperty --ccl-color-danger-surface - Error background.
 * @cssproperty --ccl-radius-panel - Panel corner radius.
 * @cssproperty --ccl-space - Panel padding.
 * @cssproperty --ccl-font-family - Font family.
 *
 * @slot header - Replaces the default title.
 */
export class CrossChainLending extends CclElement {
  static override styles = [CclElement.styles, crosschainLendingStyles]

  static override properties = {
    walletOrigin: { type: String, attribute: 'wallet-origin', reflect: true },
    connectTimeout: { type: Number, attribute: 'connect-timeout' },
    passkeyWindow: { type: String, attribute: 'passkey-window', reflect: true },
    status: { type: String, reflect: true },
    walletState: { attribute: false },
    lastError: { attribute: false },
    appearance: { attribute: false },
    frameHeight: { state: true },
  }

  /** Origin of the wallet app, e.g. `https://wallet.example.com`. Must differ from the page's origin. */
  declare walletOrigin: string | undefined
  /**
   * `popup` opens the wallet's passkey prompts in a window of its own on the wallet origin
   * instead of inside the frame (what browsers that refuse passkeys in cross-origin frames
   * need; the wallet also switches by itself when the browser refuses). Anything else: default.
   */
  declare passkeyWindow: 'popup' | 'auto' | undefined
  /** Milliseconds to wait for the wallet handshake before reporting `WALLET_CONNECTION_TIMEOUT`. */
  declare connectTimeout: number
  /** Read-only: where the element is in its life. Reflected as an attribute for styling. */
  declare status: ConnectionStatus
  /** Read-only: the wallet's state once connected. */
  declare walletState: WalletState | undefined
  /** Read-only: the last error shown. */
  declare lastError: WireError | undefined
  /**
   * The look of the wallet panel: a preset and variables (see `Appearance`). Forwarded to the
   * wallet as validated data; colors that would make its text unreadable are adjusted there.
   */
  declare appearance: Appearance | undefined
  declare private frameHeight: number | undefined
  /**
   * Connects the page's own wallets (EVM, Solana, NEAR, Stellar) and signs with them when the
   * person binds one. Without it, binding is refused with a message saying so.
   */
  walletConnector: ExternalWalletConnector | undefined

  #connection: WalletConnection | undefined
  /** Bumped on every (re)connect so results of an older attempt are ignored. */
  #attempt = 0
  #validOrigin: string | undefined

  constructor() {
    super()
    this.connectTimeout = defaultConnectTimeoutMs
    this.status = 'idle'
  }

  /** Connects (or reconnects) to the wallet named by `wallet-origin`. Resolves when ready. */
  async connect(): Promise<void> {
    this.#teardown()
    const attempt = ++this.#attempt
    this.lastError = undefined
    this.walletState = undefined
    let origin: string
    try {
      origin = this.#checkWalletOrigin()
    } catch (error) {
      this.#fail(error)
      throw error
    }
    this.#validOrigin = origin
    this.status = 'connecting'
    await this.updateComplete
    const iframe = this.renderRoot.querySelector('iframe')
    if (!iframe || attempt !== this.#attempt) return
    const connection = new WalletConnection({
      iframe,
      walletOrigin: origin,
      timeoutMs: this.connectTimeout,
      onEvent: (event) => this.#onWalletEvent(event),
      host: this.#hostMethods(),
    })
    this.#connection = connection
    try {
      await connection.ready()
      const state = await connection.call('getState')
      if (attempt !== this.#attempt) return
      this.walletState = state
      await this.#sendTheme()
      this.status = 'ready'
      this.dispatchEvent(new CclReadyEvent({ walletOrigin: origin, state }))
    } catch (error) {
      if (attempt !== this.#attempt) return
      this.#fail(error)
      throw error
    }
  }

  /** Closes the channel and removes the wallet iframe. */
  disconnect(): void {
    this.#attempt++
    this.#teardown()
    this.#validOrigin = undefined
    this.status = 'idle'
    this.walletState = undefined
  }

  /**
   * Asks the wallet to create a passkey account. The wallet requires a click inside its own
   * panel, so from host code this is refused with `USER_ACTIVATION_REQUIRED`: the element shows
   * the error, fires `ccl-error`, and the promise rejects with the same typed error.
   */
  createAccount(): Promise<SignedIn> {
    return this.#ask('createAccount')
  }

  /** Asks the wallet to sign in with an existing passkey; like `createAccount`, only a click in the wallet approves it. */
  signIn(): Promise<SignedIn> {
    return this.#ask('signIn')
  }

  /**
   * Starts binding the page's wallet on `chain` (through `walletConnector`); the person approves
   * the binding with their passkey in the wallet panel. Resolves with the account once bound.
   */
  bindWallet(chain: ExternalChain): Promise<AccountInfo> {
    return this.#ask('bindWallet', [{ chain }])
  }

  /**
   * Asks the wallet to Supply, Repay, Adjust or Borrow, with amounts in the asset's units
   * (`{ type: 'supply', asset: 'USDC', amount: '12.5' }`). The wallet checks it, shows a
   * confirmation, and the person approves it there with their passkey. Resolves with the receipt
   * once the chain has executed it; rejects with a typed error (for example `WALLET_NOT_BOUND`
   * for Supply and Borrow before a wallet is bound, `USER_REJECTED` when the person cancels).
   */
  operate(request: OperationRequest): Promise<OperationReceipt> {
    return this.#ask('operate', [request])
  }

  /**
   * Recovers the account on a device without its passkey: the page's wallet on `chain` (through
   * `walletConnector`) must be one the account has bound. The person confirms in the wallet,
   * which creates a new passkey, and the bound wallet signs its addition.
   */
  recover(chain: ExternalChain): Promise<SignedIn> {
    return this.#ask('recover', [{ chain }])
  }

  /**
   * Removes a passkey (`{ passkey: credentialId }`) or a bound wallet (`{ wallet: { chain, address } }`).
   * A bound wallet signs it; the account's last way in is never removed (`LAST_CONTROL_METHOD`).
   */
  removeAccess(target: AccessToRemove): Promise<AccountInfo> {
    return this.#ask('removeAccess', [target])
  }

  async #ask<K extends 'createAccount' | 'signIn' | 'bindWallet' | 'operate' | 'recover' | 'removeAccess'>(method: K, args?: Parameters<WalletMethods[K]>) {
    try {
      if (!this.#connection || this.status !== 'ready') {
        throw new BaseError({ code: ErrorCode.WalletDisconnected, shortMessage: 'The wallet is not connected. Wait for the ccl-ready event.' })
      }
      return await this.#connection.call(method, { timeoutMs: null, ...(args ? { args } : {}) })
    } catch (error) {
      this.#fail(error, { keepStatus: true })
      throw error
    }
  }

  /** What the wallet may ask of this page: its own wallets, through `walletConnector`. */
  #hostMethods(): Omit<HostMethods, 'walletEvent'> {
    const connector = () => {
      if (!this.walletConnector) {
        throw new BaseError({
          code: ErrorCode.InvalidConfiguration,
          shortMessage: 'This page offers no wallet to bind. Set the element\'s walletConnector.',
          docsPath: '/docs/integrate.md#wallet-connectors',
        })
      }
      return this.walletConnector
    }
    return {
      connectExternalWallet: ({ chain }) => toWireResult(() => connector().connect(chain)),
      signWithExternalWallet: (request) => toWireResult(() => connector().signMessage(request)),
    }
  }

  override connectedCallback(): void {
    super.connectedCallback()
    // Moved or re-attached: the first update's willUpdate handles the initial connect.
    if (this.hasUpdated && this.walletOrigin) void this.connect().catch(() => undefined)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.disconnect()
  }

  /** Forwards the appearance to the wallet; a refused theme is reported, and the wallet keeps its own. */
  async #sendTheme(): Promise<void> {
    if (!this.appearance || !this.#connection) return
    const prefersDark = matchMedia('(prefers-color-scheme: dark)').matches
    try {
      await this.#connection.call('setTheme', { args: [walletThemeFor(this.appearance, prefersDark)] })
    } catch (error) {
      this.#fail(error, { keepStatus: true })
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('appearance') && this.status === 'ready') void this.#sendTheme()
    // A new passkey window mode changes the frame's URL, which reloads the wallet: reconnect.
    const reconnect = changed.has('walletOrigin') || (changed.has('passkeyWindow') && this.hasUpdated)
    if (!reconnect || !this.isConnected) return
    // Errors are shown and fired as events; nobody awaits an attribute change.
    if (this.walletOrigin) void this.connect().catch(() => undefined)
    else if (changed.get('walletOrigin')) this.disconnect()
  }

  override render() {
    return html`
      <div part="base">
        <p part="header"><slot name="header">CrossChain Lending</slot></p>
        <p part="status" role="status" aria-live="polite">${this.#statusText()}</p>
        ${this.#validOrigin && this.status !== 'idle'
          ? html`<iframe
              part="wallet-frame"
              title="CrossChain Lending wallet"
              src=${this.#walletUrl(this.#validOrigin)}
              allow=${`publickey-credentials-create ${this.#validOrigin}; publickey-credentials-get ${this.#validOrigin}`}
              referrerpolicy="origin"
              style=${styleMap(this.frameHeight ? { height: `${this.frameHeight}px` } : {})}
            ></iframe>`
          : nothing}
        ${this.lastError
          ? html`<p part="error" role="alert" data-code=${this.lastError.code}>${this.lastError.message}</p>`
          : nothing}
      </div>
    `
  }

  #walletUrl(origin: string): string {
    const url = new URL('/', origin)
    if (this.passkeyWindow === 'popup') url.searchParams.set('passkey-window', 'popup')
    return url.href
  }

  #statusText(): string {
    switch (this.status) {
      case 'idle':
        return 'Set the wallet-origin attribute to connect a wallet.'
      case 'connecting':
        return 'Connecting to the wallet…'
      case 'error':
        return 'The wallet is not available.'
      case 'ready':
        return this.walletState?.status === 'signed-in'
          ? `Signed in to account ${this.walletState.account.id.slice(0, 14)}…${this.walletState.account.bound ? '' : ' (no wallet bound yet)'}`
          : 'Not signed in. Create an account or sign in with a passkey in the wallet below.'
    }
  }

  #checkWalletOrigin(): string {
    if (!this.walletOrigin) {
      throw new BaseError({ code: ErrorCode.InvalidOrigin, shortMessage: 'Set the wallet-origin attribute, for example wallet-origin="https://wallet.example.com".' })
    }
    const origin = parseOrigin(this.walletOrigin, 'wallet-origin')
    if (origin === location.origin) {
      throw new BaseError({
        code: ErrorCode.WalletNotIsolated,
        shortMessage: `The wallet origin ${origin} is this page's own origin, so it would not be isolated from the page. Serve the wallet from its own origin.`,
        docsPath: '/docs/operate.md#wallet-origin',
      })
    }
    return origin
  }

  #onWalletEvent(event: WalletEvent): void {
    switch (event.type) {
      case 'resize':
        this.frameHeight = Math.min(Math.max(event.height, 48), 2000)
        return
      case 'state-changed':
        this.walletState = event.state
        this.dispatchEvent(new CclStateChangeEvent(event.state))
        return
      case 'account-created':
        this.lastError = undefined
        this.dispatchEvent(new CclAccountCreatedEvent({ passkey: event.passkey, account: event.account }))
        return
      case 'signed-in':
        this.lastError = undefined
        this.dispatchEvent(new CclSignedInEvent({ passkey: event.passkey, account: event.account }))
        return
      case 'wallet-bound':
        this.lastError = undefined
        this.dispatchEvent(new CclWalletBoundEvent({ account: event.account, wallet: event.wallet }))
        return
      case 'account-recovered':
        this.lastError = undefined
        this.dispatchEvent(new CclAccountRecoveredEvent({ passkey: event.passkey, account: event.account }))
        return
      case 'operation-submitted':
        this.lastError = undefined
        this.dispatchEvent(new CclOperationSubmittedEvent({ requestId: event.requestId, operation: event.operation }))
        return
      case 'operation-pending':
        this.dispatchEvent(new CclOperationPendingEvent({ requestId: event.requestId, operation: event.operation, reason: event.reason, retryUntil: event.retryUntil }))
        return
      case 'operation-final':
        this.dispatchEvent(new CclOperationFinalEvent(event.receipt))
        return
      case 'error':
        this.#fail(event.error, { keepStatus: true, alreadyWire: true })
        return
    }
  }

  #fail(error: unknown, options: { keepStatus?: boolean; alreadyWire?: boolean } = {}): void {
    const wire = options.alreadyWire ? (error as WireError) : toWireError(error)
    // The wallet reports its own failures as events; a rejected call repeats the same error.
    if (this.lastError?.code === wire.code && this.lastError.message === wire.message && options.keepStatus) return
    this.lastError = wire
    if (!options.keepStatus) this.status = 'error'
    this.dispatchEvent(new CclErrorEvent(wire))
  }

  #teardown(): void {
    this.#connection?.destroy()
    this.#connection = undefined
    this.frameHeight = undefined
  }
}
