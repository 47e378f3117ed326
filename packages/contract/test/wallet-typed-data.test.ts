import {
  type Action,
  type SignedRequest,
  type WalletMessageRole,
  type WalletTypedData,
  bindingTypedData,
  parseRequest,
  requestId,
  walletMessage,
  walletTypedData,
} from '@crosschain-lending/protocol'
import { createDevWallet } from '@crosschain-lending/testing/signers'
import { describe, expect, it } from 'vitest'
import { type User, World, config, eth, fundedBoundUser, liquidity, partnerOrigin, securityPeriodMs, usdc } from './world'

/**
 * EVM wallets sign EIP-712 typed data, one primary type per role, with every fact of the request
 * in it. These are the attacks on that, with real secp256k1 keys (the testing kit's dev wallets):
 * a signature for one role submitted as another's, a personal_sign over the text a wallet used
 * to sign, and a typed-data signature whose amount, recipient, site or deadline is not the
 * request's. Each is refused and changes nothing.
 */

/** A user whose EVM wallet is past its security period, with ETH collateral and liquidity to borrow. */
async function scenario() {
  const world = new World()
  await liquidity(world)
  const user = await fundedBoundUser(world)
  await world.execute(await world.sign(user, { passkey: user.passkey }, [{ type: 'supply', asset: 'ETH', amount: eth(1), collateral: true }]))
  world.tick(securityPeriodMs)
  return { world, user, wallet: user.wallets[0]! }
}

/** What the account looks like on chain (methods, positions, history): an attack must leave it exactly so. */
const footprint = (world: World, user: User) => JSON.stringify([world.contract.getAccount({ account_id: user.accountId }), world.contract.getPosition({ account_id: user.accountId }, world.now), world.contract.getAccountRequests({ account_id: user.accountId })])

/** The same request with its wallet proof's signature replaced by the wallet's signature over `typedData`. */
async function resigned(signed: SignedRequest, typedData: WalletTypedData, wallet: ReturnType<typeof createDevWallet>, where: 'proof' | 'cosignature' = 'proof'): Promise<SignedRequest> {
  const signature = await wallet.signTypedData(typedData)
  return where === 'proof' ? { ...signed, proof: { ...signed.proof, signature } as SignedRequest['proof'] } : { ...signed, cosignature: { ...signed.cosignature!, signature } }
}

