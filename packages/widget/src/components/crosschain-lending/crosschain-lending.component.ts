import { BaseError, ErrorCode, type WalletChain, type WireError, parseOrigin, toWireError, walletChains } from '@crosschain-lending/protocol'
import {
  type AccessToRemove,
  bindingWarning,
  type AccountInfo,
  type ExternalChain,
  type OperationReceipt,
  type OperationRequest,
  type OperationType,
  type SignedIn,
  type WalletEvent,
  type WalletMethods,
  type WalletState,
  defaultConnectTimeoutMs,
  operationTypes,
} from '@crosschain-lending/protocol/messenger'
import { type Appearance, appearanceAttribute, elementTokensFor, walletThemeFor } from '../../appearance'
import { statusMessagesFor } from '../../i18n/status'
import type { LendingController } from '../../internal/lending-controller'
import type * as LendingUiModule from './lending-ui'
import type { OperationForm } from '../../internal/lending-model'
import type { ExternalWalletConnector } from '../../connector'
import { html, nothing, type PropertyValues } from 'lit'
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

/** A space- or comma-separated attribute as a list; undefined when unset or empty. */
const listAttribute = (value: string | undefined) => {
  const items = value?.split(/[\s,]+/).filter(Boolean)
  return items?.length ? items : undefined
}

type LendingUi = typeof LendingUiModule

/** Where the element is in its life: before a wallet is set, connecting, connected, or failed. */
export type ConnectionStatus = 'idle' | 'connecting' | 'ready' | 'error'

