import { requestId } from '@crosschain-lending/protocol'
import { afterEach, describe, expect, it } from 'vitest'
import { RequestStatusStore } from '../src/status-store'
import { Harness } from './support/harness'

let harness: Harness
afterEach(() => harness.close())

describe('GET /v1/requests/:id', () => {
  it('behavior: a request submitted is final, with its transaction and outcome', async () => {
    harness = await Harness.start()
    const user = await harness.createUser()
    const { request } = await harness.bindRequest(user)
    const submitted = await harness.post('/v1/requests', request)
    const status = await harness.get(`/v1/requests/${requestId(request.payload)}`)
    expect(status.status).toBe(200)
    expect(status.body).toEqual(submitted.body)
  })

  it('behavior: the status survives a restart of the relayer (a new instance on the same data directory)', async () => {
    harness = await Harness.start()
    const user = await harness.createUser()
    const { request } = await harness.bindRequest(user)
    const submitted = await harness.post('/v1/requests', request)
    await harness.relayer.close()
    await harness.startRelayer()
    const views = harness.chain.counts.calls['query:call_function:get_request'] ?? 0
    const status = await harness.get(`/v1/requests/${requestId(request.payload)}`)
    expect(status.body).toEqual(submitted.body)
    // From the log, not the chain: the chain's record has no transaction hash.
    expect(status.body.transactionHash).toBe(submitted.body.transactionHash)
    expect(harness.chain.counts.calls['query:call_function:get_request'] ?? 0).toBe(views)
  })

  it('behavior: a refused request is failed with the refusal; the chain is still asked first', async () => {
    harness = await Harness.start()
    const user = await harness.createUser()
    const request = await harness.sign(user, [{ type: 'repay', asset: 'USDC', amount: '1' }])
    await harness.post('/v1/requests', request)
    const status = await harness.get(`/v1/requests/${requestId(request.payload)}`)
    expect(status.body).toMatchObject({ status: 'failed', error: { code: 'NOTHING_TO_REPAY' } })
    expect(status.body.transactionHash).toEqual(expect.any(String))
  })

  it('behavior: a request this relayer never saw is final when the chain has it, unknown otherwise', async () => {
    harness = await Harness.start()
    const user = await harness.createUser()
    const { request } = await harness.bindRequest(user)
    const id = requestId(request.payload)
    expect((await harness.get(`/v1/requests/${id}`)).body).toEqual({ requestId: id, status: 'unknown' })
    const outcome = await harness.chain.hostCall('execute', { ...request })
    const status = await harness.get(`/v1/requests/${id}`)
    expect(status.body).toEqual({ requestId: id, status: 'final', blockHeight: (outcome as { blockHeight: number }).blockHeight, outcome })
  })

  it('behavior: a request left pending by a crash is failed REQUEST_EXPIRED once its deadline passed and the chain does not have it', async () => {
    harness = await Harness.start()
    await harness.relayer.close()
    const id = 'cd'.repeat(32)
    const store = await RequestStatusStore.open(harness.dataDir)
    await store.record({ requestId: id, status: 'pending', at: Date.now() - 120_000, deadline: Date.now() - 60_000 })
    await store.record({ requestId: 'ef'.repeat(32), status: 'pending', at: Date.now(), deadline: Date.now() + 60_000 })
    await store.close()
    await harness.startRelayer()
    expect((await harness.get(`/v1/requests/${id}`)).body).toMatchObject({ status: 'failed', error: { code: 'REQUEST_EXPIRED' } })
    expect((await harness.get(`/v1/requests/${'ef'.repeat(32)}`)).body).toEqual({ requestId: 'ef'.repeat(32), status: 'pending' })
  })

  it('behavior: when the chain is unreachable, what the log knows is answered; otherwise 503', async () => {
    harness = await Harness.start({ config: { rpcAttempts: 1 } })
    const user = await harness.createUser()
    const request = await harness.sign(user, [{ type: 'repay', asset: 'USDC', amount: '1' }])
    await harness.post('/v1/requests', request)
    harness.chain.failNext(10, { status: 503 })
    expect((await harness.get(`/v1/requests/${requestId(request.payload)}`)).body).toMatchObject({ status: 'failed' })
    const unknown = await harness.get(`/v1/requests/${'ab'.repeat(32)}`)
    expect(unknown.status).toBe(503)
    expect(unknown.body.error.code).toBe('CHAIN_UNAVAILABLE')
  })
})
