import { clickInWallet, readInWallet } from '@crosschain-lending/testing/browser'
import { expect } from '@esm-bundle/chai'
import { signedUpElement } from '../binding/support'
import { chainView, textInWallet, useVirtualAuthenticator } from '../helpers'
import { boundElement, deposit } from './support'

type Position = { assets: { asset: string; balance: string }[] }

describe('operations the policy table or the person refuses', function () {
  this.timeout(60_000)
  useVirtualAuthenticator()

  it('error: Supply and Borrow before binding are refused with WALLET_NOT_BOUND, and nothing is shown to sign', async () => {
    const { element, account } = await signedUpElement()
    await deposit(account.id, 'USDC', '5000000')
    for (const request of [
      { type: 'supply', asset: 'USDC', amount: '1' },
      { type: 'borrow', asset: 'USDC', amount: '1' },
    ] as const) {
      const error = await element.operate(request).then(
        () => undefined,
        (failure: { code: string; shortMessage: string }) => failure,
      )
      expect(error?.code).to.equal('WALLET_NOT_BOUND')
      expect(error?.shortMessage).to.contain('Bind an EVM, Solana, NEAR or Stellar wallet')
    }
    expect(await readInWallet('#confirm')).to.equal(null)
    expect(await readInWallet('[role="alert"][data-code="WALLET_NOT_BOUND"]')).to.contain('Bind an EVM, Solana, NEAR or Stellar wallet')
    // The warning and the way out are still there.
    expect(await readInWallet('#bind-warning')).to.equal('Passkeys are not recoverable. Please bind another blockchain wallet immediately.')
  })

  it('behavior: Repay and Adjust pass the policy before binding (the contract then says there is nothing to repay)', async () => {
    const { element } = await signedUpElement()
    const error = await element.operate({ type: 'repay', asset: 'USDC', amount: '1' }).then(
      () => undefined,
      (failure: { code: string }) => failure,
    )
    expect(error?.code).to.equal('NOTHING_TO_REPAY')
  })

  it('error: cancelling the confirmation rejects with USER_REJECTED and changes nothing on chain', async () => {
    const { element, accountId } = await boundElement()
    await deposit(accountId, 'USDC', '5000000')
    const before = await chainView<Position>('get_position', { account_id: accountId })
    const outcome = element.operate({ type: 'supply', asset: 'USDC', amount: '5' }).then(
      () => 'signed',
      (failure: { code: string }) => failure.code,
    )
    expect(await textInWallet('#confirm-title')).to.equal('Supply 5 USDC')
    await clickInWallet('#cancel')
    expect(await outcome).to.equal('USER_REJECTED')
    expect(await chainView<Position>('get_position', { account_id: accountId })).to.deep.equal(before)
  })
})