describe('EVM typed data: one role\'s signature never serves as another\'s', () => {
  const newDevice = () => new World().newPasskey()
  const requests: Record<Exclude<WalletMessageRole, 'cosign'>, (user: User) => Action[]> = {
    recover: () => {
      const device = newDevice()
      return [{ type: 'add_passkey', passkey: { credentialId: device.credentialId, publicKey: device.publicKey } }]
    },
    remove: (user) => [{ type: 'remove_wallet', wallet: { chain: 'evm', address: user.wallets[0]!.address } }],
    request: (user) => [{ type: 'borrow', asset: 'USDC', amount: usdc(10), recipient: { chain: 'evm', address: user.wallets[0]!.address } }],
  }

  // Mutation checked: with one primary type and one notice for every request role (both of
  // 'request'), every swapped signature below executed. Either one alone still separates the
  // roles (the protocol's typed-data test pins the primary types).
  for (const [role, actionsFor] of Object.entries(requests) as [Exclude<WalletMessageRole, 'cosign'>, (user: User) => Action[]][]) {
    it(`error: a ${role} request signed in any other role (a co-signature above all) is refused (INVALID_SIGNATURE) and changes nothing; signed as ${role}, it executes`, async () => {
      const { world, user, wallet } = await scenario()
      const actions = actionsFor(user)
      const before = footprint(world, user)
      for (const wrong of (['cosign', 'recover', 'remove', 'request'] as const).filter((candidate) => candidate !== role)) {
        await expect(world.execute(await world.sign(user, { wallet }, actions, { proofRole: wrong })), `signed as ${wrong}`).rejects.toMatchObject({ code: 'INVALID_SIGNATURE' })
      }
      expect(footprint(world, user)).toBe(before)
      await expect(world.execute(await world.sign(user, { wallet }, actions))).resolves.toMatchObject({ accountId: user.accountId })
    })
  }

  it('error: a co-signature made in another role (a request, a recovery, a removal) is refused, and the Borrow to another address does not run', async () => {
    const { world, user, wallet } = await scenario()
    const elsewhere = { type: 'borrow' as const, asset: 'USDC', amount: usdc(100), recipient: { chain: 'evm' as const, address: createDevWallet('evm').address } }
    const before = footprint(world, user)
    for (const wrong of ['request', 'recover', 'remove'] as const) {
      await expect(world.execute(await world.sign(user, { passkey: user.passkey }, [elsewhere], { cosigner: wallet, cosignRole: wrong })), wrong).rejects.toMatchObject({ code: 'INVALID_SIGNATURE' })
    }
    expect(footprint(world, user)).toBe(before)
    await expect(world.execute(await world.sign(user, { passkey: user.passkey }, [elsewhere], { cosigner: wallet }))).resolves.toMatchObject({ transfers: [expect.objectContaining({ address: elsewhere.recipient.address })] })
  })

  it('error: the wallet\'s binding signature (BindWallet) does not authorize a request, even one naming the same account', async () => {
    const { world, user, wallet } = await scenario()
    const signed = await world.sign(user, { wallet }, requests.request(user))
    const fields = parseRequest(signed.payload)
    const binding = bindingTypedData({ accountId: user.accountId, contractId: config.contractId, chainId: config.chainId, wallet: { chain: 'evm', address: wallet.address }, nonce: fields.nonce, origin: fields.site, deadline: fields.deadline })
    await expect(world.execute(await resigned(signed, binding, wallet))).rejects.toMatchObject({ code: 'INVALID_SIGNATURE' })
  })
})

describe('EVM typed data: personal_sign is refused', () => {
  /** The text an EVM wallet signed with personal_sign before typed data (smallest units, no site). */
  function oldTextMessage(payload: string): string {
    const fields = parseRequest(payload)
    return [
      'CrossChain Lending: a request signed by your wallet alone',
      '',
      'Your wallet alone authorizes everything below.',
      '',
      `Account: ${fields.accountId}`,
      `Network: ${fields.chainId} (${fields.contractId})`,
      ...fields.actions.map((action) => (action.type === 'borrow' ? `Action: Borrow ${action.amount} ${action.asset} (smallest units) to ${action.recipient.chain}:${action.recipient.address}` : `Action: ${action.type}`)),
      `Deadline: ${new Date(fields.deadline).toISOString()}`,
      `Request: ${requestId(payload)}`,
    ].join('\n')
  }

  // Mutation checked: with verifyWalletProof falling back to EIP-191 over today's text when the
  // typed-data check fails, the second personal_sign request executed; with #verifyBinding
  // falling back to EIP-191 over the binding text, the personal_sign binding was bound.
  it('error: a personal_sign over the old text message, or over today\'s text, is refused (INVALID_SIGNATURE) and borrows nothing', async () => {
    const { world, user, wallet } = await scenario()
    const before = footprint(world, user)
    const actions: Action[] = [{ type: 'borrow', asset: 'USDC', amount: usdc(10), recipient: { chain: 'evm', address: wallet.address } }]
    for (const text of [oldTextMessage, (payload: string) => walletMessage('request', payload)]) {
      const signed = await world.sign(user, { wallet }, actions)
      const personal = { ...signed, proof: { ...signed.proof, signature: await wallet.signMessage(text(signed.payload)) } as SignedRequest['proof'] }
      await expect(world.execute(personal)).rejects.toMatchObject({ code: 'INVALID_SIGNATURE' })
    }
    expect(footprint(world, user)).toBe(before)
  })

  it('error: an EVM binding signed with personal_sign over the binding text is refused, and nothing is bound', async () => {
    const world = new World()
    const user = world.createUser()
    const wallet = createDevWallet('evm')
    const nonce = 'n'.repeat(43)
    const action = (await world.bindAction(wallet, user.accountId, nonce)) as Extract<Action, { type: 'add_wallet' }>
    const personal: Action = { ...action, proof: { ...action.proof, signature: await wallet.signMessage(action.proof.message) } }
    await expect(world.execute(await world.sign(user, { passkey: user.passkey }, [personal], { nonce }))).rejects.toMatchObject({ code: 'INVALID_SIGNATURE' })
    expect(world.contract.getAccountByWallet({ chain: 'evm', address: wallet.address })).toBeNull()
    await expect(world.execute(await world.sign(user, { passkey: user.passkey }, [action], { nonce }))).resolves.toMatchObject({ accountId: user.accountId })
  })
})

