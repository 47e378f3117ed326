import { type WireError, isOlder, timeLeft, walletChainNames, walletChains } from '@crosschain-lending/protocol'
import { type AccessToRemove, type ExternalChain, type PendingAccessChange, type WalletState, bindingWarning } from '@crosschain-lending/protocol/messenger'
import type { Confirmation } from '../confirmations'
import type { OperationActivity } from '../wallet-actions'
import { LitElement, type PropertyValues, css, html, nothing } from 'lit'
import { ConfirmGuard, type DisarmReason } from './confirm-guard'
import { ConfirmIntent, type IntentRefusal } from './confirm-intent'
import { confirmationFactsOnce } from './confirmation-view'

/**
 * The wallet's panel inside the iframe. It holds the buttons that start passkey ceremonies,
 * because a cross-origin `create()` needs a click in this document, not in the host page.
 *
 * @event ccl-wallet-create - The person clicked "Create account with passkey".
 * @event ccl-wallet-sign-in - The person clicked "Sign in with passkey".
 * @event ccl-wallet-bind - The person chose a chain to bind a wallet on. `detail: { chain }`.
 * @event ccl-wallet-recover - The person chose to recover the account with their bound wallet on a chain. `detail: { chain }`.
 * @event ccl-wallet-confirm - The person confirmed the open confirmation.
 * @event ccl-wallet-cancel - The person cancelled the open confirmation.
 * @event ccl-wallet-cancel-passkey - The person gave up on the open passkey prompt.
 * @event ccl-wallet-remove-access - The person chose to remove a passkey or a wallet from the account. `detail: { target }`.
 * @event ccl-wallet-cancel-change - The person chose to cancel a pending change (remove a method still in its security period). `detail: { target }`.
 */
export class WalletApp extends LitElement {
  static override properties = {
    state: { attribute: false },
    busy: { type: Boolean },
    error: { attribute: false },
    notice: { type: String },
    confirmation: { attribute: false },
    activity: { attribute: false },
    awaitingWindow: { attribute: false },
    armed: { state: true },
    disarmReason: { state: true },
    refusal: { state: true },
  }

  declare state: WalletState | undefined
  declare busy: boolean
  declare error: WireError | undefined
  /** Shown instead of the controls when the wallet cannot run (bad configuration, opened directly). */
  declare notice: string | undefined
  /** What the person is asked to approve; while set, it is the only thing the panel shows. */
  declare confirmation: Confirmation | undefined
  /** A signed operation on its way to the chain. */
  declare activity: OperationActivity | undefined
  /** The title of a step now waiting for the person's Confirm in a window of the wallet's own. */
  declare awaitingWindow: string | undefined
  /** Whether the open confirmation's button works yet (see ConfirmGuard). */
  declare private armed: boolean
  /** Why Confirm is disarmed, for the hint (see ConfirmGuard). */
  declare private disarmReason: DisarmReason | undefined
  /** Why the last press of an armed Confirm did not count, for the hint (see ConfirmIntent). */
  declare private refusal: IntentRefusal | undefined

