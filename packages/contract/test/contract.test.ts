import { describe, expect, it } from 'vitest'
import { fromBase64Url } from '@crosschain-lending/protocol'
import { SoftwarePasskey } from '@crosschain-lending/testing/signers'
import { World, config, eth, fundedBoundUser, liquidity, securityPeriodMs, units, usdc } from './world'

describe('accounts', () => {
  it('behavior: an account is created by its passkey\'s own signature, and creating it again is harmless', () => {
    const world = new World()
    const user = world.createUser()
    expect(user.accountId).toMatch(/^pk-[0-9a-f]{40}$/)
    const again = world.contract.createAccount(world.creationArgs(user.passkey), world.ctx())
    expect(again).toEqual({ account_id: user.accountId, created: false })
    expect(world.contract.getAccountByCredential({ credential_id: user.passkey.credentialId })).toMatchObject({ id: user.accountId, bound: false, wallets: [], pending: [] })
  })

  it('error: a credential already used by another account is refused; a bad public key too', () => {
    const world = new World()
    const user = world.createUser()
    const squatter = world.newPasskey(user.passkey.credentialId)
    expect(() => world.contract.createAccount(world.creationArgs(squatter), world.ctx())).toThrowError(expect.objectContaining({ code: 'CREDENTIAL_IN_USE' }))
    expect(() => world.contract.createAccount({ ...world.creationArgs(world.newPasskey()), public_key: 'p256:1111111111111111111111111111111111111111111' }, world.ctx())).toThrow()
  })
})

describe('account creation needs proof of possession', () => {
  it('error: create_account with no proof records nothing (INVALID_CREATION_PROOF)', () => {
    const world = new World()
    const passkey = world.newPasskey()
    const { proof: _proof, ...unsigned } = world.creationArgs(passkey)
    expect(() => world.contract.createAccount(unsigned as Parameters<typeof world.contract.createAccount>[0], world.ctx())).toThrowError(expect.objectContaining({ code: 'INVALID_CREATION_PROOF' }))
    expect(() => world.contract.createAccount({ credential_id: passkey.credentialId, public_key: passkey.publicKey } as never, world.ctx())).toThrowError(expect.objectContaining({ code: 'INVALID_CREATION_PROOF' }))
    expect(world.contract.getAccountByCredential({ credential_id: passkey.credentialId })).toBeNull()
  })

  it("error: create_account with someone else's public key, proved by the attacker's own passkey, is refused (INVALID_SIGNATURE)", () => {
    const world = new World()
    const victim = world.newPasskey()
    const attacker = world.newPasskey()
    // The attacker claims the victim's key and signs with their own: the signature does not verify for the claimed key.
    const forged = world.creationArgs(attacker, { publicKey: victim.publicKey })
    expect(() => world.contract.createAccount(forged, world.ctx())).toThrowError(expect.objectContaining({ code: 'INVALID_SIGNATURE' }))
    expect(world.contract.state.accounts.size).toBe(0)
  })

  it('error: a proof for another credential, network or contract does not create this account (CHALLENGE_MISMATCH)', () => {
    const world = new World()
    const passkey = world.newPasskey()
    const other = world.creationArgs(world.newPasskey())
    const args = world.creationArgs(passkey)
    expect(() => world.contract.createAccount({ ...args, proof: other.proof }, world.ctx())).toThrowError(expect.objectContaining({ code: 'CHALLENGE_MISMATCH' }))
    const elsewhere = passkey.createAccountArgs({ chainId: 'testnet', contractId: config.contractId, deadline: args.deadline })
    expect(() => world.contract.createAccount(elsewhere, world.ctx())).toThrowError(expect.objectContaining({ code: 'CHALLENGE_MISMATCH' }))
    expect(() => world.contract.createAccount({ ...args, deadline: args.deadline + 1 }, world.ctx())).toThrowError(expect.objectContaining({ code: 'CHALLENGE_MISMATCH' }))
  })

  it('error: an expired creation proof, or one whose deadline is too far ahead, is refused', () => {
    const world = new World()
    const passkey = world.newPasskey()
    const expiring = world.creationArgs(passkey, { deadline: world.now + 1000 })
    world.tick(1000)
    expect(() => world.contract.createAccount(expiring, world.ctx())).toThrowError(expect.objectContaining({ code: 'REQUEST_EXPIRED' }))
    const far = world.creationArgs(passkey, { deadline: world.now + config.maxDeadlineWindowMs + 1 })
    expect(() => world.contract.createAccount(far, world.ctx())).toThrowError(expect.objectContaining({ code: 'DEADLINE_TOO_FAR' }))
  })

  it('error: a creation proof without user verification, or from another RP ID or origin, is refused', () => {
    const world = new World()
    const passkey = world.newPasskey()
    const args = world.creationArgs(passkey)
    const challenge = JSON.parse(args.proof.clientDataJSON).challenge as string
    const noUv = passkey.sign('', { userVerified: false, challenge: fromBase64Url(challenge) })
    expect(() => world.contract.createAccount({ ...args, proof: noUv }, world.ctx())).toThrowError(expect.objectContaining({ code: 'USER_NOT_VERIFIED' }))
    const phishing = new SoftwarePasskey({ rpId: config.rpId, origin: 'https://wallet.attacker.example', credentialId: passkey.credentialId })
    expect(() => world.contract.createAccount(world.creationArgs(phishing), world.ctx())).toThrowError(expect.objectContaining({ code: 'ORIGIN_MISMATCH' }))
  })
})

