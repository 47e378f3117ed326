import { answerDevWallet, approveInWallet, clickInWallet, readInWallet, readInWalletWindow, walletWindowOpen } from '@crosschain-lending/testing/browser'
import { createDevWallet } from '@crosschain-lending/testing/signers'
import { expect } from '@esm-bundle/chai'
import { nextOutcome, textInWallet, useVirtualAuthenticator } from '../helpers'
import { attackerConnector, bindingWarning, chainView, connectInWindow, signedUpElement, windowWallet } from './support'

describe('binding, as the host page drives it', function () {
  this.timeout(60_000)
  useVirtualAuthenticator()

  it('behavior: the host can start a binding, but only the person opens the wallet window; cancelling binds nothing', async () => {
    const { element, account } = await signedUpElement()
    const attempt = element.bindWallet('evm').catch((error: unknown) => error)
    expect(await textInWallet('#confirm-title')).to.equal('Connect your EVM wallet')
    // The host's call opens nothing by itself: windows open only from a click in the wallet.
    expect(await walletWindowOpen()).to.equal(false)
    await clickInWallet('#cancel', { timeoutMs: 10000 })
    expect(((await attempt) as { code?: string }).code).to.equal('USER_REJECTED')
    expect(await chainView<{ bound: boolean }>('get_account', { account_id: account.id })).to.deep.include({ bound: false })
    expect(await readInWallet('#bind-warning')).to.equal(bindingWarning)
  })

  // Issue 14, attack 1. Before the wallet window, the wallet asked the page to connect and sign
  // (host.connectExternalWallet / signWithExternalWallet): this page answered with its own key,
  // the wallet showed "Bind your EVM wallet <attacker>", and the person's Confirm bound the
  // attacker's wallet (checked against the previous commit: this test failed there).
  it('error: a page on an allowed origin that answers the wallet\'s requests with its own key binds nothing of its own; only the wallet the person connects in the wallet window is bound', async () => {
    const { element, account } = await signedUpElement()
    const attacker = createDevWallet('evm')
    const connector = attackerConnector(attacker)
    element.walletConnector = connector
    const person = await windowWallet('evm')

    const bound = nextOutcome(element, 'ccl-wallet-bound', 30000)
    bound.catch(() => undefined)
    // The page starts the binding with no click; the person, trusting the wallet's panel, clicks on.
    void element.bindWallet('evm').catch(() => undefined)
    await approveInWallet()
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(connector.asked, 'the wallet asked the page to connect or sign').to.equal(0)
    expect(await readInWalletWindow('#wallet-window-purpose')).to.equal('Bind a wallet to your account')
    expect(await readInWalletWindow('#wallet-window-site')).to.contain(location.origin)
    expect(await connectInWindow()).to.contain(`asks to connect to ${person.address}`)
    const signCard = await answerDevWallet('approve')
    // The person's EVM wallet is asked for the binding's typed data, which names it and the site.
    expect(signCard).to.contain('BindWallet · CrossChain Lending (version 1)')
    expect(signCard).to.contain(`Wallet: ${person.address}`)
    expect(signCard).to.contain(`Site: ${location.origin}`)
    expect(signCard).to.contain(account.id)
    expect(await textInWallet('#confirm-title')).to.equal('Bind your EVM wallet')
    expect(await textInWallet('dl')).to.contain(person.address)
    await approveInWallet()

    expect((await bound).detail.wallet).to.deep.equal({ chain: 'evm', address: person.address })
    expect(connector.asked, 'the wallet asked the page to connect or sign').to.equal(0)
    expect(await chainView('get_account_by_wallet', { chain: 'evm', address: attacker.address })).to.equal(null)
    const onChain = await chainView<{ wallets: { address: string }[] }>('get_account', { account_id: account.id })
    expect(onChain.wallets.map((wallet) => wallet.address)).to.deep.equal([person.address])
  })
})
