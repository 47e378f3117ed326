import { addResidentCredential, clickInWallet, controlEnvironment, getCredentials, readInWallet } from '@crosschain-lending/testing/browser'
import { expect } from '@esm-bundle/chai'
import { base64ToBase64Url, chainView, cleanUp, mountConnectedElement, nextEvent, nextOutcome, useVirtualAuthenticator } from './helpers'

describe('passkey accounts on the chain', () => {
  const authenticator = useVirtualAuthenticator()

  it('behavior: a new account is on the chain before the element hears of it, and the wallet shows the binding warning word for word', async () => {
    const element = await mountConnectedElement()
    const created = nextOutcome(element, 'ccl-account-created')
    await clickInWallet('#create-account')
    const { passkey, account } = (await created).detail

    // When the event fires, the chain already has the account, with this passkey's public key.
    const onChain = await chainView<{ id: string; bound: boolean; passkeys: { credentialId: string; publicKey: string }[] }>('get_account_by_credential', { credential_id: passkey.credentialId })
    expect(onChain.id).to.equal(account.id)
    expect(onChain.passkeys.map(({ credentialId, publicKey }) => ({ credentialId, publicKey }))).to.deep.equal([{ credentialId: passkey.credentialId, publicKey: passkey.publicKey }])
    expect(account).to.deep.equal({ id: onChain.id, bound: false, wallets: [], passkeys: [{ credentialId: passkey.credentialId, publicKey: passkey.publicKey }], pending: [] })
    expect(await readInWallet('#bind-warning')).to.equal('Passkeys are not recoverable. Please bind another blockchain wallet immediately.')
    expect(element.shadowRoot!.querySelector('[part="status"]')!.textContent).to.include('no wallet bound yet')
  })

  it('behavior: on a later visit with nothing stored, the same passkey signs in to the same account', async () => {
    const first = await mountConnectedElement()
    const created = nextOutcome(first, 'ccl-account-created')
    await clickInWallet('#create-account')
    const { account } = (await created).detail
    cleanUp()
    // The iframe's storage is only a cache (browsers partition it per site); clear what exists.
    localStorage.clear()
    sessionStorage.clear()

    const later = await mountConnectedElement()
    expect(later.walletState).to.deep.include({ status: 'signed-out' })
    const signedIn = nextOutcome(later, 'ccl-signed-in')
    await clickInWallet('#sign-in')
    const detail = (await signedIn).detail
    expect(detail.account.id).to.equal(account.id)
    expect(later.walletState).to.deep.include({ status: 'signed-in' })
    expect(await getCredentials(authenticator())).to.have.length(1)
  })

  it('error: signing in from host code without a click in the wallet is refused with a typed error', async () => {
    const element = await mountConnectedElement()
    let thrown: unknown
    try {
      await element.signIn()
    } catch (error) {
      thrown = error
    }
    expect((thrown as { code?: string }).code).to.equal('USER_ACTIVATION_REQUIRED')
    expect(element.shadowRoot!.querySelector('[part="error"]')!.getAttribute('data-code')).to.equal('USER_ACTIVATION_REQUIRED')
  })

  it('error: a passkey whose credential id someone else recorded under their own key signs in to nothing (SIGN_IN_FAILED), and nothing is stored', async () => {
    // The person's passkey exists on this device; the chain has never seen it.
    const credentialId = base64ToBase64Url(await addResidentCredential(authenticator()))
    // An attacker who learned the id records an account for it with their own key (a valid proof of *their* key).
    await controlEnvironment(`squat=${credentialId}`)
    const squatted = await chainView<{ id: string } | null>('get_account_by_credential', { credential_id: credentialId })
    expect(squatted).to.not.equal(null)

    const element = await mountConnectedElement()
    const failed = nextEvent(element, 'ccl-error')
    await clickInWallet('#sign-in')
    const { detail } = await failed
    // Before sign-in verified the assertion, the person was signed in to the attacker's account here.
    expect(detail.code).to.equal('SIGN_IN_FAILED')
    expect(element.walletState).to.deep.include({ status: 'signed-out' })
  })
})