describe('tombstones: a removed credential id is never registered again', () => {
  /** A person's passkey, removed by their wallet once it is past its security period: its id is now public history. */
  async function removedCredential(world: World): Promise<string> {
    const user = await fundedBoundUser(world)
    world.tick(securityPeriodMs)
    await world.execute(await world.sign(user, { wallet: user.wallets[0]! }, [{ type: 'remove_passkey', credentialId: user.passkey.credentialId }]))
    return user.passkey.credentialId
  }

  it('error: squatting a removed passkey\'s credential id with create_account is refused (CREDENTIAL_RETIRED)', async () => {
    const world = new World()
    const removed = await removedCredential(world)
    expect(world.contract.getAccountByCredential({ credential_id: removed })).toBeNull()
    // The id is public (history); the attacker registers it with their own key and a valid proof.
    const squatter = world.newPasskey(removed)
    expect(() => world.contract.createAccount(world.creationArgs(squatter), world.ctx())).toThrowError(expect.objectContaining({ code: 'CREDENTIAL_RETIRED' }))
    expect(world.contract.getAccountByCredential({ credential_id: removed })).toBeNull()
    expect(world.contract.isCredentialRetired({ credential_id: removed })).toEqual({ retired: true })
  })

  it('error: add_passkey with a removed credential id is refused (CREDENTIAL_RETIRED)', async () => {
    const world = new World()
    const removed = await removedCredential(world)
    const attacker = await fundedBoundUser(world)
    world.tick(securityPeriodMs)
    const squat = await world.sign(attacker, { wallet: attacker.wallets[0]! }, [{ type: 'add_passkey', passkey: { credentialId: removed, publicKey: world.newPasskey().publicKey } }])
    await expect(world.execute(squat)).rejects.toMatchObject({ code: 'CREDENTIAL_RETIRED' })
  })
})

describe('sign counter', () => {
  it('behavior: the contract keeps each passkey\'s last counter; counters that keep rising pass', async () => {
    const world = new World()
    const user = await fundedBoundUser(world)
    await world.execute(await world.sign(user, { passkey: user.passkey }, [{ type: 'supply', asset: 'USDC', amount: usdc(1), collateral: true }]))
    expect(world.contract.state.accounts.get(user.accountId)!.passkeys[0]!.signCount).toBe(3)
  })

  it('error: an assertion whose counter went backwards (a cloned authenticator) is refused (SIGN_COUNT_REGRESSED)', async () => {
    const world = new World()
    const user = await fundedBoundUser(world)
    // Signed first, delivered after a later one: its counter is now behind the stored one.
    const older = await world.sign(user, { passkey: user.passkey }, [{ type: 'supply', asset: 'USDC', amount: usdc(1), collateral: true }])
    await world.execute(await world.sign(user, { passkey: user.passkey }, [{ type: 'supply', asset: 'USDC', amount: usdc(2), collateral: true }]))
    await expect(world.execute(older)).rejects.toMatchObject({ code: 'SIGN_COUNT_REGRESSED' })
    expect(world.contract.getPosition({ account_id: user.accountId }, world.now)!.assets.find((a) => a.asset === 'USDC')!.collateral).toBe(usdc(2))
  })

  it('behavior: a passkey that keeps no counter (always 0, as synced passkeys) is accepted', async () => {
    const world = new World()
    const user = await fundedBoundUser(world)
    const account = world.contract.state.accounts.get(user.accountId)!
    account.passkeys[0]!.signCount = 0
    const signed = await world.sign(user, { passkey: user.passkey }, [{ type: 'supply', asset: 'USDC', amount: usdc(1), collateral: true }], { passkey: { signCount: 0 } })
    await expect(world.execute(signed)).resolves.toMatchObject({ accountId: user.accountId })
  })
})

