import '@crosschain-lending/widget'

/** The wallet origin the demo embeds; the start script passes the one it launched. */
const walletOrigin = import.meta.env.CCL_PUBLIC_WALLET_ORIGIN ?? 'http://localhost:5174'

const element = document.querySelector('crosschain-lending')!
const log = document.querySelector('#events')!

function show(name: string, detail: unknown): void {
  const item = document.createElement('li')
  const label = document.createElement('strong')
  label.textContent = name
  const body = document.createElement('code')
  body.textContent = JSON.stringify(detail)
  item.append(label, ' ', body)
  log.prepend(item)
}

for (const type of ['ccl-ready', 'ccl-state-change', 'ccl-account-created', 'ccl-signed-in', 'ccl-error'] as const) {
  element.addEventListener(type, (event) => show(type, event.detail))
}
element.walletOrigin = walletOrigin