describe('EVM typed data: what the wallet read is what runs', () => {
  type Change = { field: string; payload: (payload: string) => string; typed: (message: Record<string, unknown>) => Record<string, unknown> }
  const firstAction = (message: Record<string, unknown>, change: Record<string, unknown>) => ({ ...message, actions: [{ ...(message.actions as Record<string, unknown>[])[0], ...change }] })
  const attacker = createDevWallet('evm').address
  const changes: Change[] = [
    { field: 'amount', payload: (p) => p.replace(`"amount":"${usdc(10)}"`, `"amount":"${usdc(900)}"`), typed: (m) => firstAction(m, { amount: '900 USDC' }) },
    { field: 'smallest units', payload: (p) => p.replace(`"amount":"${usdc(10)}"`, `"amount":"${usdc(10)}0"`), typed: (m) => firstAction(m, { smallestUnits: `${usdc(10)}0` }) },
    { field: 'recipient', payload: (p) => p.replace(/"recipient":\{"chain":"evm","address":"0x[0-9a-fA-F]{40}"\}/, `"recipient":{"chain":"evm","address":"${attacker}"}`), typed: (m) => firstAction(m, { recipient: `EVM ${attacker}` }) },
    { field: 'site', payload: (p) => p.replace(`"site":"${partnerOrigin}"`, '"site":"http://localhost:5174"'), typed: (m) => ({ ...m, site: 'https://evil.example' }) },
    { field: 'deadline', payload: (p) => p.replace(/"deadline":(\d+)/, (_, ms: string) => `"deadline":${Number(ms) + 60_000}`), typed: (m) => ({ ...m, deadline: '2099-01-01T00:00:00.000Z' }) },
  ]

  for (const change of changes) {
    // Mutation checked: with actions, site and deadline dropped from the primary type (only the
    // request id left), each signature over altered facts executed; with the request id dropped
    // too, each altered payload executed as well.
    it(`error: a wallet's request whose ${change.field} is not what its typed data said is refused: changed after signing, or shown differently than the request`, async () => {
      const { world, user, wallet } = await scenario()
      const before = footprint(world, user)
      const signed = await world.sign(user, { wallet }, [{ type: 'borrow', asset: 'USDC', amount: usdc(10), recipient: { chain: 'evm', address: wallet.address } }])
      // The payload altered on its way, with the signature over the original.
      const altered = change.payload(signed.payload)
      expect(altered).not.toBe(signed.payload)
      await expect(world.execute({ ...signed, payload: altered })).rejects.toMatchObject({ code: 'INVALID_SIGNATURE' })
      // The wallet shown (and signing) other facts than the request's, under the request's own id.
      const typed = walletTypedData('request', signed.payload)
      await expect(world.execute(await resigned(signed, { ...typed, message: change.typed(typed.message) }, wallet))).rejects.toMatchObject({ code: 'INVALID_SIGNATURE' })
      expect(footprint(world, user)).toBe(before)
      await expect(world.execute(signed)).resolves.toMatchObject({ accountId: user.accountId })
    })
  }

  it('error: a co-signature over a Borrow of another amount or to another recipient does not co-sign this one', async () => {
    const { world, user, wallet } = await scenario()
    const borrow = (amount: string, address: string): Action => ({ type: 'borrow', asset: 'USDC', amount, recipient: { chain: 'evm', address } })
    const friend = createDevWallet('evm').address
    const shown = await world.sign(user, { passkey: user.passkey }, [borrow(usdc(10), friend)], { cosigner: wallet })
    for (const other of [borrow(usdc(900), friend), borrow(usdc(10), attacker)]) {
      const real = await world.sign(user, { passkey: user.passkey }, [other])
      await expect(world.execute({ ...real, cosignature: shown.cosignature! })).rejects.toMatchObject({ code: 'INVALID_SIGNATURE' })
      const typed = walletTypedData('cosign', shown.payload)
      await expect(world.execute(await resigned({ ...real, cosignature: shown.cosignature! }, { ...typed, message: { ...typed.message, requestId: `0x${requestId(real.payload)}` } }, wallet, 'cosignature'))).rejects.toMatchObject({ code: 'INVALID_SIGNATURE' })
    }
  })
})