describe('topOrigin: the page around the wallet must be a partner', () => {
  it('error: an assertion made inside a page that is not on the partner allowlist is refused (TOP_ORIGIN_NOT_ALLOWED)', async () => {
    const world = new World()
    const user = await fundedBoundUser(world)
    const framed = await world.sign(user, { passkey: user.passkey }, [{ type: 'supply', asset: 'USDC', amount: usdc(1), collateral: true }], { passkey: { topOrigin: 'https://evil.example' } })
    await expect(world.execute(framed)).rejects.toMatchObject({ code: 'TOP_ORIGIN_NOT_ALLOWED' })
    const creation = world.newPasskey()
    const args = world.creationArgs(creation)
    const challenge = fromBase64Url(JSON.parse(args.proof.clientDataJSON).challenge as string)
    expect(() => world.contract.createAccount({ ...args, proof: creation.sign('', { challenge, topOrigin: 'https://evil.example' }) }, world.ctx())).toThrowError(
      expect.objectContaining({ code: 'TOP_ORIGIN_NOT_ALLOWED' }),
    )
    expect(world.contract.getAccountByCredential({ credential_id: creation.credentialId })).toBeNull()
  })

  it('behavior: a top-level ceremony on the wallet origin (the passkey window) carries no topOrigin and passes', async () => {
    const world = new World()
    const user = await fundedBoundUser(world)
    const signed = await world.sign(user, { passkey: user.passkey }, [{ type: 'supply', asset: 'USDC', amount: usdc(1), collateral: true }], { passkey: { topOrigin: null } })
    await expect(world.execute(signed)).resolves.toMatchObject({ accountId: user.accountId })
  })
})

describe('signed requests', () => {
  it('error: Adjust passes the policy on an unbound account and stops at the funds check', async () => {
    const world = new World()
    const user = world.createUser()
    const outcome = world.execute(await world.sign(user, { passkey: user.passkey }, [{ type: 'adjust', asset: 'USDC', amount: '1', direction: 'to-collateral' }]))
    await expect(outcome).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' })
  })

  it('error: a replayed request is refused', async () => {
    const world = new World()
    const user = await fundedBoundUser(world)
    const signed = await world.sign(user, { passkey: user.passkey }, [{ type: 'supply', asset: 'USDC', amount: usdc(10), collateral: true }])
    await world.execute(signed)
    await expect(world.execute(signed)).rejects.toMatchObject({ code: 'NONCE_ALREADY_USED' })
    expect(world.contract.getPosition({ account_id: user.accountId }, world.now)!.assets.find((a) => a.asset === 'USDC')!.collateral).toBe(usdc(10))
  })

  it('error: a nonce reused in a different request is refused', async () => {
    const world = new World()
    const user = await fundedBoundUser(world)
    const nonce = 'n'.repeat(43)
    await world.execute(await world.sign(user, { passkey: user.passkey }, [{ type: 'supply', asset: 'USDC', amount: usdc(1), collateral: true }], { nonce }))
    const second = await world.sign(user, { passkey: user.passkey }, [{ type: 'supply', asset: 'USDC', amount: usdc(2), collateral: true }], { nonce })
    await expect(world.execute(second)).rejects.toMatchObject({ code: 'NONCE_ALREADY_USED' })
  })

  it('error: an expired request, or one whose deadline is too far ahead, is refused', async () => {
    const world = new World()
    const user = await fundedBoundUser(world)
    const action = { type: 'supply' as const, asset: 'USDC', amount: usdc(1), collateral: false }
    const expiring = await world.sign(user, { passkey: user.passkey }, [action], { deadline: world.now + 1000 })
    world.tick(1000)
    await expect(world.execute(expiring)).rejects.toMatchObject({ code: 'REQUEST_EXPIRED' })
    const far = await world.sign(user, { passkey: user.passkey }, [action], { deadline: world.now + config.maxDeadlineWindowMs + 1 })
    await expect(world.execute(far)).rejects.toMatchObject({ code: 'DEADLINE_TOO_FAR' })
  })

  it('error: a request for another network, contract or account is refused', async () => {
    const world = new World()
    const user = await fundedBoundUser(world)
    const other = world.createUser()
    const action = { type: 'repay' as const, asset: 'USDC', amount: usdc(1) }
    await expect(world.execute(await world.sign(user, { passkey: user.passkey }, [action], { chainId: 'mainnet' }))).rejects.toMatchObject({ code: 'WRONG_CHAIN' })
    await expect(world.execute(await world.sign(user, { passkey: user.passkey }, [action], { contractId: 'other.devnet' }))).rejects.toMatchObject({ code: 'WRONG_CONTRACT' })
    await expect(world.execute(await world.sign(user, { passkey: user.passkey }, [action], { accountId: other.accountId }))).rejects.toMatchObject({ code: 'UNKNOWN_SIGNER' })
  })

  it('error: a tampered payload, a missing UV flag and a high-S signature are refused', async () => {
    const world = new World()
    const user = await fundedBoundUser(world)
    const action = { type: 'supply' as const, asset: 'USDC', amount: usdc(1), collateral: false }
    const tampered = await world.sign(user, { passkey: user.passkey }, [action], { tamper: (payload) => payload.replace(usdc(1), usdc(900)) })
    await expect(world.execute(tampered)).rejects.toMatchObject({ code: 'CHALLENGE_MISMATCH' })
    await expect(world.execute(await world.sign(user, { passkey: user.passkey }, [action], { passkey: { userVerified: false } }))).rejects.toMatchObject({ code: 'USER_NOT_VERIFIED' })
    await expect(world.execute(await world.sign(user, { passkey: user.passkey }, [action], { passkey: { highS: true } }))).rejects.toMatchObject({ code: 'SIGNATURE_HIGH_S' })
  })
})

