import { type MarketView, type WalletChain, type WireError, toWireError } from '@crosschain-lending/protocol'
import type { AccountInfo, LendingSnapshot, OperationPreview, OperationReceipt, OperationRequest, OperationType } from '@crosschain-lending/protocol/messenger'
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type { AddressCheck, InFlightRequest, LendingViewContext, PreviewState } from '../components/crosschain-lending/lending-view'
import type { Messages } from '../i18n'
import { type AmountCheck, type OperationForm, borrowCap, checkAmount, displayAmount, emptyForm, isAvailable, maxAmount, requestFor } from './lending-model'

export type LendingControllerDependencies = {
  getLending(): Promise<LendingSnapshot>
  previewOperation(request: OperationRequest): Promise<OperationPreview>
  checkAddress(chain: WalletChain, address: string): Promise<{ address: string }>
  operate(request: OperationRequest): Promise<OperationReceipt>
  /** The signed-in account, if any. */
  account(): AccountInfo | undefined
  /** The `assets` and `chains` attributes: what the partner offers (undefined: everything). */
  offeredAssets(): string[] | undefined
  offeredChains(): WalletChain[] | undefined
  /** Moves focus to the wallet, where the confirmation opens. */
  focusWallet(): void
}

const previewDelayMs = 250
const addressDelayMs = 300

/**
 * The lending UI's state: the form, what the wallet says it would do, the recipient check, and
 * requests on their way. Reads go through the wallet (which reads the chain); nothing here signs.
 */
export class LendingController implements ReactiveController {
  form: OperationForm = emptyForm()
  snapshot: LendingSnapshot | undefined
  amountCheck: AmountCheck | undefined
  preview: PreviewState = { status: 'idle' }
  address: AddressCheck = { status: 'idle' }
  busy = false
  inFlight: InFlightRequest[] = []

  readonly #host: ReactiveControllerHost
  readonly #deps: LendingControllerDependencies
  #previewTimer: ReturnType<typeof setTimeout> | undefined
  #addressTimer: ReturnType<typeof setTimeout> | undefined
  /** Bumped by each new preview or address check, so a late answer about an older form is dropped. */
  #previewRevision = 0
  #addressRevision = 0

  constructor(host: ReactiveControllerHost, deps: LendingControllerDependencies) {
    this.#host = host
    this.#deps = deps
    host.addController(this)
  }

