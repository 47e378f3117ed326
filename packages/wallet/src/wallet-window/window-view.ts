import { type TypedDataEntry, viewTypedData, walletChainNames } from '@crosschain-lending/protocol'
import type { InjectedWallet } from './discover-wallets'
import type { WalletWindowSignRequest, WalletWindowTask } from './messages'
import { type OwnWindowPage, element } from '../window-page'
import { confirmationFacts } from '../ui/confirmation-view'

/**
 * Where the window is in its one flow, on `main[data-state]`: what tests wait for and what the
 * styles key on. `error` and `done` are final: nothing more is connected or signed here.
 */
export type WalletWindowState = 'waiting' | 'looking' | 'choose' | 'connecting' | 'connected' | 'signing' | 'done' | 'error'

const roleHeadings: Record<WalletWindowTask['role'], string> = {
  bind: 'Bind a wallet to your account',
  recover: 'Recover your account with your wallet',
  cosign: 'Co-sign a Borrow with your wallet',
  remove: 'Remove access with your wallet',
}

/**
 * The wallet window's page, top to bottom: the wallet's name; what the signature is for (the
 * heading) and the site asking; the status line; the facts the frame sent; the person's wallets
 * of that chain; the exact message; Cancel (Close once the flow has ended). Text only, never
 * markup: every string comes from the frame or a wallet's announcement.
 */
export class WalletWindowView {
  readonly #page: OwnWindowPage
  readonly #purpose = element('h2', { id: 'wallet-window-purpose' })
  readonly #site = element('p', { id: 'wallet-window-site', class: 'site' })
  readonly #facts = element('div', { id: 'wallet-window-facts' })
  readonly #choices = element('div', { id: 'wallet-choices', class: 'choices', role: 'group', 'aria-label': 'Your wallets' })
  readonly #messageHeading = element('h3', { id: 'wallet-window-message-heading', hidden: '' }, 'Your wallet is asked to sign exactly this:')
  readonly #message = element('div', { id: 'wallet-window-message', hidden: '', tabindex: '0' })
  readonly #cancel = element('button', { id: 'wallet-window-cancel', type: 'button' }, 'Cancel')

  /** `cancel`: the person stops the flow here; after the flow ended the button closes the window instead. */
  constructor(page: OwnWindowPage, cancel: () => void) {
    this.#page = page
    const actions = element('div', { class: 'actions' })
    actions.append(this.#cancel)
    this.#cancel.addEventListener('click', () => (this.#ended() ? window.close() : cancel()))
    page.main.append(this.#facts, this.#choices, this.#messageHeading, this.#message, actions)
  }

  get state(): WalletWindowState {
    return this.#page.main.dataset.state as WalletWindowState
  }

  /** The frame's task: what the signature is for and where it was asked. */
  task(task: WalletWindowTask): void {
    this.#purpose.textContent = roleHeadings[task.role]
    this.#site.textContent = `Asked by the wallet on ${task.site}: ${task.title}`
    this.#page.status.before(this.#purpose, this.#site)
    // The step approved here reads as the panel would have shown it; otherwise the frame's facts.
    if (task.confirmation) this.#facts.replaceChildren(element('h3', { id: 'wallet-window-confirmation' }, task.confirmation.title), confirmationFacts(task.confirmation))
    else {
      const list = element('dl')
      list.append(...task.lines.filter((line) => line.value !== '').flatMap((line) => [element('dt', {}, line.label), element('dd', {}, line.value)]))
      this.#facts.replaceChildren(list)
    }
    this.#show('looking', `Looking for your ${walletChainNames[task.chain]} wallets…`)
  }

  /** The wallets found, one button each; `choose` runs on the person's pick. */
  choices(chain: WalletWindowTask['chain'], wallets: readonly InjectedWallet[], choose: (wallet: InjectedWallet) => void): void {
    this.#choices.replaceChildren(
      ...wallets.map((wallet) => {
        const button = element('button', { type: 'button', class: 'wallet-choice', 'data-wallet-id': wallet.id, 'aria-pressed': 'false' })
        if (wallet.icon?.startsWith('data:image/')) button.append(element('img', { src: wallet.icon, alt: '', width: '24', height: '24' }))
        button.append(element('span', {}, wallet.name))
        button.addEventListener('click', () => choose(wallet))
        return button
      }),
    )
    const several = wallets.length > 1 ? ` ${wallets.length} are installed: pick the one that holds your account.` : ''
    this.#show('choose', `Choose your ${walletChainNames[chain]} wallet.${several}`)
  }

  /** The person picked `wallet`: it alone stays marked, and no other can be picked now. */
  connecting(wallet: InjectedWallet, index: number): void {
    this.#choices.querySelectorAll('button').forEach((button, at) => {
      button.disabled = true
      button.setAttribute('aria-pressed', String(at === index))
    })
    this.#show('connecting', `Approve the connection in ${wallet.name}.`)
  }

  connected(address: string): void {
    this.#show('connected', `Connected ${address}. Waiting for the wallet to write the message…`)
  }

  /**
   * The exact message, shown before and while the wallet asks the person to sign it: EIP-712
   * typed data field by field, read from its own types the way the wallet shows it, or the text.
   */
  signing(request: WalletWindowSignRequest, walletName: string): void {
    if (request.typedData) {
      const view = viewTypedData(request.typedData)
      this.#messageHeading.textContent = 'Your wallet is asked to sign this EIP-712 message:'
      this.#message.replaceChildren(element('p', { class: 'typed-data-heading' }, view.heading), typedDataList(view.entries))
    } else {
      this.#message.replaceChildren(element('pre', {}, request.message))
    }
    this.#message.hidden = false
    this.#messageHeading.hidden = false
    this.#show('signing', `Check the message, then approve it in ${walletName}.`)
  }

  signed(site: string): void {
    this.#messageHeading.textContent = 'Your wallet signed exactly this:'
    this.#cancel.hidden = true
    this.#show('done', `Signed. The wallet checks the signature and takes you on at ${site}; this window closes by itself.`)
  }

  /** Why the flow stopped, and what to do; the button now closes the window. */
  failed(message: string): void {
    this.#cancel.textContent = 'Close window'
    this.#cancel.hidden = false
    this.#show('error', message)
  }

  #ended(): boolean {
    return this.state === 'error' || this.state === 'done'
  }

  #show(state: WalletWindowState, status: string): void {
    this.#page.main.dataset.state = state
    this.#page.status.textContent = status
  }
}

/** Typed data's fields as a description list, structs and arrays of structs nested (text only, never markup). */
function typedDataList(entries: TypedDataEntry[]): HTMLElement {
  const list = element('dl', { class: 'typed-data' })
  for (const entry of entries) {
    const value = element('dd')
    if ('value' in entry) value.textContent = entry.value
    else {
      const items = element('ol')
      for (const item of entry.items) {
        const row = element('li')
        row.append(typedDataList(item))
        items.append(row)
      }
      value.append(items)
    }
    list.append(element('dt', {}, entry.label), value)
  }
  return list
}