describe('binding wallets', () => {
  it.each(['evm', 'solana', 'near', 'stellar'] as const)('behavior: a %s wallet is bound with its own signature, then signs requests itself', async (chain) => {
    const world = new World()
    const user = world.createUser()
    const wallet = await world.bind(user, chain)
    expect(world.contract.getAccountByWallet({ chain, address: wallet.address })).toMatchObject({ id: user.accountId, bound: true })
    const asset = chain === 'evm' ? 'ETH' : chain === 'solana' ? 'SOL' : chain === 'near' ? 'NEAR' : 'XLM'
    const decimals = { ETH: 18, SOL: 9, NEAR: 24, XLM: 7 }[asset]
    world.deposit(user, asset, units(5, decimals), chain)
    await world.execute(await world.sign(user, { wallet }, [{ type: 'supply', asset, amount: units(5, decimals), collateral: true }]))
    expect(world.contract.getPosition({ account_id: user.accountId }, world.now)!.assets.find((a) => a.asset === asset)!.collateral).toBe(units(5, decimals))
  })

  it('error: a binding proof for another account or nonce is refused, and a wallet binds to one account only', async () => {
    const world = new World()
    const user = world.createUser()
    const other = world.createUser()
    const wallet = (await import('@crosschain-lending/testing/signers')).createDevWallet('evm')
    const nonce = 'b'.repeat(43)
    const forOther = await world.bindAction(wallet, other.accountId, nonce)
    await expect(world.execute(await world.sign(user, { passkey: user.passkey }, [forOther], { nonce }))).rejects.toMatchObject({ code: 'INVALID_BINDING_PROOF' })
    const staleNonce = await world.bindAction(wallet, user.accountId, 'c'.repeat(43))
    await expect(world.execute(await world.sign(user, { passkey: user.passkey }, [staleNonce], { nonce }))).rejects.toMatchObject({ code: 'INVALID_BINDING_PROOF' })
    await world.execute(await world.sign(user, { passkey: user.passkey }, [await world.bindAction(wallet, user.accountId, nonce)], { nonce }))
    const nonce2 = 'd'.repeat(43)
    await expect(world.execute(await world.sign(other, { passkey: other.passkey }, [await world.bindAction(wallet, other.accountId, nonce2)], { nonce: nonce2 }))).rejects.toMatchObject({
      code: 'WALLET_ALREADY_BOUND',
    })
  })
})

