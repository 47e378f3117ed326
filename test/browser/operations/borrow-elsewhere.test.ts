import { requestId } from '@crosschain-lending/protocol'
import { answerDevWallet, approveInWallet, clickInWallet, readInWalletWindow } from '@crosschain-lending/testing/browser'
import { createDevWallet } from '@crosschain-lending/testing/signers'
import { expect } from '@esm-bundle/chai'
import { attackerConnector, connectInWindow, windowWallet } from '../binding/support'
import { nextOutcome, textInWallet, useVirtualAuthenticator } from '../helpers'
import { approveOperation, boundElement, deposit, devRpc } from './support'

type Ledger = { totals: Record<string, string> }

/** A bound account with 600 USDC of collateral: ready to borrow. */
async function borrower() {
  const bound = await boundElement()
  await deposit(bound.accountId, 'USDC', '600000000')
  await approveOperation(bound.element, { type: 'supply', asset: 'USDC', amount: '600' })
  return bound
}

describe('Borrow to an address that is not the bound wallet', function () {
  this.timeout(120_000)
  useVirtualAuthenticator()

  it('behavior: the passkey window\'s confirmation, then the bound wallet\'s co-signature in the wallet window, send it there', async () => {
    const { element } = await borrower()
    const elsewhere = createDevWallet('evm')
    const final = approveOperation(element, { type: 'borrow', asset: 'USDC', amount: '10', recipient: { chain: 'evm', address: elsewhere.address } }, { cosign: true })
    const receipt = await final
    expect(receipt.operation).to.deep.include({ recipient: { chain: 'evm', address: elsewhere.address } })
    expect(receipt.transfers).to.deep.equal([{ asset: 'USDC', amount: '10000000', chain: 'evm', address: elsewhere.address }])
    const ledger = await devRpc<Ledger>('dev_ledger', { chain: 'evm', address: elsewhere.address })
    expect(ledger.totals.USDC).to.equal('10000000')
  })

  it('error: the confirmation says the address is not bound; the co-signature step names the co-signer, and declining it sends nothing', async () => {
    const { element, wallet } = await borrower()
    const elsewhere = createDevWallet('evm')
    const outcome = element.operate({ type: 'borrow', asset: 'USDC', amount: '10', recipient: { chain: 'evm', address: elsewhere.address } }).then(
      () => 'sent',
      (failure: { code: string }) => failure.code,
    )
    expect(await textInWallet('#confirm-warning')).to.contain('not one of your bound wallets')
    await approveInWallet()
    await waitForTitle('Send to an address that is not yours?')
    expect(await textInWallet('dl')).to.contain(`${wallet.address} (your bound wallet)`)
    await clickInWallet('#cancel')
    expect(await outcome).to.equal('USER_REJECTED')
    const ledger = await devRpc<Ledger>('dev_ledger', { chain: 'evm', address: elsewhere.address })
    expect(ledger.totals.USDC).to.equal(undefined)
  })

  // Issue 14, attack 3. Before the wallet window, the co-signature was asked of the page, which
  // could show the person's wallet another message (a full wallet-signed request) or answer
  // with its own key (checked against the previous commit: this test failed there, with the page
  // asked to co-sign). Now the page is never asked, and the window shows the exact payload the
  // wallet's panel showed.
  it('error: a page that answers co-signature requests itself co-signs nothing; the bound wallet co-signs in the wallet window exactly the payload shown', async () => {
    const { element, wallet } = await borrower()
    const connector = attackerConnector(createDevWallet('evm'))
    element.walletConnector = connector
    const elsewhere = createDevWallet('evm')
    const final = nextOutcome(element, 'ccl-operation-final', 30000)
    final.catch(() => undefined)
    void element.operate({ type: 'borrow', asset: 'USDC', amount: '10', recipient: { chain: 'evm', address: elsewhere.address } }).catch(() => undefined)
    const payload = await textInWallet('#confirm-payload pre')
    await approveInWallet()
    await waitForTitle('Send to an address that is not yours?')
    await clickInWallet('#confirm')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(connector.asked, 'the wallet asked the page to co-sign').to.equal(0)
    expect(await connectInWindow()).to.contain(wallet.address)
    // Before the wallet is asked, the wallet window shows the typed data it will sign, field by field.
    const shown = await readInWalletWindow('#wallet-window-message:not([hidden]) .typed-data')
    expect(shown).to.contain('Amount10 USDC')
    expect(shown).to.contain(`RecipientEVM ${elsewhere.address}`)
    expect(shown).to.contain(`Request id0x${requestId(payload)}`)
    const card = await answerDevWallet('approve')
    // The bound wallet was asked to co-sign exactly the request the panel showed, as EIP-712 typed
    // data of the co-signature's own type: the amount in USDC beside its smallest units, the
    // recipient, the site, and the request by its id (sha256 of the payload).
    expect(card).to.contain('CoSignBorrow · CrossChain Lending (version 1)')
    expect(card).to.contain(`Action: Borrow Amount: 10 USDC Smallest units: 10000000 Recipient: EVM ${elsewhere.address}`)
    expect(card).to.contain(`Site: ${location.origin}`)
    expect(card).to.contain(`Request id: 0x${requestId(payload)}`)
    await final
    expect(connector.asked).to.equal(0)
  })

  it('error: declining the co-signature in the wallet window signs and sends nothing', async () => {
    const { element } = await borrower()
    const { elsewhere, outcome } = await borrowToAnotherAddress(element)
    expect(await readInWalletWindow('#wallet-window-purpose')).to.equal('Co-sign a Borrow with your wallet')
    await connectInWindow()
    await answerDevWallet('reject')
    expect(await outcome).to.equal('USER_REJECTED')
    expect((await devRpc<Ledger>('dev_ledger', { chain: 'evm', address: elsewhere.address })).totals.USDC).to.equal(undefined)
  })

  it('error: a wallet in the window that is not the bound one is refused (EXTERNAL_WALLET_MISMATCH) before it is asked to sign', async () => {
    const { element } = await borrower()
    // The person's browser now holds another EVM wallet than the bound one.
    await windowWallet('evm')
    const { elsewhere, outcome } = await borrowToAnotherAddress(element)
    await connectInWindow()
    expect(await outcome).to.equal('EXTERNAL_WALLET_MISMATCH')
    expect((await devRpc<Ledger>('dev_ledger', { chain: 'evm', address: elsewhere.address })).totals.USDC).to.equal(undefined)
  })
})

/** Asks for a Borrow to a new address, approves it in the passkey window, and opens the wallet window to co-sign. */
async function borrowToAnotherAddress(element: Awaited<ReturnType<typeof borrower>>['element']) {
  const elsewhere = createDevWallet('evm')
  const outcome = element.operate({ type: 'borrow', asset: 'USDC', amount: '10', recipient: { chain: 'evm', address: elsewhere.address } }).then(
    () => 'sent',
    (failure: { code: string }) => failure.code,
  )
  await approveInWallet()
  await waitForTitle('Send to an address that is not yours?')
  await clickInWallet('#confirm')
  return { elsewhere, outcome }
}

async function waitForTitle(title: string): Promise<void> {
  const deadline = Date.now() + 10000
  while ((await textInWallet('#confirm-title')) !== title) {
    if (Date.now() > deadline) throw new Error(`the wallet never showed "${title}"`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
