import { SoftwarePasskey, relayerCreationBody } from '@crosschain-lending/testing/signers'
import { afterEach, describe, expect, it } from 'vitest'
import { Budget } from '../src/budgets'
import { Harness, type HttpReply, contractId, walletOrigin } from './support/harness'

let harness: Harness
afterEach(() => harness?.close())

// Each a new passkey with its proof of possession, as the wallet sends it: real creations, not malformed ones.
const newAccount = () =>
  relayerCreationBody(new SoftwarePasskey({ rpId: 'localhost', origin: walletOrigin }).createAccountArgs({ chainId: 'devnet', contractId, deadline: Date.now() + 5 * 60 * 1000 }))
/** The production defaults off devnet (docs/operate.md). */
const accountBudget = { perClient: 10, perSubnet: 60, global: 1_200 }

async function createMany(count: number, address: (i: number) => string): Promise<HttpReply[]> {
  const replies: HttpReply[] = []
  // In waves of 25 at once, as a script would fire them.
  for (let i = 0; i < count; i += 25) {
    replies.push(...(await Promise.all(Array.from({ length: Math.min(25, count - i) }, (_, j) => harness.post('/v1/accounts', newAccount(), { 'x-forwarded-for': address(i + j) })))))
  }
  return replies
}

describe('account creation is bounded by budgets per address, per subnet and in all', () => {
  it('error: 625 creations from one address create 10 accounts; the rest are 429 RATE_LIMITED saying when to retry, and cost nothing', async () => {
    // The attack of issue 14, item 9: before the budget, all 625 were created (one transaction each).
    harness = await Harness.start({ config: { trustProxy: true, accountBudget } })
    const replies = await createMany(625, () => '203.0.113.5')
    expect(replies.filter((reply) => reply.status === 201)).toHaveLength(10)
    expect(harness.chain.counts.executions.create_account).toBe(10)
    expect(harness.chain.counts.transactions).toBe(10)
    const refused = replies.filter((reply) => reply.status === 429)
    expect(refused).toHaveLength(615)
    const [first] = refused
    // 10 an hour: the next one in about 6 minutes.
    const retryAfter = Number(first!.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(340)
    expect(retryAfter).toBeLessThanOrEqual(360)
    expect(first!.body.error).toMatchObject({ code: 'RATE_LIMITED', message: `Too many account creations from this address (at most 10 an hour). Retry in ${retryAfter} s.` })
    // Refused before the chain is asked anything, once the budget is seen spent: an existence check
    // per account created, and for those of the wave already past the check when it ran out.
    expect(harness.chain.counts.calls['query:call_function:get_account_by_credential']).toBeLessThanOrEqual(10 + 25)
  }, 60_000)

  it('error: 625 creations from 625 addresses of one /24 create 60 accounts', async () => {
    harness = await Harness.start({ config: { trustProxy: true, accountBudget } })
    const replies = await createMany(625, (i) => `198.51.100.${i % 256}`)
    expect(replies.filter((reply) => reply.status === 201)).toHaveLength(60)
    expect(harness.chain.counts.transactions).toBe(60)
    expect(replies.find((reply) => reply.status === 429)!.body.error.message).toContain('from this network (at most 60 an hour from one /24 or /64)')
  }, 60_000)

  it('error: an IPv6 client changing addresses inside its /64 is one subnet', async () => {
    harness = await Harness.start({ config: { trustProxy: true, accountBudget: { ...accountBudget, perSubnet: 15 } } })
    const replies = await createMany(40, (i) => `2001:db8:7:42:${i.toString(16)}::1`)
    expect(replies.filter((reply) => reply.status === 201)).toHaveLength(15)
  })

  it('error: creations from many subnets stop at the global budget', async () => {
    harness = await Harness.start({ config: { trustProxy: true, accountBudget: { ...accountBudget, global: 30 } } })
    const replies = await createMany(100, (i) => `10.${i}.0.1`)
    expect(replies.filter((reply) => reply.status === 201)).toHaveLength(30)
    expect(replies.find((reply) => reply.status === 429)!.body.error.message).toContain('taking no more account creations from anyone')
  })

  it('behavior: asking again for an account that exists (the wallet retrying) spends no creation budget', async () => {
    harness = await Harness.start({ config: { accountBudget: { ...accountBudget, perClient: 2 } } })
    const body = newAccount()
    for (let i = 0; i < 5; i++) expect((await harness.post('/v1/accounts', body)).status).toBe(i === 0 ? 201 : 200)
    expect(harness.chain.counts.transactions).toBe(1)
    // One creation left in the budget: the retries took none.
    expect((await harness.post('/v1/accounts', newAccount())).status).toBe(201)
    expect((await harness.post('/v1/accounts', newAccount())).status).toBe(429)
  })
})

describe('signed requests are bounded per address, per subnet and in all', () => {
  it('error: more signed requests a minute from one address than its budget are 429 before any check reads the chain', async () => {
    harness = await Harness.start({ config: { requestBudget: { perClient: 3, perSubnet: 100, global: 100 } } })
    const user = await harness.createUser()
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) statuses.push((await harness.post('/v1/requests', (await harness.bindRequest(user)).request)).status)
    expect(statuses).toEqual([200, 200, 200, 429, 429])
    expect(harness.chain.counts.transactions).toBe(3)
  })
})

describe('Budget', () => {
  it('behavior: a tier that refuses takes nothing from the others (nothing is half-spent)', () => {
    let now = 0
    const budget = new Budget({ what: 'things', limits: { perClient: 2, perSubnet: 2, global: 100 }, per: 'minute', now: () => now })
    const a = { address: '192.0.2.1', subnet: '192.0.2.0/24' }
    const b = { address: '192.0.2.2', subnet: '192.0.2.0/24' }
    budget.spend(a)
    budget.spend(a)
    // The subnet is full: b is refused, and its own bucket is untouched.
    expect(() => budget.spend(b)).toThrow(/from this network/)
    expect(() => budget.spend(b)).toThrow(/from this network/)
    now += 60_000
    budget.spend(b)
    budget.spend(b)
    expect(() => budget.spend(b)).toThrow(/from this address|from this network/)
  })
})