describe('lending', () => {
  it('behavior: supply, borrow to the bound wallet, repay and adjust, with the position agreeing at each step', async () => {
    const world = new World()
    await liquidity(world)
    const user = await fundedBoundUser(world)
    const [wallet] = user.wallets
    const signer = { passkey: user.passkey }
    await world.execute(await world.sign(user, signer, [{ type: 'supply', asset: 'ETH', amount: eth(1), collateral: true }]))
    const borrowed = await world.execute(await world.sign(user, signer, [{ type: 'borrow', asset: 'USDC', amount: usdc(1500), recipient: { chain: 'evm', address: wallet!.address } }]))
    expect(borrowed.transfers).toEqual([expect.objectContaining({ asset: 'USDC', amount: usdc(1500), chain: 'evm', address: wallet!.address })])
    expect(world.contract.getTransfers({ chain: 'evm', address: wallet!.address })).toHaveLength(1)
    // 1 ETH at $3000 × 0.70 = $2100 borrow limit; $1500 debt → 1.40
    expect(world.contract.getPosition({ account_id: user.accountId }, world.now)!.healthFactor).toBe('1.4')
    // Repay more than owed: the excess stays in the wallet balance.
    await world.execute(await world.sign(user, signer, [{ type: 'repay', asset: 'USDC', amount: usdc(1000) }]))
    const afterRepay = world.contract.getPosition({ account_id: user.accountId }, world.now)!
    expect(afterRepay.assets.find((a) => a.asset === 'USDC')).toMatchObject({ borrowed: usdc(500), balance: usdc(0) })
    await world.execute(await world.sign(user, signer, [{ type: 'adjust', asset: 'ETH', amount: eth(0.25), direction: 'to-supplied' }]))
    const adjusted = world.contract.getPosition({ account_id: user.accountId }, world.now)!
    expect(adjusted.assets.find((a) => a.asset === 'ETH')).toMatchObject({ collateral: eth(0.75), supplied: eth(0.25) })
  })

  it('error: a borrow past the borrow limit is refused, saying how far short it is', async () => {
    const world = new World()
    await liquidity(world)
    const user = await fundedBoundUser(world)
    await world.execute(await world.sign(user, { passkey: user.passkey }, [{ type: 'supply', asset: 'ETH', amount: eth(1), collateral: true }]))
    const tooMuch = world.sign(user, { passkey: user.passkey }, [{ type: 'borrow', asset: 'USDC', amount: usdc(2200), recipient: { chain: 'evm', address: user.wallets[0]!.address } }])
    await expect(world.execute(await tooMuch)).rejects.toMatchObject({ code: 'HEALTH_FACTOR_TOO_LOW', shortMessage: expect.stringContaining('$100.00 short') })
  })

  it('error: a failing action leaves the whole request unapplied', async () => {
    const world = new World()
    const user = await fundedBoundUser(world)
    const request = await world.sign(user, { passkey: user.passkey }, [
      { type: 'supply', asset: 'USDC', amount: usdc(10), collateral: false },
      { type: 'supply', asset: 'USDC', amount: usdc(100_000), collateral: false },
    ])
    await expect(world.execute(request)).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' })
    expect(world.contract.getPosition({ account_id: user.accountId }, world.now)!.assets.find((a) => a.asset === 'USDC')).toMatchObject({ balance: usdc(1000), supplied: '0' })
    expect(world.contract.getNonceStatus({ account_id: user.accountId, nonce: JSON.parse(request.payload).nonce })).toEqual({ used: false })
  })

  it('behavior: interest accrues with time: debt grows, suppliers earn, reserves fill', async () => {
    const world = new World()
    await liquidity(world, 10_000)
    const user = await fundedBoundUser(world)
    await world.execute(await world.sign(user, { passkey: user.passkey }, [{ type: 'supply', asset: 'ETH', amount: eth(2), collateral: true }]))
    await world.execute(await world.sign(user, { passkey: user.passkey }, [{ type: 'borrow', asset: 'USDC', amount: usdc(4000), recipient: { chain: 'evm', address: user.wallets[0]!.address } }]))
    world.tick(365 * 24 * 60 * 60 * 1000)
    const position = world.contract.getPosition({ account_id: user.accountId }, world.now)!
    const debt = BigInt(position.assets.find((a) => a.asset === 'USDC')!.borrowed)
    // utilization 40%: 1% + 12% × 0.4 = 5.8% a year
    expect(debt).toBe(BigInt(usdc(4000)) + BigInt(usdc(232)))
    const market = world.contract.getMarkets(world.now).find((m) => m.asset === 'USDC')!
    expect(BigInt(market.reserves)).toBe(BigInt(usdc(23.2)))
    expect(BigInt(market.totalSupplied)).toBe(BigInt(usdc(10_000 + 232 - 23.2)))
  })
})

