import { readInWallet } from '@crosschain-lending/testing/browser'
import { expect } from '@esm-bundle/chai'
import { chainView, useVirtualAuthenticator } from '../helpers'
import { approveOperation, boundElement, deposit, devRpc } from './support'

type Position = { healthFactor: string | null; assets: { asset: string; balance: string; supplied: string; collateral: string; borrowed: string }[] }
const usdc = (position: Position) => position.assets.find((entry) => entry.asset === 'USDC')!

describe('the four operations, approved in the wallet with the passkey', function () {
  this.timeout(120_000)
  useVirtualAuthenticator()

  it('behavior: supply as collateral, borrow to the bound wallet, repay, adjust; each receipt agrees with the chain', async () => {
    const { element, accountId, wallet } = await boundElement()
    await deposit(accountId, 'USDC', '1000000000')

    const supplied = await approveOperation(element, { type: 'supply', asset: 'USDC', amount: '600' })
    expect(supplied.operation).to.deep.equal({ type: 'supply', asset: 'USDC', amount: '600', collateral: true })
    expect(supplied.requestId).to.match(/^[0-9a-f]{64}$/)
    // Pool shares round in the pool's favor: what comes back may be a unit short.
    expect(usdc(supplied.position).balance).to.equal('400000000')
    expect(Number(usdc(supplied.position).collateral)).to.be.within(599_999_990, 600_000_000)
    expect(await chainView('get_position', { account_id: accountId })).to.deep.equal(supplied.position)

    const borrowed = await approveOperation(element, { type: 'borrow', asset: 'USDC', amount: '100' })
    expect(borrowed.operation).to.deep.equal({ type: 'borrow', asset: 'USDC', amount: '100', recipient: { chain: 'evm', address: wallet.address } })
    expect(borrowed.transfers).to.deep.equal([{ asset: 'USDC', amount: '100000000', chain: 'evm', address: wallet.address }])
    expect(Number(borrowed.position.healthFactor)).to.be.greaterThan(1)
    const ledger = await devRpc<{ totals: Record<string, string> }>('dev_ledger', { chain: 'evm', address: wallet.address })
    expect(ledger.totals.USDC).to.equal('100000000')

    const repaid = await approveOperation(element, { type: 'repay', asset: 'USDC', amount: '40' })
    expect(Number(usdc(repaid.position).borrowed)).to.be.within(60_000_000, 60_010_000)
    expect(usdc(repaid.position).balance).to.equal('360000000')

    const adjusted = await approveOperation(element, { type: 'adjust', asset: 'USDC', amount: '100', direction: 'to-supplied' })
    expect(Number(usdc(adjusted.position).supplied)).to.be.within(99_999_000, 100_001_000)
    expect(await chainView('get_position', { account_id: accountId })).to.deep.equal(adjusted.position)
    expect(await readInWallet('#operation-status')).to.equal(null)
  })
})
