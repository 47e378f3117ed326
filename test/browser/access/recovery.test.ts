import { addVirtualAuthenticator, clickInWallet, getCredentials, removeVirtualAuthenticator } from '@crosschain-lending/testing/browser'
import { expect } from '@esm-bundle/chai'
import { devConnector } from '../binding/support'
import { base64ToBase64Url, chainView, cleanUp, mountConnectedElement, nextOutcome } from '../helpers'
import { approveOperation, boundElement, deposit } from '../operations/support'

type Account = { id: string; passkeys: { credentialId: string }[]; wallets: { chain: string; address: string }[] }

describe('a lost device: recovery through the bound wallet', function () {
  this.timeout(120_000)
  let authenticators: string[] = []

  afterEach(async () => {
    cleanUp()
    for (const id of authenticators) await removeVirtualAuthenticator(id).catch(() => undefined)
    authenticators = []
  })

  it('behavior: on a new authenticator without the passkey, the bound wallet adds a new one, which then signs an operation', async () => {
    authenticators.push(await addVirtualAuthenticator())
    const { accountId, wallet } = await boundElement()
    const [lost] = await getCredentials(authenticators[0]!)

    // The device is gone: its authenticator and the page with it.
    cleanUp()
    await removeVirtualAuthenticator(authenticators.shift()!)
    authenticators.push(await addVirtualAuthenticator())

    const element = await mountConnectedElement()
    element.walletConnector = devConnector(wallet)
    const recovered = nextOutcome(element, 'ccl-account-recovered', 30000)
    recovered.catch(() => undefined)
    await clickInWallet('#recover summary')
    await clickInWallet('#recover-evm')
    await clickInWallet('#confirm', { timeoutMs: 15000 })
    const { detail } = await recovered

    expect(detail.account.id).to.equal(accountId)
    const [fresh] = await getCredentials(authenticators[0]!)
    expect(detail.passkey.credentialId).to.equal(base64ToBase64Url(fresh!.credentialId))
    const onChain = await chainView<Account>('get_account', { account_id: accountId })
    expect(onChain.passkeys.map((passkey) => passkey.credentialId)).to.deep.equal([base64ToBase64Url(lost!.credentialId), detail.passkey.credentialId])
    expect(element.walletState).to.deep.include({ status: 'signed-in' })

    // The new passkey signs for the account.
    await deposit(accountId, 'USDC', '3000000')
    const receipt = await approveOperation(element, { type: 'supply', asset: 'USDC', amount: '3' })
    expect(receipt.position.accountId).to.equal(accountId)

    // And the bound wallet removes the lost one.
    const removed = element.removeAccess({ passkey: base64ToBase64Url(lost!.credentialId) })
    await clickInWallet('#confirm', { timeoutMs: 15000 })
    expect((await removed).id).to.equal(accountId)
    const after = await chainView<Account>('get_account', { account_id: accountId })
    expect(after.passkeys.map((passkey) => passkey.credentialId)).to.deep.equal([detail.passkey.credentialId])
  })

  it('error: a wallet that is bound to no account recovers nothing, and no passkey is created', async () => {
    authenticators.push(await addVirtualAuthenticator())
    const element = await mountConnectedElement()
    const { createDevWallet } = await import('@crosschain-lending/testing/signers')
    element.walletConnector = devConnector(createDevWallet('evm'))
    const outcome = element.recover('evm').then(
      () => 'recovered',
      (failure: { code: string }) => failure.code,
    )
    expect(await outcome).to.equal('ACCOUNT_NOT_FOUND')
    expect(await getCredentials(authenticators[0]!)).to.deep.equal([])
  })
})
