import { afterEach, describe, expect, it } from 'vitest'
import { Harness, walletOrigin } from './support/harness'

let harness: Harness
afterEach(() => harness.close())

const someId = 'ab'.repeat(32)

describe('HTTP', () => {
  it('behavior: the wallet origin gets CORS headers, and its preflight is answered', async () => {
    harness = await Harness.start()
    const preflight = await harness.fetch('/v1/requests', { method: 'OPTIONS', headers: { origin: walletOrigin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe(walletOrigin)
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST')
    expect(preflight.headers.get('access-control-allow-headers')).toContain('content-type')
    const reply = await harness.get(`/v1/requests/${someId}`, { origin: walletOrigin })
    expect(reply.status).toBe(200)
    expect(reply.headers.get('access-control-allow-origin')).toBe(walletOrigin)
    expect(reply.headers.get('vary')).toBe('Origin')
  })

  it('error: another origin gets no CORS headers, and is refused 403 ORIGIN_NOT_ALLOWED', async () => {
    harness = await Harness.start()
    for (const init of [{ method: 'OPTIONS' }, { method: 'GET' }]) {
      const reply = await harness.fetch(`/v1/requests/${someId}`, { ...init, headers: { origin: 'https://evil.example' } })
      expect(reply.status).toBe(403)
      expect(reply.body.error.code).toBe('ORIGIN_NOT_ALLOWED')
      expect(reply.headers.get('access-control-allow-origin')).toBeNull()
      expect(reply.headers.get('access-control-allow-methods')).toBeNull()
    }
    expect(harness.chain.counts.calls).toEqual({})
  })

  it('behavior: a caller without an Origin header (a server, curl) gets no CORS headers and is served', async () => {
    harness = await Harness.start()
    const reply = await harness.get(`/v1/requests/${someId}`)
    expect(reply.status).toBe(200)
    expect(reply.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('error: a body over the limit is refused 413 PAYLOAD_TOO_LARGE without reaching the chain', async () => {
    harness = await Harness.start()
    const reply = await harness.post('/v1/requests', { payload: 'x'.repeat(40_000), proof: {} })
    expect(reply.status).toBe(413)
    expect(reply.body.error.code).toBe('PAYLOAD_TOO_LARGE')
    expect(harness.chain.counts.calls).toEqual({})
  })

  it('error: a body that is not declared JSON is refused 415', async () => {
    harness = await Harness.start()
    const reply = await harness.fetch('/v1/requests', { method: 'POST', body: '{}', headers: { 'content-type': 'text/plain' } })
    expect(reply.status).toBe(415)
    expect(reply.body.error.code).toBe('INVALID_REQUEST')
  })

  it('error: more requests per minute than a client may make are refused 429 with Retry-After', async () => {
    harness = await Harness.start({ config: { rateLimitPerClient: 3 } })
    const statuses: number[] = []
    let last
    for (let i = 0; i < 5; i++) {
      last = await harness.get(`/v1/requests/${someId}`)
      statuses.push(last.status)
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429])
    expect(last!.body.error.code).toBe('RATE_LIMITED')
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    // Health checks are not counted against the client.
    expect((await harness.get('/health')).status).toBe(200)
  })

  it('error: more requests per minute for one account are refused 429 before any check or transaction', async () => {
    harness = await Harness.start({ config: { rateLimitPerAccount: 1 } })
    const user = await harness.createUser()
    expect((await harness.post('/v1/requests', (await harness.bindRequest(user)).request)).status).toBe(200)
    const second = await harness.post('/v1/requests', (await harness.bindRequest(user)).request)
    expect(second.status).toBe(429)
    expect(second.body.error.code).toBe('RATE_LIMITED')
    expect(harness.chain.counts.transactions).toBe(1)
    // Another account is not affected.
    const other = await harness.createUser()
    expect((await harness.post('/v1/requests', (await harness.bindRequest(other)).request)).status).toBe(200)
  })

  it('behavior: behind a trusted proxy the client is the address the proxy appended', async () => {
    harness = await Harness.start({ config: { rateLimitPerClient: 1, trustProxy: true } })
    expect((await harness.get(`/v1/requests/${someId}`, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(200)
    expect((await harness.get(`/v1/requests/${someId}`, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(429)
    // A client-written first entry does not change who the proxy says is calling.
    expect((await harness.get(`/v1/requests/${someId}`, { 'x-forwarded-for': '198.51.100.7, 203.0.113.1' })).status).toBe(429)
    expect((await harness.get(`/v1/requests/${someId}`, { 'x-forwarded-for': '203.0.113.2' })).status).toBe(200)
  })

  it('error: an unknown route is 404 ROUTE_NOT_FOUND, a wrong method 405 with Allow, a malformed id 400', async () => {
    harness = await Harness.start()
    const unknown = await harness.get('/v2/anything')
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.code).toBe('ROUTE_NOT_FOUND')
    const wrongMethod = await harness.get('/v1/accounts')
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.get('allow')).toBe('POST')
    const badId = await harness.get('/v1/requests/not-an-id')
    expect(badId.status).toBe(400)
    expect(badId.body.error.code).toBe('INVALID_REQUEST')
  })

  it('behavior: /health reports the chain it reaches and the keys it holds', async () => {
    harness = await Harness.start()
    const reply = await harness.get('/health')
    expect(reply.status).toBe(200)
    expect(reply.body).toMatchObject({ status: 'ok', network: 'devnet', contractId: 'lending.devnet', relayerAccountId: 'relayer.devnet', keys: 8, idleKeys: 8, chain: { reachable: true, chainId: 'devnet' } })
  })

  it('error: /health is 503 when the chain does not answer', async () => {
    harness = await Harness.start()
    await harness.chain.close()
    const reply = await harness.get('/health')
    expect(reply.status).toBe(503)
    expect(reply.body).toMatchObject({ status: 'unavailable', chain: { reachable: false } })
  })
})
