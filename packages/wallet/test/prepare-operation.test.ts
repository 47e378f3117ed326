import type { Action } from '@crosschain-lending/protocol'
import type { WalletState } from '@crosschain-lending/protocol/messenger'
import { createDevWallet } from '@crosschain-lending/testing/signers'
import { beforeEach, describe, expect, it } from 'vitest'
import { type User, World, config, partnerOrigin } from '../../contract/test/world'
import type { LendingReads } from '../src/chain/lending-reads'
import { describeOperation, describeOtherRecipient } from '../src/operations/describe-operation'
import { prepareOperation } from '../src/operations/prepare-operation'

/** The wallet's chain reads, answered by a real contract on a clock the test owns. */
function readsOf(world: World): Pick<LendingReads, 'account' | 'markets' | 'preview'> {
  return {
    account: async (id) => world.contract.getAccount({ account_id: id }),
    markets: async () => world.contract.getMarkets(world.now),
    preview: async (id, actions: Action[]) => world.contract.previewActions({ account_id: id, actions }, world.now),
  }
}

function signedIn(user: User): Extract<WalletState, { status: 'signed-in' }> {
  return {
    status: 'signed-in',
    rpId: config.rpId,
    passkey: { credentialId: user.passkey.credentialId, publicKey: user.passkey.publicKey, rpId: config.rpId },
    account: { id: user.accountId, bound: user.wallets.length > 0, wallets: [], passkeys: [{ credentialId: user.passkey.credentialId, publicKey: user.passkey.publicKey }] },
  }
}

