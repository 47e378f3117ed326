/**
 * The approval card every development wallet shows before it connects or signs: which wallet,
 * which site, and the exact text it is asked to sign. It acts only on a real click (a trusted
 * event), as an extension's popup does, so a page cannot approve on the person's behalf.
 */
export type DevWalletAsk = {
  /** The wallet's name, e.g. "Dev EVM Wallet". */
  wallet: string
  kind: 'connect' | 'sign'
  address: string
  /** What it is asked to sign, shown in full: the text, or typed data read field by field. */
  message?: string
}

const styles = `
/* In the page's flow, after its content, so it never covers what the page shows: in the wallet
   window that is the exact message the person checks before signing. An extension's popup is a
   window of its own and covers nothing either. */
:host { display: grid; gap: 8px; font: 14px/1.4 system-ui, sans-serif; color: #1b1f24;
  max-inline-size: 460px; margin: 16px auto 24px; padding-inline: 20px; }
/* Wide enough for a column beside the wallet window's centered 460 px one (and a 32 px gap):
   pinned at the top right, as an extension's popup opens, and still clear of that column. */
@media (min-width: 1040px) {
  :host { position: fixed; inset-block-start: 16px; inset-inline-end: 16px; z-index: 2147483647; margin: 0; padding: 0;
    max-inline-size: min(400px, calc(50vw - 262px)); }
}
section { background: #fff; border: 1px solid #c9ced6; border-radius: 10px; padding: 12px 14px; box-shadow: 0 6px 24px rgb(0 0 0 / 0.18); }
h2 { font-size: 14px; margin: 0 0 4px; }
p { margin: 4px 0; overflow-wrap: anywhere; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; max-block-size: 12em; overflow: auto; background: #f3f4f6; padding: 8px; border-radius: 6px; margin: 8px 0; font-size: 12px; }
.actions { display: flex; gap: 8px; justify-content: flex-end; }
button { font: inherit; padding: 6px 14px; border-radius: 6px; border: 1px solid #8a93a0; background: #fff; color: inherit; cursor: pointer; }
button[data-action="approve"] { background: #1f5eff; border-color: #1f5eff; color: #fff; }
`

class DevWalletPromptElement extends HTMLElement {
  constructor() {
    super()
    const root = this.attachShadow({ mode: 'open' })
    // A constructed sheet, so a page with a strict style-src still shows the card.
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(styles)
    root.adoptedStyleSheets = [sheet]
  }

  ask(ask: DevWalletAsk): Promise<boolean> {
    return new Promise((resolve) => {
      const card = document.createElement('section')
      card.setAttribute('role', 'dialog')
      card.setAttribute('aria-label', `${ask.wallet}: ${ask.kind === 'connect' ? 'connect request' : 'signature request'}`)
      card.dataset.kind = ask.kind
      const title = document.createElement('h2')
      title.textContent = ask.wallet
      const what = document.createElement('p')
      what.textContent = ask.kind === 'connect' ? `${location.origin} asks to connect to ${ask.address}.` : `${location.origin} asks ${ask.address} to sign:`
      card.append(title, what)
      if (ask.message !== undefined) {
        const message = document.createElement('pre')
        message.textContent = ask.message
        card.append(message)
      }
      const actions = document.createElement('div')
      actions.className = 'actions'
      const button = (action: 'approve' | 'reject', label: string) => {
        const element = document.createElement('button')
        element.type = 'button'
        element.dataset.action = action
        element.textContent = label
        element.addEventListener('click', (event) => {
          // Only a person's click counts; a script calling click() is ignored.
          if (!event.isTrusted) return
          card.remove()
          if (!this.shadowRoot!.childElementCount) this.remove()
          resolve(action === 'approve')
        })
        return element
      }
      actions.append(button('reject', 'Reject'), button('approve', ask.kind === 'connect' ? 'Connect' : 'Sign'))
      card.append(actions)
      this.shadowRoot!.append(card)
      if (!this.isConnected) document.body.append(this)
      // Below the page's content on a narrow screen: brought into view, as a popup would appear.
      card.scrollIntoView({ block: 'nearest' })
    })
  }
}

const tag = 'ccl-dev-wallet-prompt'

/** Shows the approval card and resolves with the person's answer (true: approve). */
export function askPerson(ask: DevWalletAsk): Promise<boolean> {
  if (!customElements.get(tag)) customElements.define(tag, DevWalletPromptElement)
  const prompt = (document.querySelector(tag) as DevWalletPromptElement | null) ?? (document.createElement(tag) as DevWalletPromptElement)
  return prompt.ask(ask)
}

/** The open approval cards, oldest first (for tests and the demo). */
export function openAsks(): HTMLElement[] {
  return [...(document.querySelector(tag)?.shadowRoot?.querySelectorAll<HTMLElement>('section') ?? [])]
}
