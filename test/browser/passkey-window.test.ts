import { answerDevWallet, clickInPasskeyWindow, clickInWallet, closePasskeyWindow, getCredentials, readInPasskeyWindow, walletOrigin } from '@crosschain-lending/testing/browser'
import { expect } from '@esm-bundle/chai'
import { connectInWindow, windowWallet } from './binding/support'
import { connectLikeAHostilePage } from './hostile/support'
import { base64ToBase64Url, chainView, cleanUp, mountConnectedElement, nextEvent, nextOutcome, textInWallet, useVirtualAuthenticator } from './helpers'

const bindingWarning = 'Passkeys are not recoverable. Please bind another blockchain wallet immediately.'

describe('passkey prompts in the wallet’s own window (popup mode)', function () {
  this.timeout(60_000)
  const authenticator = useVirtualAuthenticator()

  it('behavior: creating an account opens the passkey window, which names the site and runs the prompt; the account is on the chain', async () => {
    const element = await mountConnectedElement({ passkeyWindow: 'popup' })
    const created = nextOutcome(element, 'ccl-account-created')
    await clickInWallet('#create-account')

    expect(await readInPasskeyWindow('#passkey-purpose')).to.equal('Create a passkey for a new account')
    expect(await readInPasskeyWindow('#passkey-site')).to.equal(`Asked by the wallet on ${location.origin}`)
    // Nothing is created before the person continues in the window.
    expect(await getCredentials(authenticator())).to.have.length(0)
    await clickInPasskeyWindow()

    const { passkey, account } = (await created).detail
    const onChain = await chainView<{ id: string; passkeys: { credentialId: string; publicKey: string }[] }>('get_account_by_credential', { credential_id: passkey.credentialId })
    expect(onChain.id).to.equal(account.id)
    expect(onChain.passkeys.map(({ publicKey }) => publicKey)).to.deep.equal([passkey.publicKey])
    expect(await textInWallet('#bind-warning')).to.equal(bindingWarning)
    // The credential the window's prompt created is the person's: the page's authenticator holds it.
    expect((await getCredentials(authenticator())).map(({ credentialId }) => base64ToBase64Url(credentialId))).to.deep.equal([passkey.credentialId])
  })

  it('behavior: a later visit with nothing stored signs in through the window, and the passkey approves a binding there', async () => {
    const first = await mountConnectedElement({ passkeyWindow: 'popup' })
    const created = nextOutcome(first, 'ccl-account-created')
    await clickInWallet('#create-account')
    await clickInPasskeyWindow()
    const { account } = (await created).detail
    cleanUp()
    localStorage.clear()

    const later = await mountConnectedElement({ passkeyWindow: 'popup' })
    const signedIn = nextOutcome(later, 'ccl-signed-in')
    await clickInWallet('#sign-in')
    expect(await readInPasskeyWindow('#passkey-purpose')).to.equal('Sign in with your passkey')
    await clickInPasskeyWindow()
    expect((await signedIn).detail.account.id).to.equal(account.id)

    // The binding's passkey approval is an assertion made in a top-level window: the contract
    // accepts it, since it checks the wallet origin, not whether the prompt ran in a frame.
    const wallet = await windowWallet('evm')
    const bound = nextOutcome(later, 'ccl-wallet-bound', 30000)
    await clickInWallet('#bind-evm')
    await connectInWindow()
    await answerDevWallet('approve')
    // The panel only opens the window: the window shows the whole binding, and its Confirm signs.
    await clickInWallet('#confirm', { timeoutMs: 15000 })
    expect(await readInPasskeyWindow('#passkey-purpose')).to.equal('Bind your EVM wallet')
    expect(await readInPasskeyWindow('.confirmation-facts')).to.contain(wallet.address)
    await clickInPasskeyWindow()
    expect((await bound).detail.account).to.deep.include({ id: account.id, bound: true })
    expect(await chainView<{ id: string }>('get_account_by_wallet', { chain: 'evm', address: wallet.address })).to.deep.include({ id: account.id })
  })

  it('error: closing the passkey window cancels the prompt with PASSKEY_CANCELLED; nothing is created and the wallet can try again', async () => {
    const element = await mountConnectedElement({ passkeyWindow: 'popup' })
    const failed = nextEvent(element, 'ccl-error')
    await clickInWallet('#create-account')
    await readInPasskeyWindow('#passkey-purpose')
    await closePasskeyWindow()
    expect((await failed).detail.code).to.equal('PASSKEY_CANCELLED')
    expect(await getCredentials(authenticator())).to.have.length(0)

    const created = nextOutcome(element, 'ccl-account-created')
    await clickInWallet('#create-account')
    await clickInPasskeyWindow()
    expect((await created).detail.account.bound).to.equal(false)
  })

  it('error: the window’s own Cancel button cancels with PASSKEY_CANCELLED', async () => {
    const element = await mountConnectedElement({ passkeyWindow: 'popup' })
    const failed = nextEvent(element, 'ccl-error')
    await clickInWallet('#create-account')
    await clickInPasskeyWindow({ selector: '#passkey-cancel' })
    expect((await failed).detail.code).to.equal('PASSKEY_CANCELLED')
    expect(await getCredentials(authenticator())).to.have.length(0)
  })

  it('error: a passkey window opened by another site answers nothing and runs nothing that site sends it', async () => {
    const origin = await walletOrigin()
    const received: unknown[] = []
    const listen = (event: MessageEvent) => received.push(event.data)
    window.addEventListener('message', listen)
    const opened = window.open(`${origin}/passkey.html`, '_blank', 'popup')
    expect(opened, 'the test page could open a window').to.not.equal(null)
    try {
      // The window's status says it opens only from the wallet; the site's messages change nothing.
      expect(await readInPasskeyWindow('#passkey-status')).to.match(/opens only from the CrossChain Lending wallet/)
      opened!.postMessage({ tag: 'ccl-passkey-window', type: 'ceremony', id: 'x', kind: 'register', options: { challenge: 'AAAA', rp: { id: 'localhost', name: 'x' } }, purpose: 'create account', site: 'https://evil.example' }, '*')
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(await readInPasskeyWindow('#passkey-purpose', { timeoutMs: 300 })).to.equal(null)
      expect(received).to.deep.equal([])
      expect(await getCredentials(authenticator())).to.have.length(0)
    } finally {
      window.removeEventListener('message', listen)
      opened?.close()
    }
  })
})

describe('passkey prompts when the browser refuses them in the frame (auto mode)', function () {
  this.timeout(60_000)
  const authenticator = useVirtualAuthenticator()

  it('behavior: a frame without passkey permissions falls back to the passkey window, and the account is created', async () => {
    // A page that embeds the wallet without `allow="publickey-credentials-create ..."`: the
    // browser refuses create() in the frame, as Safari long did for every cross-origin frame. It
    // connects as any host does: the wallet names no site it has not verified.
    await connectLikeAHostilePage()
    document.querySelector<HTMLIFrameElement>(`iframe[src^="${await walletOrigin()}"]`)!.style.height = '480px'
    await clickInWallet('#create-account')
    expect(await readInPasskeyWindow('#passkey-purpose', { timeoutMs: 10000 })).to.equal('Create a passkey for a new account')
    await clickInPasskeyWindow()
    expect(await textInWallet('#bind-warning', 15000)).to.equal(bindingWarning)
    expect(await getCredentials(authenticator())).to.have.length(1)
  })
})