  hostDisconnected(): void {
    clearTimeout(this.#previewTimer)
    clearTimeout(this.#addressTimer)
  }

  /** Reads markets, position and history again (after sign-in, binding, a final operation). */
  async refresh(): Promise<void> {
    const snapshot = await this.#deps.getLending()
    this.snapshot = snapshot
    // The wallet has at most one request on its way, and knows it even after a reload; one this
    // element tracked that has since failed or expired is dropped here.
    const flying = snapshot.inFlight
    const label = flying && this.inFlight.find((entry) => entry.requestId === flying.requestId)?.label
    this.inFlight = flying ? [{ requestId: flying.requestId, label: label ?? flying.title, phase: flying.phase }] : []
    this.#normalize()
    this.#changed({ recheckAddress: false })
  }

  /** Clears everything that belonged to the account (signed out). */
  reset(): void {
    this.snapshot = undefined
    this.inFlight = []
    this.#chainChosen = false
    this.form = emptyForm(this.form.type)
    this.#changed({ recheckAddress: false })
  }

  selectType(type: OperationType, fields: Partial<Omit<OperationForm, 'type'>> = {}): void {
    this.form = { ...emptyForm(type), asset: this.form.asset, chain: this.form.chain, ...fields }
    this.amountCheck = undefined
    this.#normalize()
    this.#changed({ recheckAddress: true })
  }

  update(patch: Partial<OperationForm>): void {
    if ('chain' in patch) this.#chainChosen = true
    this.form = { ...this.form, ...patch }
    this.#normalize()
    this.#changed({ recheckAddress: 'recipient' in patch || 'chain' in patch || 'recipientMode' in patch })
  }

  setMax(): void {
    const market = this.market
    if (!market) return
    this.update({ amount: displayAmount(this.max, market.decimals, market.decimals) })
  }

  /** Asks the wallet to run the form's operation: its confirmation and the passkey approve it. */
  async submit(): Promise<OperationReceipt | undefined> {
    const request = this.#request()
    if (!request || this.busy) return undefined
    this.busy = true
    this.#host.requestUpdate()
    this.#deps.focusWallet()
    try {
      const receipt = await this.#deps.operate(request)
      this.form = { ...this.form, amount: '' }
      this.amountCheck = undefined
      return receipt
    } catch {
      // The element shows the error and fires ccl-error; the form keeps what was entered. A
      // request that was signed and then failed leaves the history's "on its way" list.
      void this.refresh().catch(() => undefined)
      return undefined
    } finally {
      this.busy = false
      this.#changed({ recheckAddress: false })
    }
  }

  /** A request the wallet reports as submitted or waiting for the relayer. */
  track(request: InFlightRequest): void {
    this.inFlight = [request, ...this.inFlight.filter((entry) => entry.requestId !== request.requestId)]
    this.#host.requestUpdate()
  }

  /** The chain executed a request: it moves from in flight to history. */
  async settled(requestId: string): Promise<void> {
    this.inFlight = this.inFlight.filter((entry) => entry.requestId !== requestId)
    await this.refresh().catch(() => this.#host.requestUpdate())
  }

  get market(): MarketView | undefined {
    return this.snapshot?.markets.find((market) => market.asset === this.form.asset)
  }

  get max(): bigint {
    return maxAmount(this.form, this.snapshot?.position ?? null, this.market)
  }

  /** What the view draws from, for one render. */
  context(t: Messages, on: LendingViewContext['on']): LendingViewContext | undefined {
    const account = this.#deps.account()
    if (!account) return undefined
    return {
      t,
      account,
      snapshot: this.snapshot,
      form: this.form,
      market: this.market,
      assets: this.#assets(),
      chains: this.#chains(),
      max: this.max,
      borrowCappedBy: borrowCap(this.snapshot?.position ?? null, this.market).by,
      amountCheck: this.amountCheck,
      preview: this.preview,
      address: this.address,
      busy: this.busy,
      inFlight: this.inFlight,
      on,
    }
  }

  #assets(): string[] {
    const offered = this.#deps.offeredAssets()
    return (this.snapshot?.markets ?? []).map((market) => market.asset).filter((asset) => !offered || offered.includes(asset))
  }

  #chains(): WalletChain[] {
    const offered = this.#deps.offeredChains()
    return (this.market?.chains ?? []).filter((chain) => !offered || offered.includes(chain))
  }

  /** Whether the person picked Borrow's chain; until then it follows the bound wallet. */
  #chainChosen = false

  /**
   * Keeps the form's choices among what is offered: a valid asset, a chain the asset can go to.
   * Borrow's chain defaults to the bound wallet's, and keeps following it (a wallet bound after
   * the form was first drawn) until the person picks one.
   */
  #normalize(): void {
    const assets = this.#assets()
    if (!assets.includes(this.form.asset) && assets.length) this.form = { ...this.form, asset: assets[0]! }
    const chains = this.#chains()
    if (this.form.type !== 'borrow') return
    const account = this.#deps.account()
    const boundChain = chains.find((chain) => account?.wallets.some((wallet) => wallet.chain === chain))
    const offered = this.form.chain !== undefined && chains.includes(this.form.chain)
    if (!offered || (!this.#chainChosen && boundChain !== undefined && this.form.chain !== boundChain)) {
      this.form = { ...this.form, chain: boundChain ?? chains[0] }
    }
  }

  #request(): OperationRequest | undefined {
    const account = this.#deps.account()
    const market = this.market
    if (!account || !market || !isAvailable(this.form.type, account) || this.amountCheck?.ok !== true) return undefined
    return requestFor(this.form, this.amountCheck.value, market.decimals, account)
  }

  #changed({ recheckAddress }: { recheckAddress: boolean }): void {
    const market = this.market
    if (market && this.form.amount.trim() !== '') this.amountCheck = checkAmount(this.form.amount, market.decimals, this.max)
    else if (this.form.amount.trim() === '') this.amountCheck = undefined
    if (recheckAddress) this.#checkAddress()
    this.#schedulePreview()
    this.#host.requestUpdate()
  }

  #schedulePreview(): void {
    clearTimeout(this.#previewTimer)
    const revision = ++this.#previewRevision
    const request = this.#request()
    const recipientPending = this.form.type === 'borrow' && this.form.recipientMode === 'other' && this.address.status !== 'valid'
    if (!request || recipientPending) {
      this.preview = { status: 'idle' }
      return
    }
    this.preview = { status: 'loading' }
    this.#previewTimer = setTimeout(() => {
      this.#deps.previewOperation(request).then(
        (value) => this.#settle(() => revision === this.#previewRevision, () => (this.preview = { status: 'ok', value })),
        (error: unknown) => this.#settle(() => revision === this.#previewRevision, () => (this.preview = { status: 'error', error: toWireError(error) as WireError })),
      )
    }, previewDelayMs)
  }

  #checkAddress(): void {
    clearTimeout(this.#addressTimer)
    const revision = ++this.#addressRevision
    const current = () => revision === this.#addressRevision
    const { chain, recipient, recipientMode, type } = this.form
    if (type !== 'borrow' || recipientMode !== 'other' || !chain || recipient.trim() === '') {
      this.address = { status: 'idle' }
      return
    }
    this.address = { status: 'checking' }
    this.#addressTimer = setTimeout(() => {
      this.#deps.checkAddress(chain, recipient.trim()).then(
        ({ address }) =>
          this.#settle(current, () => {
            this.address = { status: 'valid', message: address }
            // A valid recipient opens the preview.
            this.#schedulePreview()
          }),
        (error: unknown) => this.#settle(current, () => (this.address = { status: 'invalid', message: toWireError(error).message })),
      )
    }, addressDelayMs)
  }

  #settle(isCurrent: () => boolean, apply: () => void): void {
    if (!isCurrent()) return
    apply()
    this.#host.requestUpdate()
  }
}
