import type { Action } from '@crosschain-lending/protocol'
import type { WalletState } from '@crosschain-lending/protocol/messenger'
import { createDevWallet } from '@crosschain-lending/testing/signers'
import { beforeEach, describe, expect, it } from 'vitest'
import { type User, World, config, partnerOrigin, randomNonce, securityPeriodMs } from '../../contract/test/world'
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

describe('the wallet refuses a Borrow that the security period forbids, before the passkey is asked', () => {
  const minute = 60 * 1000
  let world: World
  let user: User

  /** A person whose account and first wallet are past the security period, with collateral in a pool that can lend. */
  beforeEach(async () => {
    world = new World()
    user = world.createUser()
    await world.bind(user, 'evm')
    world.deposit(user, 'USDC', '1000000000', 'evm')
    await world.execute(await world.sign(user, { passkey: user.passkey }, [{ type: 'supply', asset: 'USDC', amount: '1000000000', collateral: true }]))
    world.tick(securityPeriodMs + 1)
  })

  const prepareAs = (signer: User, request: Parameters<typeof prepareOperation>[0]) => prepareOperation(request, { config, state: signedIn(signer), reads: readsOf(world), site: partnerOrigin, now: world.now })
  const borrow = (recipient?: { chain: 'evm'; address: string }) => ({ type: 'borrow' as const, asset: 'USDC', amount: '100', ...(recipient ? { recipient } : {}) })

  // The contract's preview has no signature, so it cannot see the signer: without this check the
  // person approved with the new passkey and only then met the chain's refusal.
  it('error: a passkey added less than the security period ago cannot approve a Borrow (IN_SECURITY_PERIOD, with the time left)', async () => {
    const device = world.newPasskey()
    await world.execute(await world.sign(user, { wallet: user.wallets[0]! }, [{ type: 'add_passkey', passkey: { credentialId: device.credentialId, publicKey: device.publicKey } }]))
    world.tick(minute)
    const recovered = { ...user, passkey: device }
    await expect(prepareAs(recovered, borrow())).rejects.toMatchObject({
      code: 'IN_SECURITY_PERIOD',
      shortMessage: expect.stringContaining("This device's passkey was added to the account recently, so it cannot approve a Borrow yet: it can in 47 h 59 min."),
    })
    // Repay moves nothing out: the new passkey may (here the contract's preview has the last word).
    await expect(prepareAs(recovered, { type: 'repay', asset: 'USDC', amount: '1' })).rejects.toMatchObject({ code: 'NOTHING_TO_REPAY' })
    world.tick(securityPeriodMs)
    await expect(prepareAs(recovered, borrow())).resolves.toMatchObject({ operation: { type: 'borrow' } })
  })

  it('error: a co-signing wallet bound less than the security period ago cannot co-sign a Borrow to another address (IN_SECURITY_PERIOD)', async () => {
    // The first wallet binds a replacement and leaves: the replacement is the co-signer now, and it is never a "first" wallet.
    const [first] = user.wallets
    const replacement = createDevWallet('evm')
    const nonce = randomNonce()
    await world.execute(await world.sign(user, { wallet: first! }, [await world.bindAction(replacement, user.accountId, nonce), { type: 'remove_wallet', wallet: { chain: 'evm', address: first!.address } }], { nonce }))
    world.tick(2 * 60 * minute)
    await expect(prepare(borrow({ chain: 'evm', address: createDevWallet('evm').address }))).rejects.toMatchObject({
      code: 'IN_SECURITY_PERIOD',
      shortMessage: expect.stringContaining(`Your EVM wallet ${replacement.address} was bound recently, so it cannot co-sign a Borrow to another address yet: it can in 46 h 0 min.`),
    })
  })

  it('error: a second wallet bound less than the security period ago cannot receive a Borrow; the first wallet can (IN_SECURITY_PERIOD)', async () => {
    const second = await world.bind(user, 'evm')
    world.tick(minute)
    await expect(prepare(borrow({ chain: 'evm', address: second.address }))).rejects.toMatchObject({
      code: 'IN_SECURITY_PERIOD',
      shortMessage: expect.stringContaining('so it cannot receive a Borrow yet: it can in 47 h 59 min.'),
      docsPath: '/docs/contract.md#security-period',
    })
    await expect(prepare(borrow({ chain: 'evm', address: user.wallets[0]!.address }))).resolves.toMatchObject({ recipient: { bound: true } })
  })

  it('behavior: the first wallet, bound by the passkey, receives a Borrow within its security period, as the contract allows', async () => {
    const fresh = world.createUser()
    const wallet = await world.bind(fresh, 'evm')
    world.deposit(fresh, 'USDC', '1000000000', 'evm')
    await world.execute(await world.sign(fresh, { passkey: fresh.passkey }, [{ type: 'supply', asset: 'USDC', amount: '1000000000', collateral: true }]))
    await expect(prepareAs(fresh, borrow())).resolves.toMatchObject({ recipient: { chain: 'evm', address: wallet.address, bound: true } })
  })

  const prepare = (request: Parameters<typeof prepareOperation>[0]) => prepareAs(user, request)
})