describe('borrowing to other addresses, recovery and removal', () => {
  it('behavior: a passkey borrows to another address only with the bound wallet co-signing', async () => {
    const world = new World()
    await liquidity(world)
    const user = await fundedBoundUser(world)
    await world.execute(await world.sign(user, { passkey: user.passkey }, [{ type: 'supply', asset: 'ETH', amount: eth(1), collateral: true }]))
    const elsewhere = { chain: 'solana' as const, address: (await import('@crosschain-lending/testing/signers')).createDevWallet('solana').address }
    const borrow = { type: 'borrow' as const, asset: 'USDC', amount: usdc(100), recipient: elsewhere }
    await expect(world.execute(await world.sign(user, { passkey: user.passkey }, [borrow]))).rejects.toMatchObject({ code: 'COSIGNATURE_REQUIRED' })
    const stranger = (await import('@crosschain-lending/testing/signers')).createDevWallet('evm')
    await expect(world.execute(await world.sign(user, { passkey: user.passkey }, [borrow], { cosigner: stranger }))).rejects.toMatchObject({ code: 'INVALID_COSIGNATURE' })
    const outcome = await world.execute(await world.sign(user, { passkey: user.passkey }, [borrow], { cosigner: user.wallets[0]! }))
    expect(outcome.transfers[0]).toMatchObject({ chain: 'solana', address: elsewhere.address })
  })

  // Issue 14, attack 3: a co-signature message swapped for a full wallet-signed request. Each
  // role's message differs from its first line, and the contract rebuilds the one it expects.
  // Mutation checked: with one message for every role (as when every role signed the raw
  // payload), the first request here executed.
  it('error: a bound wallet\'s co-signature message never serves as a full wallet-signed request, nor a request\'s message as a co-signature', async () => {
    const world = new World()
    await liquidity(world)
    const user = await fundedBoundUser(world)
    const wallet = user.wallets[0]!
    await world.execute(await world.sign(user, { passkey: user.passkey }, [{ type: 'supply', asset: 'ETH', amount: eth(1), collateral: true }]))
    const attacker = (await import('@crosschain-lending/testing/signers')).createDevWallet('evm')
    const toAttacker = { type: 'borrow' as const, asset: 'USDC', amount: usdc(100), recipient: { chain: 'evm' as const, address: attacker.address } }
    // The wallet signed what it was shown as a co-signature; the request is the wallet's own.
    await expect(world.execute(await world.sign(user, { wallet }, [toAttacker], { proofRole: 'cosign' }))).rejects.toMatchObject({ code: 'INVALID_SIGNATURE' })
    // The other way: a request-role signature offered as the co-signature.
    await expect(world.execute(await world.sign(user, { passkey: user.passkey }, [toAttacker], { cosigner: wallet, cosignRole: 'request' }))).rejects.toMatchObject({ code: 'INVALID_SIGNATURE' })
    // And a recovery's message does not authorize a removal.
    await expect(world.execute(await world.sign(user, { wallet }, [{ type: 'remove_passkey', credentialId: user.passkey.credentialId }], { proofRole: 'recover' }))).rejects.toMatchObject({ code: 'INVALID_SIGNATURE' })
    // The right roles still work.
    await expect(world.execute(await world.sign(user, { passkey: user.passkey }, [toAttacker], { cosigner: wallet }))).resolves.toMatchObject({ accountId: user.accountId })
  })

  it('behavior: on a new device, the bound wallet adds a new passkey (recovery), which then signs', async () => {
    const world = new World()
    const user = await fundedBoundUser(world)
    const { SoftwarePasskey } = await import('@crosschain-lending/testing/signers')
    const newDevice = new SoftwarePasskey({ rpId: config.rpId, origin: config.walletOrigins[0]! })
    await world.execute(await world.sign(user, { wallet: user.wallets[0]! }, [{ type: 'add_passkey', passkey: { credentialId: newDevice.credentialId, publicKey: newDevice.publicKey } }]))
    expect(world.contract.getAccountByCredential({ credential_id: newDevice.credentialId })!.id).toBe(user.accountId)
    await world.execute(await world.sign(user, { passkey: newDevice }, [{ type: 'supply', asset: 'USDC', amount: usdc(5), collateral: true }]))
  })

  it('error: a passkey cannot remove control methods; the wallet can, but never the last one', async () => {
    const world = new World()
    const user = await fundedBoundUser(world)
    const wallet = user.wallets[0]!
    const removePasskey = { type: 'remove_passkey' as const, credentialId: user.passkey.credentialId }
    await expect(world.execute(await world.sign(user, { passkey: user.passkey }, [removePasskey]))).rejects.toMatchObject({ code: 'ACTION_NOT_ALLOWED' })
    world.tick(securityPeriodMs)
    await world.execute(await world.sign(user, { wallet }, [removePasskey]))
    const removeWallet = { type: 'remove_wallet' as const, wallet: { chain: wallet.chain, address: wallet.address } }
    await expect(world.execute(await world.sign(user, { wallet }, [removeWallet]))).rejects.toMatchObject({ code: 'LAST_CONTROL_METHOD' })
  })
})

