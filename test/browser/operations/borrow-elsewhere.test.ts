import { clickInWallet } from '@crosschain-lending/testing/browser'
import { createDevWallet } from '@crosschain-lending/testing/signers'
import { expect } from '@esm-bundle/chai'
import { devConnector } from '../binding/support'
import { textInWallet, useVirtualAuthenticator } from '../helpers'
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

  it('behavior: a second confirmation and the bound wallet\'s co-signature send it there', async () => {
    const { element } = await borrower()
    const elsewhere = createDevWallet('evm')
    const final = approveOperation(element, { type: 'borrow', asset: 'USDC', amount: '10', recipient: { chain: 'evm', address: elsewhere.address } }, 1)
    const receipt = await final
    expect(receipt.operation).to.deep.include({ recipient: { chain: 'evm', address: elsewhere.address } })
    expect(receipt.transfers).to.deep.equal([{ asset: 'USDC', amount: '10000000', chain: 'evm', address: elsewhere.address }])
    const ledger = await devRpc<Ledger>('dev_ledger', { chain: 'evm', address: elsewhere.address })
    expect(ledger.totals.USDC).to.equal('10000000')
  })

  it('error: the first confirmation says the address is not bound; the second names the co-signer', async () => {
    const { element, wallet } = await borrower()
    const elsewhere = createDevWallet('evm')
    const outcome = element.operate({ type: 'borrow', asset: 'USDC', amount: '10', recipient: { chain: 'evm', address: elsewhere.address } }).then(
      () => 'sent',
      (failure: { code: string }) => failure.code,
    )
    expect(await textInWallet('#confirm-warning')).to.contain('not one of your bound wallets')
    await clickInWallet('#confirm')
    await waitForTitle('Send to an address that is not yours?')
    expect(await textInWallet('dl')).to.contain(`${wallet.address} (your bound wallet)`)
    await clickInWallet('#cancel')
    expect(await outcome).to.equal('USER_REJECTED')
    const ledger = await devRpc<Ledger>('dev_ledger', { chain: 'evm', address: elsewhere.address })
    expect(ledger.totals.USDC).to.equal(undefined)
  })

  for (const [name, cosign, code] of [
    ['without the co-signature nothing is signed or sent', 'refuse', 'USER_REJECTED'],
    ['a co-signature by another key is caught in the wallet (INVALID_COSIGNATURE) before the passkey is asked', createDevWallet('evm'), 'INVALID_COSIGNATURE'],
  ] as const) {
    it(`error: ${name}`, async () => {
      const { element, wallet } = await borrower()
      element.walletConnector = devConnector(wallet, { cosign })
      const elsewhere = createDevWallet('evm')
      const outcome = element.operate({ type: 'borrow', asset: 'USDC', amount: '10', recipient: { chain: 'evm', address: elsewhere.address } }).then(
        () => 'sent',
        (failure: { code: string }) => failure.code,
      )
      await clickInWallet('#confirm')
      await waitForTitle('Send to an address that is not yours?')
      await clickInWallet('#confirm')
      expect(await outcome).to.equal(code)
      expect((await devRpc<Ledger>('dev_ledger', { chain: 'evm', address: elsewhere.address })).totals.USDC).to.equal(undefined)
    })
  }
})

async function waitForTitle(title: string): Promise<void> {
  const deadline = Date.now() + 10000
  while ((await textInWallet('#confirm-title')) !== title) {
    if (Date.now() > deadline) throw new Error(`the wallet never showed "${title}"`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
