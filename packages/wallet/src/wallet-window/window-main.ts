import { BaseError, ErrorCode, type TypedDataEntry, fromWireError, toWireError, viewTypedData, walletChainNames } from '@crosschain-lending/protocol'
import { type InjectedWallet, discoverWallets } from './discover-wallets'
import { type WalletWindowMessage, type WalletWindowTask, parseWalletWindowMessage, walletWindowTag } from './messages'
import { element, sameOrigin } from '../window-page'

const roleHeadings: Record<WalletWindowTask['role'], string> = {
  bind: 'Bind a wallet to your account',
  recover: 'Recover your account with your wallet',
  cosign: 'Co-sign a Borrow with your wallet',
  remove: 'Remove access with your wallet',
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

/**
 * The external-wallet window: a top-level page on the wallet origin where the person's wallet
 * extensions inject themselves and name this wallet as the site asking. It serves the one wallet
 * frame that opened it (an opener on this same origin): it shows what the signature is for, lets
 * the person pick one of their wallets, connects it, shows the exact message and asks the wallet
 * to sign it, and posts each answer to the frame, which verifies it. Opened by anyone else, or
 * framed, it does nothing.
 */
function boot(): void {
  const main = element('main', { class: 'wallet-window' })
  const heading = element('h1', {}, 'CrossChain Lending wallet')
  const status = element('p', { id: 'wallet-window-status', role: 'status', 'aria-live': 'polite' }, 'Waiting for the wallet…')
  main.append(heading, status)
  document.body.append(main)

  const opener = window.opener as Window | null
  if (!opener || window.top !== window || !sameOrigin(opener)) {
    status.textContent = 'This window opens only from the CrossChain Lending wallet, to connect your own wallet. You can close it.'
    return
  }

  let task: WalletWindowTask | undefined
  let wallet: InjectedWallet | undefined
  let address: string | undefined
  const post = (message: WalletWindowMessage) => opener.postMessage(message, location.origin)
  const fail = (error: unknown) => {
    const wire = toWireError(error)
    status.textContent = wire.message
    status.dataset.state = 'error'
    if (task) post({ tag: walletWindowTag, type: 'failure', id: task.id, error: wire })
  }

  const purpose = element('h2', { id: 'wallet-window-purpose' })
  const site = element('p', { id: 'wallet-window-site', class: 'site' })
  const facts = element('dl', { id: 'wallet-window-facts' })
  const choices = element('div', { id: 'wallet-choices', class: 'choices', role: 'group', 'aria-label': 'Your wallets' })
  const messageHeading = element('h3', { id: 'wallet-window-message-heading', hidden: '' }, 'Your wallet is asked to sign exactly this:')
  const message = element('div', { id: 'wallet-window-message', hidden: '', tabindex: '0' })
  const cancel = element('button', { id: 'wallet-window-cancel', type: 'button' }, 'Cancel')

  const showChoices = (found: InjectedWallet[]) => {
    choices.replaceChildren()
    for (const candidate of found) {
      const button = element('button', { type: 'button', class: 'wallet-choice', 'data-wallet-id': candidate.id })
      if (candidate.icon?.startsWith('data:image/')) button.append(element('img', { src: candidate.icon, alt: '', width: '24', height: '24' }))
      button.append(element('span', {}, candidate.name))
      button.addEventListener('click', () => void connect(candidate))
      choices.append(button)
    }
  }

  const connect = async (candidate: InjectedWallet) => {
    if (!task || wallet) return
    wallet = candidate
    for (const button of choices.querySelectorAll('button')) button.disabled = true
    status.textContent = `Approve the connection in ${candidate.name}.`
    try {
      const account = await candidate.connect()
      if (task.expected && account.address.toLowerCase() !== task.expected.toLowerCase()) {
        throw new BaseError({
          code: ErrorCode.ExternalWalletMismatch,
          shortMessage: `${candidate.name} is connected to ${account.address}, but ${task.expected} must sign. Switch to that account in the wallet and try again.`,
        })
      }
      address = account.address
      status.textContent = `Connected ${account.address}. Waiting for the wallet to write the message…`
      post({ tag: walletWindowTag, type: 'connected', id: task.id, account })
    } catch (error) {
      fail(error)
    }
  }

  window.addEventListener('message', async (event) => {
    if (event.origin !== location.origin || event.source !== opener) return
    const received = parseWalletWindowMessage(event.data)
    if (!received) return
    if (received.type === 'task' && !task) {
      task = received
      purpose.textContent = roleHeadings[received.role]
      site.textContent = `Asked by the wallet on ${received.site}: ${received.title}`
      facts.replaceChildren(...received.lines.flatMap((line) => [element('dt', {}, line.label), element('dd', {}, line.value)]))
      main.append(purpose, site, facts, choices, messageHeading, message, cancel)
      status.textContent = `Looking for your ${walletChainNames[received.chain]} wallets…`
      try {
        const found = await discoverWallets(received.chain)
        if (found.length === 0) {
          throw new BaseError({
            code: ErrorCode.ExternalWalletNotFound,
            shortMessage: `No ${walletChainNames[received.chain]} wallet is installed in this browser. Install or unlock one, then try again.`,
            docsPath: '/docs/integrate.md#wallet-window',
          })
        }
        showChoices(found)
        status.textContent = `Choose your ${walletChainNames[received.chain]} wallet.`
      } catch (error) {
        fail(error)
      }
      return
    }
    if (!task || !('id' in received) || received.id !== task.id) return
    if (received.type === 'failure') {
      status.textContent = fromWireError(received.error).message
      status.dataset.state = 'error'
    } else if (received.type === 'sign' && wallet && address) {
      try {
        // EVM: the typed data read from its own types, the way the wallet will show it; otherwise the text itself.
        if (received.typedData) {
          const view = viewTypedData(received.typedData)
          messageHeading.textContent = 'Your wallet is asked to sign this EIP-712 message:'
          message.replaceChildren(element('p', { class: 'typed-data-heading' }, view.heading), typedDataList(view.entries))
        } else {
          message.replaceChildren(element('pre', {}, received.message))
        }
        message.hidden = false
        messageHeading.hidden = false
        status.textContent = `Check the message, then approve it in ${wallet.name}.`
        const signable = received.typedData ? { typedData: received.typedData } : { message: received.message }
        const signed = await wallet.signMessage({ chain: task.chain, address, ...signable, purpose: task.role, ...(received.nep413 ? { nep413: received.nep413 } : {}) })
        status.textContent = `Signed. Back to ${task.site}.`
        post({ tag: walletWindowTag, type: 'signed', id: task.id, signature: signed.signature, ...(signed.publicKey ? { publicKey: signed.publicKey } : {}) })
      } catch (error) {
        fail(error)
      }
    }
  })

  cancel.addEventListener('click', () => {
    fail(new BaseError({ code: ErrorCode.UserRejected, shortMessage: 'You cancelled in the wallet window. Nothing was signed; you can try again.' }))
  })

  // The wallet frame closes this window when the flow ends. Should the frame be gone (the site
  // navigated away, or removed the element), nobody is left to answer: the window closes itself.
  const orphaned = setInterval(() => {
    if (!opener.closed) return
    clearInterval(orphaned)
    window.close()
  }, 500)

  post({ tag: walletWindowTag, type: 'ready' })
}

boot()