/**
 * @tagname crosschain-lending
 * @summary Passkey lending for any site: the isolated wallet iframe, the position, Supply, Repay, Adjust and Borrow, and the history.
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
 * @csspart warning - The binding warning, word for word, until a wallet is bound.
 * @csspart position - The position: per asset balance, supplied, collateral, borrowed and rates; the health factor.
 * @csspart operations - The four operations: tabs and the selected one's form.
 * @csspart tabs - The tab list (Supply, Repay, Adjust, Borrow).
 * @csspart tab - Each tab.
 * @csspart tab-selected - The selected tab, beside `tab`.
 * @csspart form - The selected operation's form.
 * @csspart amount-input - The amount field.
 * @csspart recipient-input - Borrow's other-address field.
 * @csspart field-error - What is wrong with a field.
 * @csspart preview - The health factor before and after, or why the chain would refuse.
 * @csspart submit - "Review in wallet".
 * @csspart notice - Why an operation is closed (Supply and Borrow before binding).
 * @csspart history - Requests on their way and the account's executed requests.
 *
 * @cssproperty --ccl-color-surface - Panel background.
 * @cssproperty --ccl-color-text - Main text color.
 * @cssproperty --ccl-color-text-muted - Secondary text color.
 * @cssproperty --ccl-color-border - Panel border color.
 * @cssproperty --ccl-color-danger - Error text color.
 * @cssproperty --ccl-color-danger-surface - Error background.
 * @cssproperty --ccl-color-primary - Buttons, the selected tab, focus rings.
 * @cssproperty --ccl-color-primary-text - Text on primary buttons.
 * @cssproperty --ccl-color-warning - Warning text (the binding warning, closed operations).
 * @cssproperty --ccl-color-warning-surface - Warning background.
 * @cssproperty --ccl-color-muted-surface - Badges in the history.
 * @cssproperty --ccl-radius-panel - Panel corner radius.
 * @cssproperty --ccl-radius-control - Corner radius of fields and buttons.
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
    assets: { type: String },
    chains: { type: String },
    operation: { type: String },
    status: { type: String, reflect: true },
    walletState: { attribute: false },
    lastError: { attribute: false },
    appearance: { attribute: 'appearance', converter: appearanceAttribute },
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
  /** The assets to offer, space-separated (`"USDC ETH"`); all the markets' assets when unset. */
  declare assets: string | undefined
  /** The chains Borrow may send to, space-separated (`"evm solana"`); every chain an asset can go to when unset. */
  declare chains: string | undefined
  /** The operation shown first: `supply` (default), `repay`, `adjust` or `borrow`. */
  declare operation: OperationType | undefined
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
   * No longer used: the element never connects or signs with the page's wallets. Binding,
   * recovery, co-signing and removal happen in the wallet's own window (on the wallet origin),
   * where the person's wallet extensions connect; no address or signature from this page can
   * grant authority over an account. Kept so existing pages that set it keep working.
   * @deprecated Ignored; see docs/integrate.md#wallet-window.
   */
  walletConnector: ExternalWalletConnector | undefined

  #connection: WalletConnection | undefined
  /** The lending UI, once loaded (see lending-ui.ts), and its state. */
  #ui: LendingUi | undefined
  #lending: LendingController | undefined
  #loadingUi: Promise<LendingController> | undefined

  /** Loads the lending UI the first time it is needed (an account signed in, a form opened). */
  #lendingUi(): Promise<LendingController> {
    this.#loadingUi ??= import('./lending-ui').then((ui) => {
      this.#ui = ui
      this.#lending = new ui.LendingController(this, {
        getLending: () => this.#require().call('getLending'),
        previewOperation: (request) => this.#require().call('previewOperation', { args: [request] }),
        checkAddress: (chain, address) => this.#require().call('checkAddress', { args: [{ chain, address }] }),
        operate: (request) => this.operate(request),
        account: () => (this.status === 'ready' && this.walletState?.status === 'signed-in' ? this.walletState.account : undefined),
        offeredAssets: () => listAttribute(this.assets)?.map((asset) => asset.toUpperCase()),
        offeredChains: () => listAttribute(this.chains)?.filter((chain): chain is WalletChain => walletChains.includes(chain as WalletChain)),
        focusWallet: () => this.renderRoot.querySelector<HTMLIFrameElement>('iframe')?.focus(),
      })
      if (this.operation && operationTypes.includes(this.operation)) this.#lending.selectType(this.operation)
      this.requestUpdate()
      return this.#lending
    })
    return this.#loadingUi
  }
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
      if (state.status === 'signed-in') void this.#refreshLending()
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
   * Reads the position, markets and history again. The element does so itself after every
   * operation, every 15 s while the page is visible, and when the page becomes visible again;
   * call it when your page knows the account
   * changed (a deposit arrived from another chain).
   */
  async refresh(): Promise<void> {
    if (this.status === 'ready' && this.walletState?.status === 'signed-in') await this.#refreshLending()
  }

  /**
   * Opens an operation's form, optionally filled in (`{ asset: 'USDC', amount: '10' }`), and
   * moves focus to it. The person still reviews it and approves it in the wallet.
   */
  async openOperation(type: OperationType, fields: Partial<Pick<OperationForm, 'asset' | 'amount' | 'collateral' | 'direction' | 'chain'>> & { recipient?: string } = {}): Promise<void> {
    if (!operationTypes.includes(type)) {
      throw new BaseError({ code: ErrorCode.InvalidRequest, shortMessage: `There is no "${String(type)}" operation. Choose one of ${operationTypes.join(', ')}.` })
    }
    const lending = await this.#lendingUi()
    const { recipient, ...rest } = fields
    lending.selectType(type, { ...rest, ...(recipient ? { recipient, recipientMode: 'other' as const } : {}) })
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>(`#tab-${type}`)?.focus()
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
   * Starts binding a wallet on `chain`: the wallet panel asks the person to open the wallet's own
   * window, where their wallet connects and signs; they approve the binding with their passkey in
   * the panel. The page only suggests the chain. Resolves with the account once bound.
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
   * Recovers the account on a device without its passkey: the person connects their bound wallet
   * on `chain` in the wallet's own window. The person confirms in the wallet, which creates a new
   * passkey, and the bound wallet signs its addition there.
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

  override connectedCallback(): void {
    super.connectedCallback()
    if (this.hasUpdated && this.appearance?.theme === 'system') this.#applyAppearance()
    // Deposits arrive from other chains without telling the page: look again now and then while
    // the page is seen, and at once when the person comes back to it.
    this.#poll = setInterval(this.#refreshIfSeen, 15_000)
    document.addEventListener('visibilitychange', this.#refreshIfSeen)
    // Moved or re-attached: the first update's willUpdate handles the initial connect.
    if (this.hasUpdated && this.walletOrigin) void this.connect().catch(() => undefined)
  }

  #poll: ReturnType<typeof setInterval> | undefined
  readonly #refreshIfSeen = () => {
    if (document.visibilityState === 'visible' && this.#lending && !this.#lending.busy) void this.refresh()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    clearInterval(this.#poll)
    document.removeEventListener('visibilitychange', this.#refreshIfSeen)
    this.#darkQuery.removeEventListener('change', this.#onSchemeChange)
    this.disconnect()
  }

  readonly #darkQuery = matchMedia('(prefers-color-scheme: dark)')
  readonly #onSchemeChange = () => {
    this.#applyAppearance()
    if (this.status === 'ready') void this.#sendTheme()
  }
  #appliedTokens: string[] = []

  /**
   * The element's own look: the preset as `data-color-scheme` (`system` follows the person's
   * setting, live), and the appearance's variables as its tokens.
   */
  #applyAppearance(): void {
    const theme = this.appearance?.theme ?? 'light'
    this.#darkQuery.removeEventListener('change', this.#onSchemeChange)
    if (theme === 'system') this.#darkQuery.addEventListener('change', this.#onSchemeChange)
    this.dataset.colorScheme = theme === 'system' ? (this.#darkQuery.matches ? 'dark' : 'light') : theme
    for (const name of this.#appliedTokens) this.style.removeProperty(name)
    const tokens = this.appearance ? elementTokensFor(walletThemeFor(this.appearance, this.#darkQuery.matches)) : {}
    for (const [name, value] of Object.entries(tokens)) this.style.setProperty(name, value)
    this.#appliedTokens = Object.keys(tokens)
  }

  /** Forwards the appearance to the wallet; a refused theme is reported, and the wallet keeps its own. */
  async #sendTheme(): Promise<void> {
    if (!this.appearance || !this.#connection) return
    const prefersDark = this.#darkQuery.matches
    try {
      await this.#connection.call('setTheme', { args: [walletThemeFor(this.appearance, prefersDark)] })
    } catch (error) {
      this.#fail(error, { keepStatus: true })
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('appearance')) {
      this.#applyAppearance()
      if (this.status === 'ready') void this.#sendTheme()
    }
    if (changed.has('operation') && this.operation && operationTypes.includes(this.operation)) this.#lending?.selectType(this.operation)
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
            ></iframe>`
          : nothing}
        ${this.lastError
          ? html`<p part="error" role="alert" data-code=${this.lastError.code}>${this.lastError.message}</p>`
          : nothing}
        ${this.#renderLending()}
      </div>
    `
  }

  /** Signed in: the binding warning until a wallet is bound, the position, the four operations and the history. */
  #renderLending() {
    const ui = this.#ui
    const lending = this.#lending
    if (!ui || !lending) return nothing
    const t = ui.messagesFor(this.#lang)
    const context = lending.context(t, {
      selectType: (type) => lending.selectType(type),
      update: (patch) => lending.update(patch),
      setMax: () => lending.setMax(),
      submit: () => void lending.submit(),
    })
    if (!context) return nothing
    return html`
      ${context.account.bound
        ? nothing
        : html`<div part="warning" role="alert" id="bind-warning">
            <strong>${bindingWarning}</strong>
            ${t.bindWarningTranslation ? html`<span lang=${t.lang}>${t.bindWarningTranslation}</span>` : nothing}
          </div>`}
      ${ui.renderPosition(context)} ${ui.renderOperations(context)} ${ui.renderHistory(context)}
    `
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed)
    // Through the CSSOM, never a style attribute: a strict host CSP (no 'unsafe-inline') blocks those.
    const frame = this.renderRoot.querySelector<HTMLIFrameElement>('iframe')
    if (frame) frame.style.height = this.frameHeight ? `${this.frameHeight}px` : ''
  }

  #walletUrl(origin: string): string {
    const url = new URL('/', origin)
    if (this.passkeyWindow === 'popup') url.searchParams.set('passkey-window', 'popup')
    return url.href
  }

  #statusText(): string {
    const status = statusMessagesFor(this.#lang)
    switch (this.status) {
      case 'idle':
        return status.idle
      case 'connecting':
        return status.connecting
      case 'error':
        return status.error
      case 'ready':
        return this.walletState?.status === 'signed-in'
          ? `${status.signedIn(`${this.walletState.account.id.slice(0, 14)}…`)}${this.walletState.account.bound ? '' : status.unbound}`
          : status.signedOut
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
        if (event.state.status === 'signed-in') void this.#refreshLending()
        else this.#lending?.reset()
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
        void this.#lendingUi().then((lending) => lending.track({ requestId: event.requestId, label: this.#describe(event.operation), phase: 'submitting' }))
        this.dispatchEvent(new CclOperationSubmittedEvent({ requestId: event.requestId, operation: event.operation }))
        return
      case 'operation-pending':
        void this.#lendingUi().then((lending) => lending.track({ requestId: event.requestId, label: this.#describe(event.operation), phase: 'pending' }))
        this.dispatchEvent(new CclOperationPendingEvent({ requestId: event.requestId, operation: event.operation, reason: event.reason, retryUntil: event.retryUntil }))
        return
      case 'operation-final':
        void this.#lendingUi().then((lending) => lending.settled(event.receipt.requestId))
        this.dispatchEvent(new CclOperationFinalEvent(event.receipt))
        return
      case 'error':
        this.#fail(event.error, { keepStatus: true, alreadyWire: true })
        return
    }
  }

  /** The element's language: `lang` on it or an ancestor, else the browser's. */
  get #lang(): string {
    return this.closest('[lang]')?.getAttribute('lang') ?? navigator.language
  }

  #describe(operation: OperationRequest): string {
    const t = this.#ui!.messagesFor(this.#lang)
    return t.history.describe({ type: operation.type, amount: operation.amount, asset: operation.asset, ...(operation.type === 'borrow' && operation.recipient ? operation.recipient : {}) })
  }

  async #refreshLending(): Promise<void> {
    try {
      await (await this.#lendingUi()).refresh()
    } catch (error) {
      this.#fail(error, { keepStatus: true })
    }
  }

  #require(): WalletConnection {
    if (!this.#connection || this.status !== 'ready') throw new BaseError({ code: ErrorCode.WalletDisconnected, shortMessage: 'The wallet is not connected. Wait for the ccl-ready event.' })
    return this.#connection
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
