import { addVirtualAuthenticator, answerDevWallet, approveInWallet, clickInWallet, controlEnvironment, getCredentials, removeVirtualAuthenticator } from '@crosschain-lending/testing/browser'
import { expect } from '@esm-bundle/chai'
import { connectInWindow } from '../binding/support'
import { base64ToBase64Url, chainView, cleanUp, mountConnectedElement, nextEvent, nextOutcome, textInWalletMatching } from '../helpers'
import { boundElement } from '../operations/support'

type Account = { id: string; passkeys: { credentialId: string }[] }

describe('passkeys that could end up controlling nothing', function () {
  this.timeout(120_000)
  let authenticators: string[] = []

  beforeEach(async () => {
    authenticators.push(await addVirtualAuthenticator())
  })
  afterEach(async () => {
    await controlEnvironment('relayer:start')
    cleanUp()
    for (const id of authenticators) await removeVirtualAuthenticator(id).catch(() => undefined)
    authenticators = []
  })

  it('behavior: with the relayer down at creation, the passkey is kept and the account is recorded once the relayer is back', async () => {
    const element = await mountConnectedElement()
    await controlEnvironment('relayer:stop')
    const created = nextOutcome(element, 'ccl-account-created', 60000)
    await clickInWallet('#create-account')
    // First "Recording…", then, once the relayer has not answered, the waiting message.
    await textInWalletMatching('#operation-status', /Your passkey is made; recording your account is waiting/)
    expect(element.walletState).to.deep.include({ status: 'signed-out' })

    await controlEnvironment('relayer:start')
    const { passkey, account } = (await created).detail
    const onChain = await chainView<Account>('get_account_by_credential', { credential_id: passkey.credentialId })
    expect(onChain.id).to.equal(account.id)
    const [credential] = await getCredentials(authenticators[0]!)
    expect(base64ToBase64Url(credential!.credentialId)).to.equal(passkey.credentialId)
  })

  it('behavior: a page that goes away while the account waits loses nothing: the next visit records it', async () => {
    const element = await mountConnectedElement()
    await controlEnvironment('relayer:stop')
    await clickInWallet('#create-account')
    await textInWalletMatching('#operation-status', /recording your account is waiting/)
    expect(element.walletState).to.deep.include({ status: 'signed-out' })
    const [credential] = await getCredentials(authenticators[0]!)
    cleanUp()

    await controlEnvironment('relayer:start')
    const later = document.createElement('crosschain-lending')
    const created = nextOutcome(later, 'ccl-account-created', 30000)
    later.walletOrigin = (await import('@crosschain-lending/testing/browser').then((kit) => kit.walletOrigin()))
    document.body.append(later)
    const { passkey, account } = (await created).detail
    expect(passkey.credentialId).to.equal(base64ToBase64Url(credential!.credentialId))
    expect((await chainView<Account>('get_account_by_credential', { credential_id: passkey.credentialId })).id).to.equal(account.id)
    // No second passkey was needed.
    expect(await getCredentials(authenticators[0]!)).to.have.length(1)
  })

  it('error: a recovery the bound wallet declines leaves the account unchanged, and the new passkey is forgotten by the device', async () => {
    const { accountId, wallet } = await boundElement()
    cleanUp()
    await removeVirtualAuthenticator(authenticators.shift()!)
    authenticators.push(await addVirtualAuthenticator())

    const element = await mountConnectedElement()
    expect(wallet.address).to.be.a('string')
    const failed = nextEvent(element, 'ccl-error', 30000)
    await clickInWallet('#recover summary')
    await clickInWallet('#recover-evm')
    await connectInWindow()
    await approveInWallet()
    // The person declines the signature in their wallet.
    await answerDevWallet('reject')
    expect((await failed).detail.code).to.equal('USER_REJECTED')

    expect((await chainView<Account>('get_account', { account_id: accountId })).passkeys).to.have.length(1)
    // The passkey made for the recovery is gone from the device (WebAuthn Signal API).
    expect(await getCredentials(authenticators[0]!)).to.deep.equal([])
  })
})
