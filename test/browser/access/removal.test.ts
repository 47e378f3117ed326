import { answerDevWallet, approveInWallet, clickInWallet, getCredentials, readInWallet, readInWalletWindow } from '@crosschain-lending/testing/browser'
import { expect } from '@esm-bundle/chai'
import { connectInWindow, signedUpElement } from '../binding/support'
import { base64ToBase64Url, chainView, textInWallet, useVirtualAuthenticator, waitFor } from '../helpers'
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
    // The panel's confirmation; its click opens the wallet window, where the bound wallet signs.
    await approveInWallet()
    expect(await readInWalletWindow('#wallet-window-purpose')).to.equal('Remove access with your wallet')
    await connectInWindow()
    const card = await answerDevWallet('approve')
    expect(card).to.contain('RemoveAccess · CrossChain Lending (version 1)')
    expect(card).to.contain(`Action: Remove the EVM ${wallet.address} wallet`)
    expect(await removed).to.deep.include({ id: accountId, bound: false })
    expect(await chainView<Account>('get_account', { account_id: accountId })).to.deep.include({ bound: false, wallets: [] })
    // With the wallet gone, the warning is back.
    expect(element.walletState).to.deep.nested.include({ 'account.bound': false })
  })

  it('behavior: the wallet’s own panel lists who can use the account, and removes the bound wallet with its signature', async () => {
    const { element, accountId } = await boundElement()
    await clickInWallet('#access summary')
    expect(await readInWallet('#access summary')).to.equal('Who can use this account (2)')
    expect(await readInWallet('#access li:nth-child(1)')).to.match(/^Passkey .+ \(this device\) Remove$/)
    expect(await readInWallet('#access li:nth-child(2)')).to.contain('EVM wallet')
    await clickInWallet('#remove-wallet-0')
    await approveInWallet()
    await connectInWindow()
    await answerDevWallet('approve')
    await waitFor(() => element.walletState?.status === 'signed-in' && !element.walletState.account.bound, 'the account is unbound', 30000)
    expect(await chainView<Account>('get_account', { account_id: accountId })).to.deep.include({ bound: false, wallets: [] })
    // One way in is left: nothing more can be removed, and the panel says why.
    expect(await readInWallet('#remove-passkey-0')).to.equal(null)
    expect(await textInWallet('#access .hint')).to.equal('Bind a wallet to manage who can use this account.')
  })
})
