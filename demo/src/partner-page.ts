import '@crosschain-lending/widget'
import { mountAppearanceEditor } from './appearance-editor'
import { walletOrigin } from './config'
import { mountEventLog } from './event-log'
import { mountFaucet } from './faucet'

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
