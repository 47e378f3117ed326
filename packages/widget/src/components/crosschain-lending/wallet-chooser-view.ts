import { walletChainNames } from '@crosschain-lending/protocol'
import type { ExternalChain } from '@crosschain-lending/protocol/messenger'
import { html } from 'lit'
import type { InjectedWallet } from '../../connectors/types'

/** Several wallets of one chain are on the page: the person picks one, or none. */
export type WalletChoice = {
  chain: ExternalChain
  wallets: readonly InjectedWallet[]
  pick(wallet: InjectedWallet | undefined): void
}

const words = {
  en: { title: (chain: string) => `Choose your ${chain} wallet`, cancel: 'Cancel' },
  es: { title: (chain: string) => `Elija su billetera ${chain}`, cancel: 'Cancelar' },
}

export function renderWalletChooser(choice: WalletChoice, lang: string) {
  const t = lang.toLowerCase().startsWith('es') ? words.es : words.en
  const onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') choice.pick(undefined)
  }
  return html`<div part="wallet-chooser" role="dialog" aria-labelledby="wallet-chooser-title" @keydown=${onKeydown}>
    <p id="wallet-chooser-title">${t.title(walletChainNames[choice.chain])}</p>
    <ul>
      ${choice.wallets.map(
        (wallet) =>
          html`<li>
            <button type="button" part="wallet-choice" data-wallet=${wallet.id} @click=${() => choice.pick(wallet)}>
              ${wallet.icon ? html`<img src=${wallet.icon} alt="" width="20" height="20" />` : ''}${wallet.name}
            </button>
          </li>`,
      )}
    </ul>
    <button type="button" part="wallet-choice-cancel" @click=${() => choice.pick(undefined)}>${t.cancel}</button>
  </div>`
}
