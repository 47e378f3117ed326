import { type MarketView, type WireError, walletChainNames } from '@crosschain-lending/protocol'
import type { AccountInfo, LendingSnapshot, OperationPreview, OperationType } from '@crosschain-lending/protocol/messenger'
import { operationTypes } from '@crosschain-lending/protocol/messenger'
import { html, nothing } from 'lit'
import type { Messages } from '../../i18n'
import { type AmountCheck, type OperationForm, boundWalletOn, displayAmount, isAvailable } from '../../internal/lending-model'

/** A request the element saw leave (submitted or pending) and has not seen final yet. */
export type InFlightRequest = { requestId: string; label: string; phase: 'submitting' | 'pending' }

/** `message`: the canonical address when valid, why not when invalid. */
export type AddressCheck = { status: 'idle' | 'checking' | 'valid' | 'invalid'; message?: string }
export type PreviewState = { status: 'idle' | 'loading' } | { status: 'ok'; value: OperationPreview } | { status: 'error'; error: WireError }

/** Everything the lending part of the element draws from, and where its input goes. */
export type LendingViewContext = {
  t: Messages
  account: AccountInfo
  snapshot: LendingSnapshot | undefined
  form: OperationForm
  market: MarketView | undefined
  /** Assets offered (the `assets` attribute, within the markets). */
  assets: string[]
  /** The chains Borrow may send the form's asset to (the `chains` attribute, within the market's). */
  chains: MarketView['chains']
  max: bigint
  /** What caps Borrow now: the collateral's borrow limit, or the pool's cash. */
  borrowCappedBy: 'collateral' | 'pool'
  /** Undefined until the person has typed an amount. */
  amountCheck: AmountCheck | undefined
  preview: PreviewState
  address: AddressCheck
  /** The wallet is showing the confirmation for this form's request. */
  busy: boolean
  inFlight: InFlightRequest[]
  on: {
    selectType(type: OperationType): void
    update(patch: Partial<OperationForm>): void
    setMax(): void
    submit(): void
  }
}

const healthText = (t: Messages, value: string | null | undefined) => (value === null || value === undefined ? t.form.noDebt : value)

/** The tabs and the form of the selected operation. */
export function renderOperations(ctx: LendingViewContext) {
  const { t, form } = ctx
  const onKey = (event: KeyboardEvent) => {
    // Arrow keys move between tabs, as the ARIA tabs pattern has it; Home and End jump.
    const index = operationTypes.indexOf(form.type)
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: operationTypes.length - 1 }[event.key]
    if (next === undefined) return
    event.preventDefault()
    const type = operationTypes[(next + operationTypes.length) % operationTypes.length]!
    ctx.on.selectType(type)
    const root = (event.currentTarget as HTMLElement).getRootNode() as ShadowRoot
    void Promise.resolve().then(() => root.getElementById(`tab-${type}`)?.focus())
  }
  return html`
    <section part="operations">
      <div role="tablist" aria-label=${t.tablistLabel} part="tabs" @keydown=${onKey}>
        ${operationTypes.map(
          (type) => html`<button
            role="tab"
            id=${`tab-${type}`}
            part=${type === form.type ? 'tab tab-selected' : 'tab'}
            aria-selected=${type === form.type ? 'true' : 'false'}
            aria-controls="operation-panel"
            tabindex=${type === form.type ? '0' : '-1'}
            type="button"
            @click=${() => ctx.on.selectType(type)}
          >
            ${t.operations[type].name}
          </button>`,
        )}
      </div>
      <form id="operation-panel" role="tabpanel" part="form" aria-labelledby=${`tab-${form.type}`} novalidate @submit=${(event: Event) => (event.preventDefault(), ctx.on.submit())}>
        <p class="hint">${t.operations[form.type].hint}</p>
        ${isAvailable(form.type, ctx.account) ? renderFields(ctx) : html`<p class="notice" id="operation-unavailable" role="note" part="notice">${t.form.unavailableUnbound}</p>`}
      </form>
    </section>
  `
}