describe('named NEAR accounts', () => {
  async function bindNamed(chainAnswer: boolean | undefined) {
    const world = new World()
    const user = world.createUser()
    const { createDevWallet } = await import('@crosschain-lending/testing/signers')
    const wallet = createDevWallet('near', undefined, { nearAccountId: 'alice.devnet' })
    const nonce = 'e'.repeat(43)
    const request = await world.sign(user, { passkey: user.passkey }, [await world.bindAction(wallet, user.accountId, nonce)], { nonce })
    const asked: string[] = []
    const chain = chainAnswer === undefined ? undefined : { hasFullAccessKey: (account: string, key: string) => (asked.push(`${account} ${key}`), chainAnswer) }
    const outcome = world.contract.execute(request, { ...world.ctx(), ...(chain ? { chain } : {}) })
    return { outcome, asked, wallet }
  }

  it('behavior: a named account binds when the chain says the signing key is one of its full-access keys', async () => {
    const { outcome, asked, wallet } = await bindNamed(true)
    await expect(outcome).resolves.toMatchObject({ requestId: expect.any(String) })
    expect(asked).toEqual([`alice.devnet ${wallet.publicKey}`])
  })

  it('error: a named account whose key the chain does not know, or a host that cannot ask, is refused', async () => {
    await expect((await bindNamed(false)).outcome).rejects.toMatchObject({ code: 'INVALID_BINDING_PROOF', shortMessage: expect.stringContaining('not a full-access key') })
    await expect((await bindNamed(undefined)).outcome).rejects.toMatchObject({ code: 'INVALID_BINDING_PROOF', shortMessage: expect.stringContaining('Use an implicit account') })
  })
})

