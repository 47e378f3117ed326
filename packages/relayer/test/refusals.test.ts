import { type Action, type BindingMessageFields, bindingMessage, bindingSignable } from '@crosschain-lending/protocol'
import { createDevWallet, signSignable } from '@crosschain-lending/testing/signers'
import { afterEach, describe, expect, it } from 'vitest'
import { contractId, Harness, partnerOrigin, type User } from './support/harness'

let harness: Harness
afterEach(() => harness.close())

const doomedRepay: Action[] = [{ type: 'repay', asset: 'USDC', amount: '1000' }]
const views = () => harness.chain.counts.calls['query:call_function:preview'] ?? 0
const from = (address: string) => ({ 'x-forwarded-for': address })

/** A binding whose message names another account: the contract refuses it, and `preview` cannot tell (it takes no proofs). */
async function doomedBinding(user: User) {
  const wallet = createDevWallet('evm')
  const deadline = Date.now() + 5 * 60 * 1000
  const fields: BindingMessageFields = { accountId: 'someone-else', contractId, chainId: 'devnet', wallet: { chain: 'evm', address: wallet.address }, nonce: 'x'.repeat(43), origin: partnerOrigin, deadline }
  const action: Action = { type: 'add_wallet', wallet: { chain: 'evm', address: wallet.address }, proof: { message: bindingMessage(fields), signature: await signSignable(wallet, bindingSignable(fields)) } }
  return harness.sign(user, [action], { deadline })
}