function renderFields(ctx: LendingViewContext) {
  const { t, form, market } = ctx
  const decimals = market?.decimals ?? 0
  const availableAmount = displayAmount(ctx.max, decimals, decimals)
  const available = form.type === 'borrow' ? t.form.availableToBorrow(availableAmount, form.asset, ctx.borrowCappedBy) : t.form.available(availableAmount, form.asset)
  const amountError = ctx.amountCheck && !ctx.amountCheck.ok ? amountErrorText(t, ctx.amountCheck, form.asset) : undefined
  const canSubmit = ctx.amountCheck?.ok === true && ctx.preview.status === 'ok' && !ctx.busy && (form.type !== 'borrow' || recipientReady(ctx))
  return html`
    <div class="field">
      <label for="asset">${t.form.asset}</label>
      <select id="asset" .value=${form.asset} @change=${(event: Event) => ctx.on.update({ asset: (event.target as HTMLSelectElement).value })}>
        ${ctx.assets.map((asset) => html`<option value=${asset} ?selected=${asset === form.asset}>${asset}</option>`)}
      </select>
    </div>
    ${form.type === 'adjust'
      ? html`<div class="field">
          <label for="direction">${t.form.direction}</label>
          <select id="direction" @change=${(event: Event) => ctx.on.update({ direction: (event.target as HTMLSelectElement).value as OperationForm['direction'] })}>
            <option value="to-collateral" ?selected=${form.direction === 'to-collateral'}>${t.form.toCollateral}</option>
            <option value="to-supplied" ?selected=${form.direction === 'to-supplied'}>${t.form.toSupplied}</option>
          </select>
        </div>`
      : nothing}
    <div class="field">
      <label for="amount">${t.form.amount}</label>
      <div class="amount-row">
        <input
          id="amount"
          part="amount-input"
          inputmode="decimal"
          autocomplete="off"
          .value=${form.amount}
          aria-invalid=${amountError ? 'true' : 'false'}
          aria-describedby="amount-available amount-error"
          @input=${(event: Event) => ctx.on.update({ amount: (event.target as HTMLInputElement).value })}
        />
        <button id="max" type="button" class="secondary" @click=${() => ctx.on.setMax()}>${t.form.max}</button>
      </div>
      <p class="hint" id="amount-available">${available}</p>
      <p class="field-error" id="amount-error" part="field-error" role=${amountError ? 'alert' : nothing}>${amountError ?? ''}</p>
    </div>
    ${form.type === 'supply'
      ? html`<label class="check"><input id="collateral" type="checkbox" .checked=${form.collateral} @change=${(event: Event) => ctx.on.update({ collateral: (event.target as HTMLInputElement).checked })} /> ${t.form.asCollateral}</label>`
      : nothing}
    ${form.type === 'borrow' ? renderRecipient(ctx) : nothing}
    ${renderPreview(ctx)}
    <button id="review" part="submit" type="submit" ?disabled=${!canSubmit} aria-busy=${ctx.busy ? 'true' : 'false'}>${ctx.busy ? t.form.reviewing : t.form.review}</button>
  `
}

function recipientReady(ctx: LendingViewContext): boolean {
  if (!ctx.form.chain) return false
  return ctx.form.recipientMode === 'bound' ? boundWalletOn(ctx.account, ctx.form.chain) !== undefined : ctx.address.status === 'valid'
}

function renderRecipient(ctx: LendingViewContext) {
  const { t, form, account } = ctx
  const bound = boundWalletOn(account, form.chain)
  return html`
    <div class="field">
      <label for="chain">${t.form.chain}</label>
      <select id="chain" @change=${(event: Event) => ctx.on.update({ chain: (event.target as HTMLSelectElement).value as OperationForm['chain'] })}>
        ${ctx.chains.map((chain) => html`<option value=${chain} ?selected=${chain === form.chain}>${walletChainNames[chain]}</option>`)}
      </select>
    </div>
    <fieldset class="field">
      <legend>${t.form.recipient}</legend>
      <label class="check">
        <input type="radio" name="recipient" id="recipient-bound" value="bound" .checked=${form.recipientMode === 'bound'} ?disabled=${!bound} @change=${() => ctx.on.update({ recipientMode: 'bound' })} />
        ${bound ? t.form.toBoundWallet(bound.address) : t.form.noBoundWalletOn(form.chain ? walletChainNames[form.chain] : '')}
      </label>
      <label class="check">
        <input type="radio" name="recipient" id="recipient-other" value="other" .checked=${form.recipientMode === 'other'} @change=${() => ctx.on.update({ recipientMode: 'other' })} />
        ${t.form.toOtherAddress}
      </label>
      ${form.recipientMode === 'other'
        ? html`<input
              id="recipient"
              part="recipient-input"
              aria-label=${t.form.addressPlaceholder}
              placeholder=${t.form.addressPlaceholder}
              autocomplete="off"
              spellcheck="false"
              .value=${form.recipient}
              aria-invalid=${ctx.address.status === 'invalid' ? 'true' : 'false'}
              aria-describedby="recipient-status recipient-note"
              @input=${(event: Event) => ctx.on.update({ recipient: (event.target as HTMLInputElement).value })}
            />
            <p class=${ctx.address.status === 'invalid' ? 'field-error' : 'hint'} id="recipient-status" data-status=${ctx.address.status} aria-live="polite">
              ${ctx.address.status === 'checking'
                ? t.form.checkingAddress
                : ctx.address.status === 'valid'
                  ? t.form.addressValid(ctx.address.message ?? '')
                  : (ctx.address.message ?? '')}
            </p>
            <p class="hint" id="recipient-note">${t.form.otherAddressNote}</p>`
        : nothing}
    </fieldset>
  `
}