  readonly #guard: ConfirmGuard = new ConfirmGuard((armed) => {
    this.#intent.setArmed(armed)
    this.armed = armed
    this.disarmReason = this.#guard.reason
    this.refusal = undefined
  })

  // Moves and scale changes the pointer reveals restart the guard's wait (see ConfirmIntent).
  readonly #intent: ConfirmIntent = new ConfirmIntent(() => this.renderRoot.querySelector('#confirm'), {
    onMoved: () => this.#guard.disturb(),
    onScaled: (scaled) => this.#guard.setScaled(scaled),
  })

  constructor() {
    super()
    this.busy = false
    this.armed = false
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('confirmation')) return
    // The whole panel is watched, not the button: the disabled button is faded, and a faded
    // target never counts as visible to IntersectionObserver v2.
    const panel = this.renderRoot.querySelector<HTMLElement>('.confirmation')
    if (this.confirmation && panel) {
      this.#guard.watch(panel)
      // A keyboard user already in the wallet lands on what they must read. Only then: the wallet
      // never takes focus from the host page, so a host that opens a confirmation while the
      // person types in its own form cannot pull their keystrokes into the wallet.
      // Otherwise the panel is only brought into view, as focusing it used to do: it must be
      // wholly visible to arm, and the person should not have to hunt for it.
      if (document.hasFocus()) panel.focus()
      else panel.scrollIntoView({ block: 'nearest' })
    } else this.#guard.stop()
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.#intent.attach(window, this.renderRoot)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.#guard.stop()
    this.#intent.detach()
  }

  static override styles = css`
    :host {
      display: block;
      font-family: var(--ccl-font-family, system-ui, -apple-system, 'Segoe UI', sans-serif);
      color: var(--ccl-color-text, #111827);
      background: var(--ccl-color-surface, #ffffff);
      padding: 16px;
      box-sizing: border-box;
    }
    .origin {
      margin: 0 0 12px;
      font-size: 12px;
      color: var(--ccl-color-text-muted, #4b5563);
    }
    button {
      font: inherit;
      font-weight: 600;
      width: 100%;
      padding: 12px 16px;
      border: 0;
      border-radius: var(--ccl-radius-control, 10px);
      background: var(--ccl-color-primary, #1d4ed8);
      color: var(--ccl-color-on-primary, #ffffff);
      cursor: pointer;
    }
    button.secondary {
      margin-top: 8px;
      background: transparent;
      color: var(--ccl-color-primary, #1d4ed8);
      border: 1px solid var(--ccl-color-primary, #1d4ed8);
    }
    .warning {
      overflow-wrap: anywhere;
      margin: 12px 0 0;
      padding: 8px 12px;
      border-radius: var(--ccl-radius-control, 10px);
      background: var(--ccl-color-warning-surface, #fffbeb);
      color: var(--ccl-color-warning, #92400e);
      font-weight: 600;
      font-size: 14px;
    }
    .bind {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 8px;
    }
    .confirmation h2 {
      margin: 0 0 8px;
      font-size: 16px;
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px 12px;
      margin: 0 0 12px;
      font-size: 14px;
    }
    dd {
      margin: 0;
      word-break: break-all;
    }
    button:focus-visible {
      outline: 3px solid var(--ccl-color-focus, #f59e0b);
      outline-offset: 2px;
    }
    button[disabled] {
      cursor: progress;
      opacity: 0.7;
    }
    .status {
      background: var(--ccl-color-info-surface, #eff6ff);
      color: var(--ccl-color-info, #1e3a8a);
    }
    details {
      margin: 0 0 12px;
      font-size: 12px;
    }
    details.recover {
      margin: 12px 0 0;
      font-size: 13px;
    }
    details.recover summary {
      cursor: pointer;
      margin-bottom: 8px;
    }
    pre {
      white-space: pre-wrap;
      word-break: break-all;
      max-height: 120px;
      overflow: auto;
      margin: 4px 0 0;
    }
    .confirmation:focus {
      outline: none;
    }
    .hint {
      margin: 8px 0 0;
      font-size: 13px;
      color: var(--ccl-color-text-muted, #4b5563);
      /* A bound wallet's address has no break in it: on a narrow panel it ran past the edge. */
      overflow-wrap: anywhere;
    }
    /* Boxed messages: what is happening, and what went wrong. */
    .status,
    .error {
      margin: 12px 0 0;
      padding: 8px 12px;
      border-radius: var(--ccl-radius-control, 10px);
      font-size: 14px;
    }
    .error {
      /* Messages name full addresses: they wrap anywhere rather than run out of a narrow panel. */
      overflow-wrap: anywhere;
      background: var(--ccl-color-danger-surface, #fef2f2);
      color: var(--ccl-color-danger, #991b1b);
    }
    .account {
      margin: 0;
      font-size: 15px;
    }
    .access ul {
      list-style: none;
      padding: 0;
      margin: 8px 0;
    }
    .access li {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
      padding: 4px 0;
    }
    button.small {
      width: auto;
      padding: 4px 10px;
      margin: 0;
    }
    /* Full addresses: they wrap anywhere rather than run out of a narrow panel. */
    #bound-wallets {
      overflow-wrap: anywhere;
    }
    /* Shortened ids stay whole, beside what they name. */
    .access li code {
      white-space: nowrap;
    }
    .pending .change {
      display: flex;
      flex-direction: column;
      min-width: 0;
    }
    .time-left {
      font-size: 13px;
      color: var(--ccl-color-text-muted, #4b5563);
    }
    .pending button.small {
      flex: none;
    }
    code {
      font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
      font-size: 13px;
      word-break: break-all;
    }
  `

  override render() {
    if (this.notice) return html`<p class="hint" role="status">${this.notice}</p>`
    if (this.confirmation) return this.#confirmationPanel(this.confirmation)
    const state = this.state
    return html`
      <p class="origin">Wallet · passkeys for <strong>${state?.rpId ?? location.hostname}</strong></p>
      ${state?.status === 'signed-in' ? this.#signedIn(state) : this.#signedOut(state)}
      ${this.awaitingWindow
        ? html`<p class="status" role="status" id="window-status">
            Review “${this.awaitingWindow}” in the wallet’s window and confirm there. Nothing is signed until you do; the window is a page of
            ${location.host} that this site cannot draw over.
          </p>`
        : nothing}
      ${this.activity ? this.#activityStatus(this.activity) : nothing}
      ${this.busy
        ? html`<button id="cancel-passkey" class="secondary" type="button" @click=${() => this.#send('ccl-wallet-cancel-passkey')}>
            ${this.awaitingWindow ? 'Cancel this request' : 'Cancel the passkey prompt'}
          </button>`
        : nothing}
      ${this.error
        ? html`<p class="error" role="alert" data-code=${this.error.code}>${this.error.message}</p>`
        : nothing}
    `
  }

  #signedOut(state: WalletState | undefined) {
    const disabled = this.busy || !state
    return html`
      <button id="create-account" type="button" ?disabled=${disabled} aria-busy=${this.busy ? 'true' : 'false'} @click=${this.#create}>
        ${this.busy ? 'Waiting for your passkey…' : 'Create account with passkey'}
      </button>
      <button id="sign-in" class="secondary" type="button" ?disabled=${disabled} @click=${this.#signIn}>Sign in with passkey</button>
      <p class="hint">Your passkey stays on your device. No website, this one included, ever sees its private key.</p>
      <details class="recover" id="recover">
        <summary>Lost your device? Recover with the wallet you bound</summary>
        <div class="bind" role="group" aria-label="Recover with a bound wallet">
          ${walletChains.map(
            (chain) =>
              html`<button id=${`recover-${chain}`} class="secondary" type="button" ?disabled=${disabled} @click=${() => this.#chainEvent('ccl-wallet-recover', chain)}>
                ${walletChainNames[chain]} wallet
              </button>`,
          )}
        </div>
      </details>
    `
  }

  #signedIn(state: Extract<WalletState, { status: 'signed-in' }>) {
    return html`
      <p class="account" role="status">
        Account <code id="account-id">${state.account.id}</code><br />
        Passkey <code id="credential-id">${state.passkey.credentialId}</code>
      </p>
      ${state.account.bound
        ? html`<p class="hint" id="bound-wallets">Bound: ${state.account.wallets.map((wallet) => `${walletChainNames[wallet.chain]} ${wallet.address}`).join(', ')}</p>`
        : // The product rule, word for word, until a wallet is bound.
          html`<p class="warning" role="alert" id="bind-warning">${bindingWarning}</p>
            <div class="bind" role="group" aria-label="Bind a wallet">
              ${walletChains.map(
                (chain) => html`<button id=${`bind-${chain}`} class="secondary" type="button" ?disabled=${this.busy} @click=${() => this.#chainEvent('ccl-wallet-bind', chain)}>Bind ${walletChainNames[chain]} wallet</button>`,
              )}
            </div>`}
      ${this.#access(state)}
    `
  }

  /** Who can use the account: its passkeys and bound wallets, each removable with the bound wallet's signature. */
  #access(state: Extract<WalletState, { status: 'signed-in' }>) {
    const { account } = state
    const ways = account.passkeys.length + account.wallets.length
    // The bound wallet signs removals, and the last way in is never removed (the contract refuses both otherwise).
    const removable = account.bound && ways > 1 && !this.busy
    const removeButton = (id: string, what: string, target: AccessToRemove) =>
      removable
        ? html`<button id=${id} class="secondary small" type="button" aria-label=${`Remove ${what}`} @click=${() => this.#removeAccess(target)}>Remove</button>`
        : nothing
    return html`
      <details class="access" id="access">
        <summary>Who can use this account (${ways})</summary>
        <ul>
          ${account.passkeys.map(
            (passkey, index) => html`<li>
              <span>Passkey <code>${short(passkey.credentialId)}</code>${passkey.credentialId === state.passkey.credentialId ? ' (this device)' : ''}</span>
              ${removeButton(`remove-passkey-${index}`, `passkey ${short(passkey.credentialId)}`, { passkey: passkey.credentialId })}
            </li>`,
          )}
          ${account.wallets.map(
            (wallet, index) => html`<li>
              <span>${walletChainNames[wallet.chain]} wallet <code>${short(wallet.address)}</code></span>
              ${removeButton(`remove-wallet-${index}`, `${walletChainNames[wallet.chain]} wallet ${short(wallet.address)}`, { wallet: { chain: wallet.chain, address: wallet.address } })}
            </li>`,
          )}
        </ul>
        ${this.#pendingChanges(state)}
        <p class="hint">
          ${account.bound
            ? 'Removing needs a bound wallet’s signature. The last way into the account can never be removed.'
            : 'Bind a wallet to manage who can use this account.'}
        </p>
      </details>
    `
  }

  /**
   * Ways in added less than the security period ago, and the time left before each can remove an
   * older one or move assets: a person who did not add one sees it here while it can still be
   * cancelled, and cancels it with this device's passkey when that passkey is the older.
   */
  #pendingChanges(state: Extract<WalletState, { status: 'signed-in' }>) {
    const now = Date.now()
    const waiting = (state.account.pending ?? []).filter((change) => change.maturesAtMs > now)
    if (waiting.length === 0) return nothing
    const cancellable = cancellableBy(state)
    return html`
      <p class="pending-title"><strong>Pending changes</strong></p>
      <ul class="pending" id="pending">
        ${waiting.map((change, index) => {
          const what = change.kind === 'passkey' ? `new passkey ${short(change.credentialId)}` : `new ${walletChainNames[change.chain]} wallet ${short(change.address)}`
          const target: AccessToRemove = change.kind === 'passkey' ? { passkey: change.credentialId } : { wallet: { chain: change.chain, address: change.address } }
          return html`<li>
            <span class="change">
              <span>${change.kind === 'passkey' ? html`New passkey <code>${short(change.credentialId)}</code>` : html`New ${walletChainNames[change.chain]} wallet <code>${short(change.address)}</code>`}</span>
              <span class="time-left">full access in ${timeLeft(change.maturesAtMs, now)}</span>
            </span>
            ${cancellable(change) && !this.busy
              ? html`<button id=${`cancel-change-${index}`} class="secondary small" type="button" aria-label=${`Cancel this change: remove the ${what}`} @click=${() => this.#cancelChange(target)}>
                  Cancel this change
                </button>`
              : nothing}
          </li>`
        })}
      </ul>
      <p class="hint" id="pending-hint">Until then it cannot remove an older passkey or wallet, nor move funds, and an older one can cancel it. If you did not add it, cancel it.</p>
    `
  }

  #cancelChange(target: AccessToRemove) {
    this.dispatchEvent(new CustomEvent('ccl-wallet-cancel-change', { detail: { target }, bubbles: true, composed: true }))
  }

  #removeAccess(target: AccessToRemove) {
    this.dispatchEvent(new CustomEvent('ccl-wallet-remove-access', { detail: { target }, bubbles: true, composed: true }))
  }

  #confirmationPanel(confirmation: Confirmation) {
    return html`
      <section class="confirmation" role="dialog" aria-modal="true" aria-labelledby="confirm-title" tabindex="-1" data-approval=${confirmation.approvesIn ?? 'panel'}>
        <h2 id="confirm-title">${confirmation.title}</h2>
        ${confirmation.approvesIn
          ? html`<p class="hint" id="approves-in">
              You approve this in a window of ${location.host} that opens next, where this site cannot cover or change what you read.
            </p>`
          : nothing}
        ${confirmationFactsOnce(confirmation)}
        <button id="confirm" type="button" ?disabled=${!this.armed} aria-describedby="confirm-hint" @click=${this.#confirm}>${confirmation.confirmLabel}</button>
        <button id="cancel" class="secondary" type="button" @click=${() => this.#send('ccl-wallet-cancel')}>${confirmation.cancelLabel ?? 'Cancel'}</button>
        <p class="hint" id="confirm-hint" aria-live="polite">${confirmHint(this.armed, this.disarmReason, this.refusal, confirmation.approvesIn)}</p>
      </section>
    `
  }

  #activityStatus(activity: OperationActivity) {
    if (activity.subject === 'account') {
      return activity.phase === 'submitting'
        ? html`<p class="status" role="status" id="operation-status" data-phase="submitting">Recording your new account on the chain…</p>`
        : html`<p class="status" role="status" id="operation-status" data-phase="pending">
            Your passkey is made; recording your account is waiting: ${activity.reason} The wallet keeps trying,
            and finishes it the next time it opens if it must. You will not need a new passkey.
          </p>`
    }
    if (activity.phase === 'submitting') {
      return html`<p class="status" role="status" id="operation-status" data-phase="submitting">Sending “${activity.title}” to the chain…</p>`
    }
    return html`<p class="status" role="status" id="operation-status" data-phase="pending">
      “${activity.title}” is signed and waiting: ${activity.reason} The wallet keeps trying until
      ${new Date(activity.retryUntil).toLocaleTimeString()}; it will not ask you to sign it again.
    </p>`
  }

  #confirm(event: MouseEvent) {
    // The button is disabled while disarmed; this guards the click that races the re-render, and
    // a press of an armed button that no person aimed (see ConfirmIntent).
    const counts = this.#guard.armed && this.#intent.accepts(event)
    this.refusal = this.#intent.refusal
    if (counts) this.#send('ccl-wallet-confirm')
  }

  #chainEvent(type: 'ccl-wallet-bind' | 'ccl-wallet-recover', chain: ExternalChain) {
    this.dispatchEvent(new CustomEvent(type, { detail: { chain }, bubbles: true, composed: true }))
  }

  #send(type: string) {
    this.dispatchEvent(new Event(type, { bubbles: true, composed: true }))
  }

  #signIn() {
    this.dispatchEvent(new Event('ccl-wallet-sign-in', { bubbles: true, composed: true }))
  }

  #create() {
    this.dispatchEvent(new Event('ccl-wallet-create', { bubbles: true, composed: true }))
  }
}

