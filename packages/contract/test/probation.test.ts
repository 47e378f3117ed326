import { createDevWallet } from '@crosschain-lending/testing/signers'
import { describe, expect, it } from 'vitest'
import { type User, World, randomNonce, securityPeriodMs, units } from './world'

const usdc = (amount: number) => units(amount, 6)
const hour = 60 * 60 * 1000

/** A person with a passkey and their own (first) wallet, past its security period, with collateral; and a lender, so there is cash to borrow. */
async function settledUser(world: World): Promise<User> {
  const lender = world.createUser()
  await world.bind(lender, 'solana')
  world.deposit(lender, 'USDC', usdc(50_000), 'solana')
  await world.execute(await world.sign(lender, { passkey: lender.passkey }, [{ type: 'supply', asset: 'USDC', amount: usdc(50_000), collateral: false }]))
  const user = world.createUser()
  await world.bind(user, 'evm')
  world.deposit(user, 'USDC', usdc(1_000), 'evm')
  await world.execute(await world.sign(user, { passkey: user.passkey }, [{ type: 'supply', asset: 'USDC', amount: usdc(1_000), collateral: true }]))
  world.tick(securityPeriodMs + 1)
  return user
}

/** A second wallet bound to the account (as a hostile page would get one bound), signed by the person's passkey. */
async function secondWallet(world: World, user: User) {
  world.tick(1000)
  return world.bind(user, 'evm')
}

const removeWallet = (wallet: { chain: 'evm' | 'solana' | 'near' | 'stellar'; address: string }) => ({ type: 'remove_wallet' as const, wallet: { chain: wallet.chain, address: wallet.address } })

