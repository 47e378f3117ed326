import '@crosschain-lending/widget'
import { installDevWallets } from '@crosschain-lending/testing/dev-wallets'
import { mountAppearanceEditor } from './appearance-editor'
import { walletOrigin } from './config'
import { mountEventLog } from './event-log'
import { mountFaucet } from './faucet'

// Development wallets, installed as extensions would be: the element finds them by itself.
// Keys are kept in this browser, so the wallet you bind is still here after a reload.
const wallets = installDevWallets({ persist: true })
// Where the testing kit's devWalletAddresses() looks, as on pages it installs wallets into itself.
;(window as unknown as { cclDevWallets: typeof wallets }).cclDevWallets = wallets
const walletList = document.querySelector('#dev-wallets')!
for (const [chain, wallet] of Object.entries(wallets)) {
  const item = document.createElement('li')
  const name = document.createElement('strong')
  name.textContent = chain.toUpperCase()
  const address = document.createElement('code')
  address.textContent = wallet.address
  item.append(name, ' ', address)
  walletList.append(item)
}

const element = document.querySelector('crosschain-lending')!
let accountId: string | undefined
const faucet = mountFaucet(document.querySelector<HTMLFormElement>('#faucet')!, () => accountId, () => void element.refresh())
element.addEventListener('ccl-state-change', (event) => {
  accountId = event.detail.state.status === 'signed-in' ? event.detail.state.account.id : undefined
  faucet.update()
})
element.addEventListener('ccl-ready', (event) => {
  accountId = event.detail.state.status === 'signed-in' ? event.detail.state.account.id : undefined
  faucet.update()
})
mountEventLog(document.querySelector('#events')!, element)
mountAppearanceEditor(
  document.querySelector<HTMLFormElement>('#appearance')!,
  document.querySelector('#appearance-code')!,
  (appearance) => (element.appearance = appearance),
  walletOrigin,
)
document.querySelector('#copy-code')!.addEventListener('click', async (event) => {
  const button = event.currentTarget as HTMLButtonElement
  await navigator.clipboard.writeText(document.querySelector('#appearance-code')!.textContent ?? '').then(
    () => (button.textContent = 'Copied'),
    () => (button.textContent = 'Select the code and copy it'),
  )
  setTimeout(() => (button.textContent = 'Copy code'), 2000)
})
element.walletOrigin = walletOrigin
