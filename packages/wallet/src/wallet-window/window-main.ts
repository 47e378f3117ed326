import { BaseError, ErrorCode, fromWireError, toWireError } from '@crosschain-lending/protocol'
import { type InjectedWallet, discoverWallets } from './discover-wallets'
import { walletNotFound } from './connectors/errors'
import { type WalletWindowMessage, type WalletWindowSignRequest, type WalletWindowTask, parseWalletWindowMessage, walletWindowTag } from './messages'
import { WalletWindowView } from './window-view'
import { bootOwnWindow } from '../window-page'

/**
 * The external-wallet window: a top-level page on the wallet origin where the person's wallet
 * extensions inject themselves and name this wallet as the site asking. It serves the one wallet
 * frame that opened it (an opener on this same origin): it shows what the signature is for, lets
 * the person pick one of their wallets, connects it, shows the exact message and asks the wallet
 * to sign it, and posts each answer to the frame, which verifies it. Opened by anyone else, or
 * framed, it does nothing (bootOwnWindow); it reads nothing from its URL.
 */
function boot(): void {
  const page = bootOwnWindow({
    className: 'wallet-window',
    statusId: 'wallet-window-status',
    inert: 'This window opens only from the CrossChain Lending wallet, to connect your own wallet. Nothing here connects or signs anything. You can close it.',
  })
  if (!page) return
  const { opener } = page

  let task: WalletWindowTask | undefined
  let wallet: InjectedWallet | undefined
  let address: string | undefined
  const post = (message: WalletWindowMessage) => opener.postMessage(message, location.origin)
  const view = new WalletWindowView(page, () =>
    fail(new BaseError({ code: ErrorCode.UserRejected, shortMessage: 'You cancelled in the wallet window. Nothing was signed; you can try again.' })),
  )
  // After an error or a signature the flow is over: this window connects and signs nothing more.
  const over = () => view.state === 'error' || view.state === 'done'
  const fail = (error: unknown) => {
    if (over()) return
    const wire = toWireError(error)
    view.failed(wire.message)
    if (task) post({ tag: walletWindowTag, type: 'failure', id: task.id, error: wire })
  }

  const connect = async (candidate: InjectedWallet, index: number) => {
    if (!task || wallet || over()) return
    wallet = candidate
    view.connecting(candidate, index)
    try {
      const account = await candidate.connect()
      if (task.expected && account.address.toLowerCase() !== task.expected.toLowerCase()) {
        throw new BaseError({
          code: ErrorCode.ExternalWalletMismatch,
          shortMessage: `${candidate.name} is connected to ${account.address}, but ${task.expected} must sign. Switch to that account in the wallet, then start again from the site.`,
        })
      }
      address = account.address
      view.connected(account.address)
      post({ tag: walletWindowTag, type: 'connected', id: task.id, account })
    } catch (error) {
      fail(error)
    }
  }

  const start = async (received: WalletWindowTask) => {
    task = received
    view.task(received)
    try {
      const found = await discoverWallets(received.chain)
      // The person reads what to install here; the frame gets the same typed error.
      if (found.length === 0) throw walletNotFound(received.chain)
      view.choices(received.chain, found, (candidate) => void connect(candidate, found.indexOf(candidate)))
    } catch (error) {
      fail(error)
    }
  }

  const sign = async (request: WalletWindowSignRequest) => {
    if (!task || !wallet || !address || view.state !== 'connected') return
    try {
      view.signing(request, wallet.name)
      const signable = request.typedData ? { typedData: request.typedData } : { message: request.message }
      const signed = await wallet.signMessage({ chain: task.chain, address, ...signable, purpose: task.role, ...(request.nep413 ? { nep413: request.nep413 } : {}) })
      if (over()) return
      view.signed(task.site)
      post({ tag: walletWindowTag, type: 'signed', id: task.id, signature: signed.signature, ...(signed.publicKey ? { publicKey: signed.publicKey } : {}) })
    } catch (error) {
      fail(error)
    }
  }

  window.addEventListener('message', (event) => {
    // Only the frame that opened this window, on this origin, is heard.
    if (event.origin !== location.origin || event.source !== opener) return
    const received = parseWalletWindowMessage(event.data)
    if (!received) return
    if (received.type === 'task') {
      if (!task) void start(received)
      return
    }
    if (!task || !('id' in received) || received.id !== task.id) return
    if (received.type === 'failure') {
      if (!over()) view.failed(fromWireError(received.error).message)
    } else if (received.type === 'sign') {
      void sign(received)
    }
  })

  // The wallet frame closes this window when the flow ends (or leaves it open on an error the
  // person must read here). Should the frame be gone (the site navigated away, or removed the
  // element), nobody is left to answer: the window closes itself.
  const orphaned = setInterval(() => {
    if (!opener.closed) return
    clearInterval(orphaned)
    window.close()
  }, 500)

  post({ tag: walletWindowTag, type: 'ready' })
}

boot()
