import { clickInWallet, getCredentials } from '@crosschain-lending/testing/browser'
import { expect } from '@esm-bundle/chai'
import { signedUpElement } from '../binding/support'
import { base64ToBase64Url, chainView, useVirtualAuthenticator } from '../helpers'
import { boundElement } from '../operations/support'

type Account = { passkeys: unknown[]; wallets: unknown[]; bound: boolean }

describe('removing a passkey or a wallet', function () {
  this.timeout(90_000)
  const authenticator = useVirtualAuthenticator()

  it('error: a passkey alone cannot remove anything (ACTION_NOT_ALLOWED), and nothing changes', async () => {
    const { element, account } = await signedUpElement()
    const [credential] = await getCredentials(authenticator())
    const outcome = await element.removeAccess({ passkey: base64ToBase64Url(credential!.credentialId) }).then(
      () => 'removed',
      (failure: { code: string }) => failure.code,
    )
    expect(outcome).to.equal('ACTION_NOT_ALLOWED')
    expect((await chainView<Account>('get_account', { account_id: account.id })).passkeys).to.have.length(1)
  })

  it('behavior: the bound wallet removes itself; the passkey stays, and the account is unbound again', async () => {
    const { element, accountId, wallet } = await boundElement()
    const removed = element.removeAccess({ wallet: { chain: 'evm', address: wallet.address } })
    await clickInWallet('#confirm', { timeoutMs: 15000 })
    expect(await removed).to.deep.include({ id: accountId, bound: false })
    expect(await chainView<Account>('get_account', { account_id: accountId })).to.deep.include({ bound: false, wallets: [] })
    // With the wallet gone, the warning is back.
    expect(element.walletState).to.deep.nested.include({ 'account.bound': false })
  })
})
