import { isOriginAllowed, toWireError } from '@crosschain-lending/protocol'
import { readWalletConfig } from './config'
import { connectToHost, walletMethods } from './host-channel'
import { WalletApp } from './ui/wallet-app'
import { WalletActions } from './wallet-actions'
import { WalletStore } from './wallet-store'

customElements.define('ccl-wallet-app', WalletApp)

/** Boots the wallet: configuration first (failing closed), then the UI, then the host channel. */
function boot(): void {
  const app = document.createElement('ccl-wallet-app')
  document.body.append(app)

  let config
  try {
    config = readWalletConfig()
  } catch (error) {
    app.notice = toWireError(error).message
    return
  }
  if (window.parent === window) {
    app.notice = 'This is the CrossChain Lending wallet. It runs inside the sites that embed it; open one of those instead.'
    return
  }
  // Behind frame-ancestors, a second check where the browser tells us who embeds us (Chromium,
  // Safari): under a parent that is not allowed, send nothing at all, not even a handshake.
  const parentOrigin = location.ancestorOrigins?.[0]
  if (parentOrigin !== undefined && !isOriginAllowed(parentOrigin, config.allowedHostOrigins)) {
    app.notice = `This site (${parentOrigin}) is not allowed to embed the CrossChain Lending wallet.`
    return
  }

  const store = new WalletStore(config.rpId)
  const channel = connectToHost(config, walletMethods({ getState: () => store.state, createAccount: () => actions.createAccount() }))
  const actions = new WalletActions(config, store, (event) => {
    if (event.type === 'error') app.error = event.error
    channel.emit(event)
  })

  const render = () => {
    app.state = store.state
    app.busy = actions.lock.running !== undefined
  }
  store.addEventListener('change', render)
  render()

  app.addEventListener('ccl-wallet-create', () => {
    app.error = undefined
    const pending = actions.createAccount()
    render()
    // Failures were already shown and sent to the host as an 'error' event.
    pending.catch(() => undefined).finally(render)
  })

  // Tell the host how tall the panel is, so the iframe never scrolls or clips.
  new ResizeObserver(() => channel.emit({ type: 'resize', height: Math.ceil(document.documentElement.scrollHeight) })).observe(document.body)

  document.documentElement.dataset.ready = 'true'
}

boot()