describe('the site a request names', () => {
  // Mutation checked: without assertSiteAllowed in execute, the wallet-signed request naming an
  // unlisted site executed.
  it('error: a request naming a site that is not on the partner list is refused (SITE_NOT_ALLOWED), whoever signed it', async () => {
    const { world, user, wallet } = await scenario()
    const supply: Action[] = [{ type: 'supply', asset: 'USDC', amount: usdc(1), collateral: true }]
    await expect(world.execute(await world.sign(user, { wallet }, supply, { site: 'https://evil.example' }))).rejects.toMatchObject({ code: 'SITE_NOT_ALLOWED' })
    await expect(world.execute(await world.sign(user, { passkey: user.passkey }, supply, { site: 'https://evil.example', passkey: { topOrigin: null } }))).rejects.toMatchObject({ code: 'SITE_NOT_ALLOWED' })
  })

  // Mutation checked: without the site argument to verifyPasskeyProof, the request executed.
  it('error: a passkey that approved inside one partner\'s page cannot approve a request naming another partner (SITE_MISMATCH)', async () => {
    const other = 'https://other-partner.example'
    const world = new World({ partnerOrigins: [partnerOrigin, other] })
    const user = await fundedBoundUser(world)
    const supply: Action[] = [{ type: 'supply', asset: 'USDC', amount: usdc(1), collateral: true }]
    await expect(world.execute(await world.sign(user, { passkey: user.passkey }, supply, { site: other }))).rejects.toMatchObject({ code: 'SITE_MISMATCH' })
    await expect(world.execute(await world.sign(user, { passkey: user.passkey }, supply, { site: other, passkey: { topOrigin: other } }))).resolves.toMatchObject({ accountId: user.accountId })
  })

  // Mutation checked: without the site and deadline comparisons in #verifyBinding, both bound the wallet.
  it('error: a binding whose wallet signed another site or another deadline than the request\'s is refused (INVALID_BINDING_PROOF)', async () => {
    const world = new World({ partnerOrigins: [partnerOrigin, 'https://other-partner.example'] })
    const user = world.createUser()
    const wallet = createDevWallet('evm')
    for (const overrides of [{ origin: 'https://other-partner.example' }, { deadline: world.deadline + 1 }]) {
      const nonce = crypto.randomUUID().replace(/-/g, '').padEnd(43, 'x')
      const action = await world.bindAction(wallet, user.accountId, nonce, overrides)
      await expect(world.execute(await world.sign(user, { passkey: user.passkey }, [action], { nonce })), JSON.stringify(overrides)).rejects.toMatchObject({ code: 'INVALID_BINDING_PROOF' })
    }
    expect(world.contract.getAccountByWallet({ chain: 'evm', address: wallet.address })).toBeNull()
  })
})