describe('what the contract refuses costs the relayer a view, not a transaction, once a pattern shows', () => {
  it('error: 200 doomed requests (NOTHING_TO_REPAY) from 5 free accounts, sent at once from one address, cost at most 3 transactions; the rest a view each', async () => {
    // The attack of issue 14, item 9. Before the refusal guard, each of the 200 was a paid transaction.
    harness = await Harness.start({ config: { trustProxy: true } })
    const users = await Promise.all(Array.from({ length: 5 }, () => harness.createUser()))
    const requests = await Promise.all(Array.from({ length: 200 }, (_, i) => harness.sign(users[i % 5]!, doomedRepay)))
    const replies = await Promise.all(requests.map((request) => harness.post('/v1/requests', request, from('203.0.113.9'))))
    expect(replies.map((reply) => reply.body.error?.code)).toEqual(Array(200).fill('NOTHING_TO_REPAY'))
    expect(replies.every((reply) => reply.status === 422)).toBe(true)
    expect(harness.chain.counts.transactions).toBeLessThanOrEqual(3)
    expect(harness.chain.counts.calls.send_tx).toBe(harness.chain.counts.transactions)
    expect(views()).toBe(200 - harness.chain.counts.transactions)
    // The refusal found by the view says so, with the contract's own code and message.
    const viewed = replies.find((reply) => reply.body.error.details?.includes('preview'))!
    expect(viewed.body.error.message).toBe('There is no USDC debt to repay.')
  }, 30_000)

  it('error: doomed requests spread over 60 addresses in 60 subnets, one each, cost at most 50 transactions (the global pattern)', async () => {
    harness = await Harness.start({ config: { trustProxy: true } })
    const users = await Promise.all(Array.from({ length: 60 }, () => harness.createUser()))
    for (const [i, user] of users.entries()) {
      const reply = await harness.post('/v1/requests', await harness.sign(user, doomedRepay), from(`198.${18 + (i >> 8)}.${i & 255}.7`))
      expect(reply.body.error.code).toBe('NOTHING_TO_REPAY')
    }
    expect(harness.chain.counts.transactions).toBe(50)
    expect(views()).toBe(10)
  }, 30_000)

  it('error: doomed requests from one /24, one per address, are dry-run after 10 refusals', async () => {
    harness = await Harness.start({ config: { trustProxy: true } })
    const users = await Promise.all(Array.from({ length: 30 }, () => harness.createUser()))
    for (const [i, user] of users.entries()) await harness.post('/v1/requests', await harness.sign(user, doomedRepay), from(`192.0.2.${i + 1}`))
    expect(harness.chain.counts.transactions).toBe(10)
    expect(views()).toBe(20)
  }, 30_000)

  it('behavior: a well-behaved client pays one transaction per request and no view, beside an account whose requests are refused', async () => {
    harness = await Harness.start({ config: { trustProxy: true } })
    const [careless, careful] = [await harness.createUser(), await harness.createUser()]
    for (let i = 0; i < 5; i++) await harness.post('/v1/requests', await harness.sign(careless, doomedRepay), from('203.0.113.1'))
    expect(harness.chain.counts.transactions).toBe(3)
    const before = views()
    // Four binds: as many wallets as the contract binds to one account.
    for (let i = 0; i < 4; i++) expect((await harness.post('/v1/requests', (await harness.bindRequest(careful)).request, from('203.0.113.2'))).status).toBe(200)
    expect(harness.chain.counts.transactions).toBe(3 + 4)
    expect(views()).toBe(before)
  })

  it('behavior: a flagged account still gets the requests a dry run clears or cannot judge executed: a view and a transaction each', async () => {
    harness = await Harness.start()
    const user = await harness.createUser()
    for (let i = 0; i < 3; i++) await harness.post('/v1/requests', await harness.sign(user, doomedRepay))
    expect(harness.chain.counts.transactions).toBe(3)
    // A binding: the preview cannot judge it (it takes no proofs), and the account is not held, so it is sent.
    expect((await harness.post('/v1/requests', (await harness.bindRequest(user)).request)).status).toBe(200)
    await harness.chain.hostCall('deposit', { account_id: user.accountId, asset: 'USDC', amount: '5000', chain: 'evm', ref: 'test-deposit' }, 'owner.devnet')
    // A Supply the preview clears.
    expect((await harness.post('/v1/requests', await harness.sign(user, [{ type: 'supply', asset: 'USDC', amount: '1000', collateral: true }]))).status).toBe(200)
    expect(harness.chain.counts.transactions).toBe(5)
    expect(views()).toBe(2)
  })

  it('error: a caller whose refusals a view cannot foresee (bad wallet bindings) is held 429 after 10 paid refusals, with Retry-After', async () => {
    harness = await Harness.start()
    const user = await harness.createUser()
    const statuses: number[] = []
    let last
    for (let i = 0; i < 14; i++) {
      last = await harness.post('/v1/requests', await doomedBinding(user))
      statuses.push(last.status)
    }
    expect(statuses).toEqual([...Array(10).fill(422), ...Array(4).fill(429)])
    expect(harness.chain.counts.transactions).toBe(10)
    expect(last!.body.error.code).toBe('RATE_LIMITED')
    const retryAfter = Number(last!.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(500)
    expect(retryAfter).toBeLessThanOrEqual(600)
    expect(last!.body.error.message).toContain(`Retry in ${retryAfter} s`)
  })

  it('behavior: replaying one refused request does not count against its account more than once', async () => {
    harness = await Harness.start({ config: { trustProxy: true } })
    const user = await harness.createUser()
    const request = await doomedBinding(user)
    // The replayer's address fills up and is held; the account's owner, elsewhere, is not.
    for (let i = 0; i < 12; i++) await harness.post('/v1/requests', request, from('203.0.113.66'))
    const own = await harness.post('/v1/requests', (await harness.bindRequest(user)).request, from('198.51.100.1'))
    expect(own.status).toBe(200)
  })

  it('error: when a dry run is due and the chain cannot answer it, no transaction is sent (503)', async () => {
    // One key, so its nonce is known: the next RPC query the relayer makes is the dry run's.
    harness = await Harness.start({ config: { rpcAttempts: 1 }, keys: 1 })
    const user = await harness.createUser()
    for (let i = 0; i < 3; i++) await harness.post('/v1/requests', await harness.sign(user, doomedRepay))
    const transactions = harness.chain.counts.transactions
    harness.chain.failNext(1, { method: 'query' })
    const reply = await harness.post('/v1/requests', (await harness.bindRequest(user)).request)
    expect(reply.status).toBe(503)
    expect(reply.body.error.code).toBe('CHAIN_UNAVAILABLE')
    expect(reply.body.error.message).toContain('preview')
    expect(harness.chain.counts.transactions).toBe(transactions)
  })
})