function renderPreview(ctx: LendingViewContext) {
  const { t, preview } = ctx
  return html`<div class="preview" id="preview" part="preview" aria-live="polite" data-status=${preview.status}>
    ${preview.status === 'loading' ? html`<span>${t.form.previewing}</span>` : nothing}
    ${preview.status === 'ok'
      ? html`<span>${t.form.healthBefore}: <strong id="health-before">${healthText(t, preview.value.before.healthFactor)}</strong></span>
          <span>${t.form.healthAfter}: <strong id="health-after">${healthText(t, preview.value.after.healthFactor)}</strong></span>`
      : nothing}
    ${preview.status === 'error' ? html`<span class="field-error" id="preview-error" data-code=${preview.error.code}>${preview.error.message}</span>` : nothing}
  </div>`
}

function amountErrorText(t: Messages, check: Extract<AmountCheck, { ok: false }>, asset: string): string {
  switch (check.error) {
    case 'tooManyDecimals':
      return t.amountErrors.tooManyDecimals(check.decimals)
    case 'tooLarge':
      return t.amountErrors.tooLarge(check.max, asset)
    default:
      return t.amountErrors[check.error]
  }
}

/** Balances, supplied, collateral, borrowed and rates per asset; the health factor and borrow limit. */
export function renderPosition(ctx: Pick<LendingViewContext, 't' | 'snapshot'>) {
  const { t } = ctx
  const position = ctx.snapshot?.position
  const rows = position?.assets.filter((entry) => [entry.balance, entry.supplied, entry.collateral, entry.borrowed].some((value) => value !== '0')) ?? []
  return html`<section part="position" aria-labelledby="position-title">
    <h3 id="position-title">${t.position.title}</h3>
    ${!position || rows.length === 0
      ? html`<p class="hint" id="position-empty">${t.position.empty}</p>`
      : html`<div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">${t.position.asset}</th>
                <th scope="col">${t.position.balance}</th>
                <th scope="col">${t.position.supplied}</th>
                <th scope="col">${t.position.collateral}</th>
                <th scope="col">${t.position.borrowed}</th>
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (entry) => html`<tr data-asset=${entry.asset}>
                  <th scope="row">${entry.asset}<br /><small>${t.position.rates(percent(entry.supplyApr), percent(entry.borrowApr))}</small></th>
                  <td data-field="balance">${displayAmount(entry.balance, entry.decimals)}</td>
                  <td data-field="supplied">${displayAmount(entry.supplied, entry.decimals)}</td>
                  <td data-field="collateral">${displayAmount(entry.collateral, entry.decimals)}</td>
                  <td data-field="borrowed">${displayAmount(entry.borrowed, entry.decimals)}</td>
                </tr>`,
              )}
            </tbody>
          </table>
          </div>
          <p class="health">${t.position.healthFactor}: <strong id="health-factor">${healthText(t, position.healthFactor)}</strong></p>
          <p class="hint">${t.position.borrowLimit(money(position.borrowLimitUsd), money(position.debtUsd))}</p>`}
  </section>`
}

/** Requests on their way, then the account's executed requests, newest first. */
export function renderHistory(ctx: Pick<LendingViewContext, 't' | 'snapshot' | 'inFlight'>) {
  const { t } = ctx
  const markets = ctx.snapshot?.markets ?? []
  const decimalsOf = (asset: string | undefined) => markets.find((market) => market.asset === asset)?.decimals ?? 0
  const history = ctx.snapshot?.history ?? []
  return html`<section part="history" aria-labelledby="history-title">
    <h3 id="history-title">${t.history.title}</h3>
    ${ctx.inFlight.length === 0 && history.length === 0 ? html`<p class="hint" id="history-empty">${t.history.empty}</p>` : nothing}
    <ol id="history-list">
      ${ctx.inFlight.map(
        (request) => html`<li data-request-id=${request.requestId} data-status=${request.phase}>
          <span>${request.label}</span>
          <span class="badge" role="status"><span class="spinner" aria-hidden="true"></span>${request.phase === 'pending' ? t.history.pending : t.history.submitting}</span>
        </li>`,
      )}
      ${history.map(
        (entry) => html`<li data-request-id=${entry.requestId} data-status="final">
          <span>${entry.actions.map((action) => t.history.describe({ ...action, ...(action.amount ? { amount: displayAmount(action.amount, decimalsOf(action.asset)) } : {}) })).join(', ')}</span>
          <span class="badge">${t.history.final}</span>
        </li>`,
      )}
    </ol>
  </section>`
}

const percent = (rate: string) => `${(Number(rate) * 100).toFixed(2)}%`
const money = (value: string) => Number(value).toFixed(2)
