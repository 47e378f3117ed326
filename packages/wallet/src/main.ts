import { toWireError } from '@crosschain-lending/protocol'
import type { AccessToRemove, ExternalChain } from '@crosschain-lending/protocol/messenger'
import { normalizeAddress } from './chain/normalize-address'
import { readWalletConfig } from './config'
import { ConfirmThrottle } from './confirm-throttle'
import { type Confirmation, Confirmations } from './confirmations'
import { embedderRefusal } from './embedder-check'
import { connectToHost, walletMethods } from './host-channel'
import { resolveTheme } from '@crosschain-lending/protocol/messenger'
import { WalletApp } from './ui/wallet-app'
import { WalletActions } from './wallet-actions'
import { chooseRunner } from './passkey-window/choose-runner'
import { PopupRunner } from './passkey-window/popup-runner'
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
  // Under a parent that is not allowed, send nothing at all, not even a handshake.
  const refusal = embedderRefusal(location.ancestorOrigins, config.allowedHostOrigins)
  if (refusal) {
    app.notice = refusal
    return
  }

  const store = new WalletStore(config.rpId)
  // Confirmations the host page opens are paused after the person keeps cancelling them (see
  // ConfirmThrottle); the same flows started from the wallet's own buttons never go through it.
  const throttle = new ConfirmThrottle()
  const fromHost = <T>(start: () => Promise<T>): Promise<T> => throttle.guard(start)
  // The passkey and wallet windows this wallet has open: the only other senders it listens to.
  const passkeyWindows = new Set<MessageEventSource>()
  const channel = connectToHost(
    config,
    walletMethods({
      getState: () => store.state,
      createAccount: () => actions.createAccount(),
      signIn: () => actions.signIn(),
      bindWallet: (chain) => fromHost(() => actions.bindWallet(chain)),
      operate: (request) => fromHost(() => track(actions.operate(request))),
      recover: (chain) => fromHost(() => track(actions.recover(chain))),
      removeAccess: (target) => fromHost(() => track(actions.removeAccess(target))),
      setTheme: (theme) => {
        const { tokens, adjusted } = resolveTheme(theme)
        // Values are hex colors, pixel counts and fixed font stacks: nothing here is host CSS.
        for (const [name, value] of Object.entries(tokens)) document.documentElement.style.setProperty(name, value)
        document.documentElement.style.colorScheme = theme.colorScheme ?? 'light'
        return { adjusted }
      },
      getLending: () => actions.lending(),
      previewOperation: (request) => actions.previewOperation(request),
      checkAddress: async (chain, address) => ({ chain, address: await normalizeAddress(chain, address) }),
    }),
    { ownWindows: passkeyWindows },
  )
  const confirmations = new Confirmations((confirmation) => {
    app.confirmation = confirmation
  })
  const ask = (confirmation: Confirmation) => confirmations.ask(confirmation)
  const windowDeps = { hostOrigin: () => channel.site(), confirm: ask, windows: passkeyWindows }
  const passkeys = chooseRunner(config.passkeyWindow, location.search, windowDeps)
  const actions = new WalletActions(
    config,
    store,
    (event) => {
      if (event.type === 'error') app.error = event.error
      channel.emit(event)
    },
    {
      site: () => channel.site(),
      confirm: ask,
      // External wallets connect and sign in the wallet origin's own window, never the host page.
      walletWindow: { confirm: ask, windows: passkeyWindows },
      onActivity: (activity) => {
        app.activity = activity
      },
      passkeys,
      approvals: {
        window: new PopupRunner(windowDeps),
        // The deployment, or the host asking for the passkey window, moves every step there.
        everything: () => config.approvalWindow === 'all' || passkeys.kind === 'popup',
        onAwaitingWindow: (title) => {
          app.awaitingWindow = title
        },
      },
    },
  )

  const render = () => {
    app.state = store.state
    app.busy = actions.lock.running !== undefined
  }
  store.addEventListener('change', render)
  actions.lock.addEventListener('change', render)
  render()

  /** A flow in progress: the panel clears the last error and re-renders when it ends. */
  function track<T>(pending: Promise<T>): Promise<T> {
    app.error = undefined
    render()
    pending.catch(() => undefined).finally(render)
    return pending
  }

  // A flow started by a click in the panel: failures were already shown and sent to the host.
  const run = (action: () => Promise<unknown>) => void track(action()).catch(() => undefined)
  app.addEventListener('ccl-wallet-create', () => run(() => actions.createAccount()))
  app.addEventListener('ccl-wallet-sign-in', () => run(() => actions.signIn()))
  app.addEventListener('ccl-wallet-bind', (event) => run(() => actions.bindWallet((event as CustomEvent<{ chain: ExternalChain }>).detail.chain, { fromPanel: true })))
  app.addEventListener('ccl-wallet-recover', (event) => run(() => actions.recover((event as CustomEvent<{ chain: ExternalChain }>).detail.chain, { fromPanel: true })))
  app.addEventListener('ccl-wallet-remove-access', (event) => run(() => actions.removeAccess((event as CustomEvent<{ target: AccessToRemove }>).detail.target)))
  // Panel only: the host has no method that cancels a pending change.
  app.addEventListener('ccl-wallet-cancel-change', (event) => run(() => actions.cancelPendingChange((event as CustomEvent<{ target: AccessToRemove }>).detail.target)))
  app.addEventListener('ccl-wallet-confirm', () => confirmations.confirm())
  app.addEventListener('ccl-wallet-cancel', () => confirmations.cancel())
  app.addEventListener('ccl-wallet-cancel-passkey', () => actions.lock.cancel())

  // Tell the host how tall the panel is, so the iframe never scrolls or clips. The panel's own
  // box, not the document's scrollHeight, which never drops below the frame's current height.
  // Observing starts after the first render, so the host never sizes the frame to an empty panel.
  void app.updateComplete.then(() =>
    new ResizeObserver(() => channel.emit({ type: 'resize', height: Math.ceil(app.getBoundingClientRect().height) })).observe(app),
  )

  // Operations signed before a reload are finished now; their events reach the host once connected.
  void actions.resumePending()

  document.documentElement.dataset.ready = 'true'
}

boot()
