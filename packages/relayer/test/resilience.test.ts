import { devnetRelayerKeys } from '@crosschain-lending/dev-keys'
import { requestId } from '@crosschain-lending/protocol'
import { afterEach, describe, expect, it } from 'vitest'
import { Harness } from './support/harness'

let harness: Harness
afterEach(() => harness.close())

describe('talking to the chain', () => {
  it('behavior: a transaction the RPC answers 503 twice is retried and executes once', async () => {
    harness = await Harness.start()
    const user = await harness.createUser()
    const { request } = await harness.bindRequest(user)
    harness.chain.failNext(2, { method: 'send_tx', status: 503 })
    const reply = await harness.post('/v1/requests', request)
    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    expect(harness.chain.counts.injectedFailures).toBe(2)
    expect(harness.chain.counts.calls.send_tx).toBe(3)
    expect(harness.chain.counts.executions.execute).toBe(1)
  })

  it('behavior: views failing transiently (503, 500, 429) are retried', async () => {
    harness = await Harness.start()
    const user = await harness.createUser()
    const { request } = await harness.bindRequest(user)
    harness.chain.failNext(1, { method: 'query', status: 503 })
    harness.chain.failNext(1, { method: 'query', status: 500 })
    harness.chain.failNext(1, { method: 'query', status: 429 })
    const reply = await harness.post('/v1/requests', request)
    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    expect(harness.chain.counts.injectedFailures).toBe(3)
  })

  it('behavior: after NEAR TIMEOUT_ERROR the same signed transaction is sent again, and it executes once', async () => {
    harness = await Harness.start()
    const user = await harness.createUser()
    const { request } = await harness.bindRequest(user)
    harness.chain.failNext(1, { method: 'send_tx', timeout: true })
    const reply = await harness.post('/v1/requests', request)
    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    expect(harness.chain.counts.calls.send_tx).toBe(2)
    expect(harness.chain.counts.transactions).toBe(1)
  })

  it('behavior: a transaction the node never reports final is answered 202 pending; the status turns final from the chain', async () => {
    harness = await Harness.start({ config: { rpcAttempts: 2 } })
    const user = await harness.createUser()
    const { request } = await harness.bindRequest(user)
    harness.chain.failNext(2, { method: 'send_tx', timeout: true })
    const reply = await harness.post('/v1/requests', request)
    expect(reply.status).toBe(202)
    expect(reply.body).toEqual({ requestId: requestId(request.payload), status: 'pending', transactionHash: expect.any(String) })
    const status = await harness.get(`/v1/requests/${reply.body.requestId}`)
    expect(status.body).toMatchObject({ status: 'final', transactionHash: reply.body.transactionHash, outcome: { requestId: reply.body.requestId } })
    expect(harness.chain.counts.transactions).toBe(1)
  })

  it('behavior: a stale key nonce (another process used the key) is read again and the call signed anew, once', async () => {
    harness = await Harness.start({ keys: 1 })
    const user = await harness.createUser()
    expect((await harness.post('/v1/requests', (await harness.bindRequest(user)).request)).status).toBe(200)
    await harness.chain.bumpNonce(devnetRelayerKeys(1)[0]!.publicKey, 1000n)
    const reply = await harness.post('/v1/requests', (await harness.bindRequest(user)).request)
    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    expect(harness.chain.counts.invalidNonces).toBe(1)
    expect(harness.chain.counts.executions.execute).toBe(2)
  })

  it('behavior: with one key, concurrent requests queue for it and all execute in nonce order', async () => {
    harness = await Harness.start({ keys: 1, chain: { executionDelayMs: 10 } })
    // Two accounts of three binds each: the contract binds at most four wallets to an account.
    const users = [await harness.createUser(), await harness.createUser()]
    const requests = await Promise.all(users.flatMap((user) => Array.from({ length: 3 }, () => harness.bindRequest(user))))
    const replies = await Promise.all(requests.map(({ request }) => harness.post('/v1/requests', request)))
    expect(replies.map((reply) => reply.status)).toEqual(Array(6).fill(200))
    expect(harness.chain.counts.invalidNonces).toBe(0)
  })

  it('error: an RPC that stays unreachable is reported 503 CHAIN_UNAVAILABLE after the retries', async () => {
    harness = await Harness.start({ config: { rpcAttempts: 3 } })
    const user = await harness.createUser()
    const { request } = await harness.bindRequest(user)
    harness.chain.failNext(100, { status: 503 })
    const reply = await harness.post('/v1/requests', request)
    expect(reply.status).toBe(503)
    expect(reply.body.error.code).toBe('CHAIN_UNAVAILABLE')
    expect(harness.chain.counts.injectedFailures).toBe(3)
  })

  it('error: an RPC that refuses connections is reported 503 CHAIN_UNAVAILABLE', async () => {
    harness = await Harness.start({ config: { rpcAttempts: 2 } })
    const user = await harness.createUser()
    const { request } = await harness.bindRequest(user)
    await harness.chain.close()
    const reply = await harness.post('/v1/requests', request)
    expect(reply.status).toBe(503)
    expect(reply.body).toEqual({ error: { code: 'CHAIN_UNAVAILABLE', message: expect.any(String), details: expect.any(String) } })
  })

  it('error: an RPC answering 502 is reported 502 CHAIN_UNAVAILABLE', async () => {
    harness = await Harness.start({ config: { rpcAttempts: 2 } })
    harness.chain.failNext(2, { status: 502 })
    const user = await harness.createUser()
    const reply = await harness.post('/v1/requests', (await harness.bindRequest(user)).request)
    expect(reply.status).toBe(502)
    expect(reply.body.error.code).toBe('CHAIN_UNAVAILABLE')
  })

  it('error: a relayer key that is not on the account is a 500 INVALID_CONFIGURATION naming the public key', async () => {
    harness = await Harness.start({ keys: 1, chain: { removedRelayerKeys: [devnetRelayerKeys(1)[0]!.publicKey] } })
    const user = await harness.createUser()
    const reply = await harness.post('/v1/requests', (await harness.bindRequest(user)).request)
    expect(reply.status).toBe(500)
    expect(reply.body.error.code).toBe('INVALID_CONFIGURATION')
    expect(reply.body.error.details).toContain(devnetRelayerKeys(1)[0]!.publicKey)
    expect(JSON.stringify(reply.body)).not.toContain(devnetRelayerKeys(1)[0]!.secretKey)
  })
})