/** What the hint under Confirm says: what the person can do next, never blame. */
export function confirmHint(armed: boolean, reason: DisarmReason | undefined, refusal: IntentRefusal | undefined, approvesIn?: Confirmation['approvesIn']): string {
  if (!armed) {
    return reason === 'scaled'
      ? 'Confirm works once this panel is shown at its normal size; the page has shrunk or zoomed it.'
      : 'Confirm works once this panel is fully visible and nothing covers it.'
  }
  switch (refusal) {
    case 'not-arrived':
      return 'To confirm, move the pointer onto Confirm, then click it.'
    case 'rapid':
      return 'That click came in a quick series; click Confirm once when you mean to.'
    case 'not-focused-by-person':
      return 'To confirm with the keyboard, press Tab until Confirm is focused, then press Enter.'
    case 'too-quick':
      return 'Enter came as Confirm got focus; press Enter again to confirm.'
    default:
      return approvesIn === 'passkey-window'
        ? 'The passkey window shows all of this again, and its Confirm is the one that signs.'
        : approvesIn === 'wallet-window'
          ? 'The wallet window shows all of this again; your own wallet signs there.'
          : 'Your passkey will ask you to confirm.'
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ccl-wallet-app': WalletApp
  }
}

/** An id or address shortened for a list: the start and the end, which a person compares. */
function short(text: string): string {
  return text.length > 20 ? `${text.slice(0, 10)}…${text.slice(-6)}` : text
}

/**
 * Which pending changes this device's passkey may cancel: those added after it (the contract's
 * rule, protocol's isOlder). A passkey that is not pending itself is older than every pending
 * change; this device's own pending passkey is never offered.
 */
function cancellableBy(state: Extract<WalletState, { status: 'signed-in' }>): (change: PendingAccessChange) => boolean {
  const own = state.account.pending?.find((change) => change.kind === 'passkey' && change.credentialId === state.passkey.credentialId)
  return (change) => (own ? change !== own && isOlder(own, change) : true)
}