describe('probation: a new wallet cannot take the account over', () => {
  it('error: a second wallet within its security period cannot remove the first wallet or the passkey (IN_SECURITY_PERIOD)', async () => {
    const world = new World()
    const user = await settledUser(world)
    const [first] = user.wallets
    const attacker = await secondWallet(world, user)
    // The attack of issue 14 item 2: one request that removes the person's wallet and passkey.
    const takeover = await world.sign(user, { wallet: attacker }, [removeWallet(first!), { type: 'remove_passkey', credentialId: user.passkey.credentialId }])
    await expect(world.execute(takeover)).rejects.toMatchObject({ code: 'IN_SECURITY_PERIOD' })
    await expect(world.execute(await world.sign(user, { wallet: attacker }, [removeWallet(first!)]))).rejects.toMatchObject({
      code: 'IN_SECURITY_PERIOD',
      // The person reads this in the wallet: how long, in words, and that they can undo it.
      shortMessage: expect.stringMatching(/cannot remove the older evm wallet 0x[0-9a-fA-F]{40} for another 48 h 0 min \(until .+Z\)\. The account's older passkey or wallet can cancel it meanwhile\.$/),
    })
    await expect(world.execute(await world.sign(user, { wallet: attacker }, [{ type: 'remove_passkey', credentialId: user.passkey.credentialId }]))).rejects.toMatchObject({
      code: 'IN_SECURITY_PERIOD',
    })
    const account = world.contract.getAccount({ account_id: user.accountId }, world.now)!
    expect(account.passkeys).toHaveLength(1)
    expect(account.wallets.map((wallet) => wallet.address)).toEqual([first!.address, attacker.address])
  })

  it('error: a second wallet within its security period cannot borrow, co-sign a Borrow, or be borrowed to (IN_SECURITY_PERIOD)', async () => {
    const world = new World()
    const user = await settledUser(world)
    const attacker = await secondWallet(world, user)
    const borrow = (address: string) => ({ type: 'borrow' as const, asset: 'USDC', amount: usdc(100), recipient: { chain: 'evm' as const, address } })
    await expect(world.execute(await world.sign(user, { wallet: attacker }, [borrow(attacker.address)]))).rejects.toMatchObject({ code: 'IN_SECURITY_PERIOD' })
    const elsewhere = createDevWallet('evm').address
    await expect(world.execute(await world.sign(user, { passkey: user.passkey }, [borrow(elsewhere)], { cosigner: attacker }))).rejects.toMatchObject({ code: 'IN_SECURITY_PERIOD' })
    await expect(world.execute(await world.sign(user, { passkey: user.passkey }, [borrow(attacker.address)]))).rejects.toMatchObject({ code: 'IN_SECURITY_PERIOD' })
    expect(world.contract.getPosition({ account_id: user.accountId }, world.now)!.assets.find((a) => a.asset === 'USDC')!.borrowed).toBe('0')
  })

  it('behavior: once the security period has passed, the second wallet is a full control method', async () => {
    const world = new World()
    const user = await settledUser(world)
    const [first] = user.wallets
    const second = await secondWallet(world, user)
    world.tick(securityPeriodMs)
    await expect(world.execute(await world.sign(user, { wallet: second }, [removeWallet(first!)]))).resolves.toMatchObject({ accountId: user.accountId })
  })

  it('behavior: the passkey (or the first wallet) cancels a wallet still in its security period; the views show it pending until then', async () => {
    const world = new World()
    const user = await settledUser(world)
    const attacker = await secondWallet(world, user)
    const pending = world.contract.getAccount({ account_id: user.accountId }, world.now)!.pending
    expect(pending).toEqual([{ kind: 'wallet', chain: 'evm', address: attacker.address, addedAtMs: world.now, maturesAtMs: world.now + securityPeriodMs }])
    world.tick(47 * hour)
    // A passkey may not remove a wallet, except one newer than itself still in its security period: a cancellation.
    await world.execute(await world.sign(user, { passkey: user.passkey }, [removeWallet(attacker)]))
    const account = world.contract.getAccount({ account_id: user.accountId }, world.now)!
    expect(account.wallets.map((wallet) => wallet.address)).toEqual([user.wallets[0]!.address])
    expect(account.pending).toEqual([])
    expect(world.contract.getAccountByWallet({ chain: 'evm', address: attacker.address })).toBeNull()
  })

  it('error: the passkey still cannot remove a wallet past its security period (ACTION_NOT_ALLOWED)', async () => {
    const world = new World()
    const user = await settledUser(world)
    await expect(world.execute(await world.sign(user, { passkey: user.passkey }, [removeWallet(user.wallets[0]!)]))).rejects.toMatchObject({ code: 'ACTION_NOT_ALLOWED' })
  })

  it('error: a wallet within its security period cannot cancel an older one that is also pending', async () => {
    const world = new World()
    const user = await settledUser(world)
    const second = await secondWallet(world, user)
    const third = await secondWallet(world, user)
    await expect(world.execute(await world.sign(user, { wallet: third }, [removeWallet(second)]))).rejects.toMatchObject({ code: 'IN_SECURITY_PERIOD' })
    // The older one may cancel the newer.
    await expect(world.execute(await world.sign(user, { wallet: second }, [removeWallet(third)]))).resolves.toMatchObject({ accountId: user.accountId })
  })
})

describe("probation: the account's first wallet", () => {
  it('behavior: the first wallet, bound by the passkey, can be borrowed to at once (the product\'s first Borrow)', async () => {
    const world = new World()
    await settledUser(world)
    const user = world.createUser()
    const wallet = await world.bind(user, 'evm')
    world.deposit(user, 'USDC', usdc(1_000), 'evm')
    const borrow = { type: 'borrow' as const, asset: 'USDC', amount: usdc(100), recipient: { chain: 'evm' as const, address: wallet.address } }
    await world.execute(await world.sign(user, { passkey: user.passkey }, [{ type: 'supply', asset: 'USDC', amount: usdc(1_000), collateral: true }, borrow]))
    await expect(world.execute(await world.sign(user, { wallet }, [borrow]))).resolves.toMatchObject({ accountId: user.accountId })
  })

  it('error: the first wallet within its security period cannot remove the passkey; the passkey can cancel it', async () => {
    const world = new World()
    const user = world.createUser()
    world.tick(1000)
    const wallet = await world.bind(user, 'evm')
    await expect(world.execute(await world.sign(user, { wallet }, [{ type: 'remove_passkey', credentialId: user.passkey.credentialId }]))).rejects.toMatchObject({
      code: 'IN_SECURITY_PERIOD',
    })
    await world.execute(await world.sign(user, { passkey: user.passkey }, [removeWallet(wallet)]))
    expect(world.contract.getAccount({ account_id: user.accountId }, world.now)).toMatchObject({ bound: false, wallets: [] })
  })

  it('error: a wallet bound by a wallet is never a "first" wallet, even when it replaces the only one', async () => {
    const world = new World()
    const user = await settledUser(world)
    const [first] = user.wallets
    const nonce = randomNonce()
    const replacement = createDevWallet('evm')
    await world.execute(await world.sign(user, { wallet: first! }, [await world.bindAction(replacement, user.accountId, nonce), removeWallet(first!)], { nonce }))
    const borrow = { type: 'borrow' as const, asset: 'USDC', amount: usdc(1), recipient: { chain: 'evm' as const, address: replacement.address } }
    await expect(world.execute(await world.sign(user, { wallet: replacement }, [borrow]))).rejects.toMatchObject({ code: 'IN_SECURITY_PERIOD' })
  })
})

describe('probation: recovery with a new passkey', () => {
  it('behavior: a bound wallet adds a new passkey (recovery); it supplies at once, and the wallet can still borrow', async () => {
    const world = new World()
    const user = await settledUser(world)
    const device = world.newPasskey()
    await world.execute(await world.sign(user, { wallet: user.wallets[0]! }, [{ type: 'add_passkey', passkey: { credentialId: device.credentialId, publicKey: device.publicKey } }]))
    const recovered = { ...user, passkey: device }
    world.deposit(user, 'USDC', usdc(10), 'evm')
    await expect(world.execute(await world.sign(recovered, { passkey: device }, [{ type: 'supply', asset: 'USDC', amount: usdc(10), collateral: true }]))).resolves.toMatchObject({
      accountId: user.accountId,
    })
    const borrow = { type: 'borrow' as const, asset: 'USDC', amount: usdc(1), recipient: { chain: 'evm' as const, address: user.wallets[0]!.address } }
    await expect(world.execute(await world.sign(user, { wallet: user.wallets[0]! }, [borrow]))).resolves.toMatchObject({ accountId: user.accountId })
    expect(world.contract.getAccount({ account_id: user.accountId }, world.now)!.pending).toEqual([
      { kind: 'passkey', credentialId: device.credentialId, addedAtMs: world.now, maturesAtMs: world.now + securityPeriodMs },
    ])
  })

  it('error: a new passkey within its security period cannot sign a Borrow (IN_SECURITY_PERIOD)', async () => {
    const world = new World()
    const user = await settledUser(world)
    const device = world.newPasskey()
    await world.execute(await world.sign(user, { wallet: user.wallets[0]! }, [{ type: 'add_passkey', passkey: { credentialId: device.credentialId, publicKey: device.publicKey } }]))
    const borrow = { type: 'borrow' as const, asset: 'USDC', amount: usdc(1), recipient: { chain: 'evm' as const, address: user.wallets[0]!.address } }
    await expect(world.execute(await world.sign({ ...user, passkey: device }, { passkey: device }, [borrow]))).rejects.toMatchObject({ code: 'IN_SECURITY_PERIOD' })
    world.tick(securityPeriodMs)
    await expect(world.execute(await world.sign({ ...user, passkey: device }, { passkey: device }, [borrow]))).resolves.toMatchObject({ accountId: user.accountId })
  })

  it("behavior: the owner's older passkey cancels a passkey an attacker's wallet added", async () => {
    const world = new World()
    const user = await settledUser(world)
    const attacker = await secondWallet(world, user)
    const attackerDevice = world.newPasskey()
    world.tick(1000)
    await world.execute(await world.sign(user, { wallet: attacker }, [{ type: 'add_passkey', passkey: { credentialId: attackerDevice.credentialId, publicKey: attackerDevice.publicKey } }]))
    // The attacker's new passkey cannot remove the owner's older one either.
    const attackerUser = { ...user, passkey: attackerDevice }
    await expect(world.execute(await world.sign(attackerUser, { passkey: attackerDevice }, [{ type: 'remove_passkey', credentialId: user.passkey.credentialId }]))).rejects.toMatchObject({
      code: 'ACTION_NOT_ALLOWED',
    })
    await world.execute(await world.sign(user, { passkey: user.passkey }, [{ type: 'remove_passkey', credentialId: attackerDevice.credentialId }, removeWallet(attacker)]))
    const account = world.contract.getAccount({ account_id: user.accountId }, world.now)!
    expect(account.passkeys.map((passkey) => passkey.credentialId)).toEqual([user.passkey.credentialId])
    expect(account.pending).toEqual([])
    // Cancelled is removed: that credential id is retired.
    expect(world.contract.isCredentialRetired({ credential_id: attackerDevice.credentialId })).toEqual({ retired: true })
  })
})