describe('previews', () => {
  it('behavior: a preview shows the position after the actions and changes nothing', async () => {
    const { serializeState } = await import('../src/index')
    const world = new World()
    await liquidity(world)
    const user = await fundedBoundUser(world)
    await world.execute(await world.sign(user, { passkey: user.passkey }, [{ type: 'supply', asset: 'ETH', amount: eth(1), collateral: true }]))
    const state = serializeState(world.contract.state)
    const preview = world.contract.previewActions(
      { account_id: user.accountId, actions: [{ type: 'borrow', asset: 'USDC', amount: usdc(1050), recipient: { chain: 'evm', address: user.wallets[0]!.address } }] },
      world.now,
    )
    expect(preview).toMatchObject({ ok: true, before: { healthFactor: null }, after: { healthFactor: '2', debtUsd: '1050' } })
    expect(serializeState(world.contract.state)).toBe(state)
  })

  it('error: a preview of what the contract would refuse says why, with the same code', async () => {
    const world = new World()
    await liquidity(world)
    const user = await fundedBoundUser(world)
    const unbound = world.createUser()
    const borrow = { type: 'borrow', asset: 'USDC', amount: usdc(10), recipient: { chain: 'evm', address: user.wallets[0]!.address } }
    expect(world.contract.previewActions({ account_id: user.accountId, actions: [borrow] }, world.now)).toMatchObject({ ok: false, error: { code: 'HEALTH_FACTOR_TOO_LOW' } })
    expect(world.contract.previewActions({ account_id: unbound.accountId, actions: [{ type: 'supply', asset: 'USDC', amount: '1', collateral: false }] }, world.now)).toMatchObject({ ok: false, error: { code: 'WALLET_NOT_BOUND' } })
    expect(world.contract.previewActions({ account_id: user.accountId, actions: [{ type: 'supply', asset: 'USDC', amount: '-1', collateral: false }] }, world.now)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
  })
})

describe('an account’s history', () => {
  it('behavior: its executed requests, newest first, with what each did and no proofs; other accounts’ are not there', async () => {
    const world = new World()
    const user = await fundedBoundUser(world)
    const other = await fundedBoundUser(world)
    await world.execute(await world.sign(user, { passkey: user.passkey }, [{ type: 'supply', asset: 'USDC', amount: usdc(100), collateral: true }]))
    await world.execute(await world.sign(other, { passkey: other.passkey }, [{ type: 'supply', asset: 'USDC', amount: usdc(5), collateral: true }]))
    await world.execute(await world.sign(user, { passkey: user.passkey }, [{ type: 'adjust', asset: 'USDC', amount: usdc(40), direction: 'to-supplied' }]))

    const history = world.contract.getAccountRequests({ account_id: user.accountId })
    expect(history.map((entry) => entry.actions)).toEqual([
      [{ type: 'adjust', asset: 'USDC', amount: usdc(40), direction: 'to-supplied' }],
      [{ type: 'supply', asset: 'USDC', amount: usdc(100), collateral: true }],
      [{ type: 'add_wallet', chain: 'evm', address: user.wallets[0]!.address }],
    ])
    expect(JSON.stringify(history)).not.toContain('signature')
    expect(world.contract.getAccountRequests({ account_id: user.accountId, limit: 1 })).toHaveLength(1)
    expect(world.contract.getAccountRequests({ account_id: 'nobody' })).toEqual([])
  })

  it('behavior: a refused request is not in it, and state read back (also state saved before the per-account index) gives the same history', async () => {
    const { deserializeState, serializeState, LendingContract } = await import('../src/index')
    const world = new World()
    const user = await fundedBoundUser(world)
    await world.execute(await world.sign(user, { passkey: user.passkey }, [{ type: 'supply', asset: 'USDC', amount: usdc(100), collateral: true }]))
    const refused = await world.sign(user, { passkey: user.passkey }, [{ type: 'supply', asset: 'USDC', amount: usdc(1_000_000), collateral: true }])
    await expect(world.execute(refused)).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' })
    const history = world.contract.getAccountRequests({ account_id: user.accountId })
    expect(history).toHaveLength(2)

    const saved = serializeState(world.contract.state)
    expect(new LendingContract(deserializeState(saved)).getAccountRequests({ account_id: user.accountId })).toEqual(history)
    const withoutIndex = JSON.stringify({ ...JSON.parse(saved), requestsByAccount: undefined })
    expect(new LendingContract(deserializeState(withoutIndex)).getAccountRequests({ account_id: user.accountId })).toEqual(history)
  })
})

describe('state versions', () => {
  it('behavior: state saved before version 2 (no security periods, counters, tombstones or partner list) loads with safe values', async () => {
    const { deserializeState, serializeState, LendingContract } = await import('../src/index')
    const world = new World()
    const user = await fundedBoundUser(world)
    world.tick(securityPeriodMs)
    const removed = world.newPasskey()
    await world.execute(await world.sign(user, { wallet: user.wallets[0]! }, [{ type: 'add_passkey', passkey: { credentialId: removed.credentialId, publicKey: removed.publicKey } }]))
    await world.execute(await world.sign(user, { wallet: user.wallets[0]! }, [{ type: 'remove_passkey', credentialId: removed.credentialId }]))
    // What version 1 wrote: none of the new fields, in the config, the account or the state.
    const v1 = JSON.parse(serializeState(world.contract.state), (key, value: unknown) =>
      ['version', 'retiredCredentials', 'partnerOrigins', 'securityPeriodMs', 'maturesAtMs', 'signCount', 'first'].includes(key) ? undefined : value,
    )
    const loaded = deserializeState(JSON.stringify(v1))
    expect(loaded.version).toBe(2)
    expect(loaded.config).toMatchObject({ securityPeriodMs: 48 * 60 * 60 * 1000, partnerOrigins: [] })
    // Tombstones come back from history: the passkey removed before them stays removed for good.
    expect(new LendingContract(loaded).isCredentialRetired({ credential_id: removed.credentialId })).toEqual({ retired: true })
    // Methods from before the rule are not probationary; and with no partner list, requests from a partner site are refused (fail closed).
    const contract = new LendingContract(loaded)
    expect(contract.getAccount({ account_id: user.accountId })!.pending).toEqual([])
    const signed = await world.sign(user, { passkey: user.passkey }, [{ type: 'supply', asset: 'USDC', amount: usdc(1), collateral: true }])
    await expect(contract.execute(signed, world.ctx())).rejects.toMatchObject({ code: 'SITE_NOT_ALLOWED' })
  })
})