describe('the wallet prepares an operation against the policy table and the chain', () => {
  let world: World
  let user: User
  const prepare = (request: Parameters<typeof prepareOperation>[0]) => prepareOperation(request, { config, state: signedIn(user), reads: readsOf(world), site: partnerOrigin, now: world.now })

  beforeEach(() => {
    world = new World()
    user = world.createUser()
    world.deposit(user, 'USDC', '1000000000', 'evm')
  })

  it('error: Supply and Borrow before a wallet is bound are refused with the reason and the way out', async () => {
    await expect(prepare({ type: 'supply', asset: 'USDC', amount: '10' })).rejects.toMatchObject({ code: 'WALLET_NOT_BOUND', shortMessage: expect.stringContaining('Bind an EVM, Solana, NEAR or Stellar wallet') })
    await expect(prepare({ type: 'borrow', asset: 'USDC', amount: '1' })).rejects.toMatchObject({ code: 'WALLET_NOT_BOUND' })
    const other = createDevWallet('evm')
    await expect(prepare({ type: 'borrow', asset: 'USDC', amount: '1', recipient: { chain: 'evm', address: other.address } })).rejects.toMatchObject({ code: 'WALLET_NOT_BOUND' })
  })

  it('behavior: Repay and Adjust pass the policy before binding; the contract preview has the last word', async () => {
    await expect(prepare({ type: 'repay', asset: 'USDC', amount: '1' })).rejects.toMatchObject({ code: 'NOTHING_TO_REPAY' })
    await expect(prepare({ type: 'adjust', asset: 'USDC', amount: '1', direction: 'to-supplied' })).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' })
  })

  it('behavior: a bound account supplies; amounts in human units become the smallest unit; the panel shows both sides of the health factor', async () => {
    await world.bind(user, 'evm')
    const prepared = await prepare({ type: 'supply', asset: 'USDC', amount: '250.5' })
    expect(prepared.action).toEqual({ type: 'supply', asset: 'USDC', amount: '250500000', collateral: true })
    expect(prepared.operation).toEqual({ type: 'supply', asset: 'USDC', amount: '250.5', collateral: true })
    expect(JSON.parse(prepared.payload)).toMatchObject({ accountId: user.accountId, signer: { type: 'passkey', credentialId: user.passkey.credentialId }, deadline: world.now + 10 * 60 * 1000 })
    const shown = describeOperation(prepared, 'http://127.0.0.1:5173', world.now)
    expect(shown.title).toBe('Supply 250.5 USDC')
    expect(shown.lines).toContainEqual({ label: 'Health factor', value: 'no debt → no debt' })
    expect(shown.lines).toContainEqual({ label: 'From', value: 'Your deposited USDC balance (1000 USDC)' })
    expect(shown.payload?.text).toBe(prepared.payload)
  })

  it('behavior: Borrow defaults to the bound wallet, marked as such, with the health factor after', async () => {
    const wallet = await world.bind(user, 'evm')
    await world.execute(await world.sign(user, { passkey: user.passkey }, [{ type: 'supply', asset: 'USDC', amount: '1000000000', collateral: true }]))
    const prepared = await prepare({ type: 'borrow', asset: 'USDC', amount: '100' })
    expect(prepared.recipient).toEqual({ chain: 'evm', address: wallet.address, bound: true })
    expect(prepared.cosigner).toBeUndefined()
    const shown = describeOperation(prepared, 'http://127.0.0.1:5173', world.now)
    expect(shown.lines).toContainEqual({ label: 'To', value: `EVM ${wallet.address} (your bound wallet)` })
    expect(shown.lines.find((line) => line.label === 'Health factor')?.value).toMatch(/^no debt → \d+\.\d+$/)
  })

  it('behavior: Borrow to another address needs the bound wallet as co-signer and a second confirmation', async () => {
    const wallet = await world.bind(user, 'evm')
    await world.execute(await world.sign(user, { passkey: user.passkey }, [{ type: 'supply', asset: 'USDC', amount: '1000000000', collateral: true }]))
    const other = createDevWallet('evm')
    const prepared = await prepare({ type: 'borrow', asset: 'USDC', amount: '5', recipient: { chain: 'evm', address: other.address.toLowerCase() } })
    expect(prepared.recipient).toEqual({ chain: 'evm', address: other.address, bound: false })
    expect(prepared.cosigner).toMatchObject({ chain: 'evm', address: wallet.address })
    expect(describeOperation(prepared, 'x', world.now).warning).toContain('not one of your bound wallets')
    expect(describeOtherRecipient(prepared).lines).toContainEqual({ label: 'Recipient', value: `EVM ${other.address}` })
  })

  it('error: a bad amount, asset, recipient or destination says what was wrong', async () => {
    await world.bind(user, 'evm')
    await expect(prepare({ type: 'supply', asset: 'USDC', amount: '1.0000001' })).rejects.toMatchObject({ code: 'INVALID_AMOUNT', shortMessage: expect.stringContaining('USDC has 6') })
    await expect(prepare({ type: 'supply', asset: 'USDC', amount: '0' })).rejects.toMatchObject({ code: 'INVALID_AMOUNT' })
    await expect(prepare({ type: 'supply', asset: 'DOGE', amount: '1' })).rejects.toMatchObject({ code: 'UNKNOWN_ASSET', shortMessage: expect.stringContaining('USDC') })
    await expect(prepare({ type: 'borrow', asset: 'USDC', amount: '1', recipient: { chain: 'evm', address: '0x1234' } })).rejects.toMatchObject({ code: 'INVALID_ADDRESS' })
    await expect(prepare({ type: 'borrow', asset: 'SOL', amount: '1', recipient: { chain: 'evm', address: createDevWallet('evm').address } })).rejects.toMatchObject({ code: 'UNSUPPORTED_DESTINATION' })
  })

  it('error: an operation the contract would refuse is refused before the person is asked anything', async () => {
    await world.bind(user, 'evm')
    await expect(prepare({ type: 'supply', asset: 'USDC', amount: '5000' })).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' })
    // Supplied but not collateral: the pool can lend, the account has no borrowing power.
    await world.execute(await world.sign(user, { passkey: user.passkey }, [{ type: 'supply', asset: 'USDC', amount: '1000000000', collateral: false }]))
    await expect(prepare({ type: 'borrow', asset: 'USDC', amount: '1' })).rejects.toMatchObject({ code: 'HEALTH_FACTOR_TOO_LOW' })
  })
})
