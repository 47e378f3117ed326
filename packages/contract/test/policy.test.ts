import { type Action, type PolicyRow, type SignerKind, actionPolicy } from '@crosschain-lending/protocol'
import { SoftwarePasskey, createDevWallet } from '@crosschain-lending/testing/signers'
import { describe, expect, it } from 'vitest'
import { type Signer, type User, World, config, randomNonce, securityPeriodMs, units } from './world'

const usdc = (amount: number) => units(amount, 6)

/**
 * Every cell of the policy table, in both directions: an allowed cell executes, a refused cell is
 * refused with the code that explains it. Each scenario starts from an account with collateral,
 * supplied USDC and debt, so every action has something to act on.
 */
async function scenario(kind: SignerKind): Promise<{ world: World; user: User; signer: Signer }> {
  const world = new World()
  const lender = world.createUser()
  await world.bind(lender, 'solana')
  world.deposit(lender, 'USDC', usdc(50_000), 'solana')
  await world.execute(await world.sign(lender, { passkey: lender.passkey }, [{ type: 'supply', asset: 'USDC', amount: usdc(50_000), collateral: false }]))

  const user = world.createUser()
  const wallet = await world.bind(user, 'evm')
  // The table is the rule for methods past their security period (probation is its own rule: probation.test.ts).
  world.tick(securityPeriodMs)
  world.deposit(user, 'ETH', units(1, 18), 'evm')
  world.deposit(user, 'USDC', usdc(500), 'evm')
  await world.execute(
    await world.sign(user, { passkey: user.passkey }, [
      { type: 'supply', asset: 'ETH', amount: units(1, 18), collateral: true },
      { type: 'supply', asset: 'USDC', amount: usdc(100), collateral: false },
      { type: 'borrow', asset: 'USDC', amount: usdc(200), recipient: { chain: 'evm', address: wallet.address } },
    ]),
  )
  if (kind === 'passkey-unbound') {
    // The bound wallet removes itself: the account keeps its positions but has no wallet.
    await world.execute(await world.sign(user, { wallet }, [{ type: 'remove_wallet', wallet: { chain: 'evm', address: wallet.address } }]))
  }
  return { world, user, signer: kind === 'wallet' ? { wallet } : { passkey: user.passkey } }
}

const elsewhere = createDevWallet('evm').address

async function actionFor(world: World, row: PolicyRow, user: User, nonce: string): Promise<Action> {
  const formerWallet = user.wallets[0]!.address
  switch (row) {
    case 'supply':
      return { type: 'supply', asset: 'USDC', amount: usdc(1), collateral: false }
    case 'repay':
      return { type: 'repay', asset: 'USDC', amount: usdc(1) }
    case 'adjust':
      return { type: 'adjust', asset: 'USDC', amount: usdc(1), direction: 'to-collateral' }
    case 'borrow-to-bound-wallet':
      return { type: 'borrow', asset: 'USDC', amount: usdc(1), recipient: { chain: 'evm', address: formerWallet } }
    case 'borrow-to-other-address':
      return { type: 'borrow', asset: 'USDC', amount: usdc(1), recipient: { chain: 'evm', address: elsewhere } }
    case 'add_wallet':
      return world.bindAction(createDevWallet('stellar'), user.accountId, nonce)
    case 'add_passkey': {
      const device = new SoftwarePasskey({ rpId: config.rpId, origin: config.walletOrigins[0]! })
      return { type: 'add_passkey', passkey: { credentialId: device.credentialId, publicKey: device.publicKey } }
    }
    case 'remove_passkey':
      return { type: 'remove_passkey', credentialId: user.passkey.credentialId }
    case 'remove_wallet':
      return { type: 'remove_wallet', wallet: { chain: 'evm', address: formerWallet } }
  }
}

const refusalCode: Record<PolicyRow, string> = {
  supply: 'WALLET_NOT_BOUND',
  repay: 'WALLET_NOT_BOUND',
  adjust: 'WALLET_NOT_BOUND',
  'borrow-to-bound-wallet': 'WALLET_NOT_BOUND',
  'borrow-to-other-address': 'WALLET_NOT_BOUND',
  add_wallet: 'WALLET_NOT_BOUND',
  add_passkey: 'WALLET_NOT_BOUND',
  remove_passkey: 'ACTION_NOT_ALLOWED',
  remove_wallet: 'ACTION_NOT_ALLOWED',
}

/** The table as the product rules state it (issue 3), written out here, not read from the code under test. */
const expected: Record<PolicyRow, Record<SignerKind, 'allow' | 'refuse' | 'with-cosignature'>> = {
  supply: { 'passkey-unbound': 'refuse', 'passkey-bound': 'allow', wallet: 'allow' },
  repay: { 'passkey-unbound': 'allow', 'passkey-bound': 'allow', wallet: 'allow' },
  adjust: { 'passkey-unbound': 'allow', 'passkey-bound': 'allow', wallet: 'allow' },
  'borrow-to-bound-wallet': { 'passkey-unbound': 'refuse', 'passkey-bound': 'allow', wallet: 'allow' },
  'borrow-to-other-address': { 'passkey-unbound': 'refuse', 'passkey-bound': 'with-cosignature', wallet: 'allow' },
  add_wallet: { 'passkey-unbound': 'allow', 'passkey-bound': 'allow', wallet: 'allow' },
  add_passkey: { 'passkey-unbound': 'refuse', 'passkey-bound': 'allow', wallet: 'allow' },
  remove_passkey: { 'passkey-unbound': 'refuse', 'passkey-bound': 'refuse', wallet: 'allow' },
  remove_wallet: { 'passkey-unbound': 'refuse', 'passkey-bound': 'refuse', wallet: 'allow' },
}

const cells = Object.entries(expected).flatMap(([row, columns]) =>
  Object.entries(columns).map(([kind, decision]) => [row as PolicyRow, kind as SignerKind, decision] as const),
)

describe('the policy table, enforced by the contract', () => {
  it('behavior: the exported table is the product rule, cell for cell', () => {
    expect(actionPolicy).toEqual(expected)
    expect(cells).toHaveLength(27)
  })

  it.each(cells)('%s by %s: %s', async (row, kind, decision) => {
    const { world, user, signer } = await scenario(kind)
    const nonce = randomNonce()
    const action = await actionFor(world, row, user, nonce)
    const run = async (cosign: boolean) =>
      world.execute(await world.sign(user, signer, [action], { nonce, ...(cosign ? { cosigner: user.wallets[0]! } : {}) }))
    if (decision === 'allow') {
      await expect(run(false)).resolves.toMatchObject({ accountId: user.accountId })
    } else if (decision === 'refuse') {
      await expect(run(false)).rejects.toMatchObject({ code: refusalCode[row] })
    } else {
      await expect(run(false)).rejects.toMatchObject({ code: 'COSIGNATURE_REQUIRED' })
      await expect(run(true)).resolves.toMatchObject({ accountId: user.accountId })
    }
  })
})
