import { afterEach, describe, expect, it } from 'vitest'
import { Harness, walletOrigin } from './support/harness'

let harness: Harness
afterEach(() => harness.close())

const someId = 'ab'.repeat(32)
/** What Chromium sends for `<img src>` on another site: no Origin, Fetch Metadata saying what it is. */
const imageLoad = { 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image', 'sec-fetch-site': 'cross-site', accept: 'image/avif,image/webp,*/*' }
/** What the wallet's own fetch() sends. */
const walletFetch = { origin: walletOrigin, 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty', 'sec-fetch-site': 'cross-site' }

describe('what a page can make its visitors send costs nothing and spends no budget', () => {
  it('error: <img> loads of any route are refused 403 without a chain call, and the visitor keeps their budget', async () => {
    // Issue 14, item 9: before, each load spent the visitor's per-address budget (and a status read a view).
    harness = await Harness.start({ config: { rateLimitPerClient: 3 } })
    for (const route of [`/v1/requests/${someId}`, '/v1/accounts', '/v1/requests', '/health', '/nowhere']) {
      for (let i = 0; i < 10; i++) {
        const reply = await harness.get(route, imageLoad)
        expect(reply.status).toBe(403)
        expect(reply.body.error.code).toBe('ORIGIN_NOT_ALLOWED')
      }
    }
    expect(harness.chain.counts.calls).toEqual({})
    for (let i = 0; i < 3; i++) expect((await harness.get(`/v1/requests/${someId}`, walletFetch)).status).toBe(200)
  })

  it('error: navigations and frames (a link, an iframe, a form) are refused the same way', async () => {
    harness = await Harness.start()
    for (const headers of [
      { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' },
      { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' },
      { 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'script' },
    ]) {
      expect((await harness.get(`/v1/requests/${someId}`, headers)).status).toBe(403)
      expect((await harness.fetch('/v1/requests', { method: 'POST', body: 'a=1', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(403)
    }
    expect(harness.chain.counts.calls).toEqual({})
  })

  it('error: POSTs without a JSON content type (form posts, text/plain beacons) are 415 before any budget is charged', async () => {
    harness = await Harness.start({ config: { rateLimitPerClient: 2, accountBudget: { perClient: 1, perSubnet: 1, global: 1 } } })
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
      for (const route of ['/v1/requests', '/v1/accounts']) {
        const reply = await harness.fetch(route, { method: 'POST', body: '{}', headers: type ? { 'content-type': type } : {} })
        expect(reply.status).toBe(415)
      }
    }
    expect(harness.chain.counts.calls).toEqual({})
    // The client's budget is whole: the wallet's next two calls are served.
    expect((await harness.get(`/v1/requests/${someId}`, walletFetch)).status).toBe(200)
    expect((await harness.get(`/v1/requests/${someId}`, walletFetch)).status).toBe(200)
  })

  it('behavior: unknown routes and wrong methods answer 404/405 without spending the budget (they cost what a 429 would)', async () => {
    harness = await Harness.start({ config: { rateLimitPerClient: 1 } })
    for (let i = 0; i < 10; i++) {
      expect((await harness.get('/v2/anything')).status).toBe(404)
      expect((await harness.get('/v1/accounts')).status).toBe(405)
    }
    expect((await harness.get(`/v1/requests/${someId}`)).status).toBe(200)
  })
})

describe('/health is cheap and limited', () => {
  it('error: a flood of 500 /health hits within one cache period asks the chain once', async () => {
    // Issue 14, item 9: before, each hit was an RPC call. (A long period: the flood itself may take seconds on a busy machine.)
    harness = await Harness.start({ config: { healthCacheMs: 60_000 } })
    const replies = await Promise.all(Array.from({ length: 500 }, () => harness.get('/health')))
    expect(replies.every((reply) => reply.status === 200)).toBe(true)
    expect(harness.chain.counts.calls.status).toBe(1)
  }, 30_000)

  it('behavior: the chain is looked at again once the cached look is older than CCL_HEALTH_CACHE_MS', async () => {
    harness = await Harness.start({ config: { healthCacheMs: 100 } })
    await harness.get('/health')
    await harness.get('/health')
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect((await harness.get('/health')).body.chain.reachable).toBe(true)
    expect(harness.chain.counts.calls.status).toBe(2)
  })

  it('error: more /health hits a minute from one address than CCL_HEALTH_RATE_LIMIT_PER_CLIENT are 429, and do not touch the API budget', async () => {
    harness = await Harness.start({ config: { healthRateLimitPerClient: 5, rateLimitPerClient: 1 } })
    const statuses: number[] = []
    for (let i = 0; i < 8; i++) statuses.push((await harness.get('/health')).status)
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429])
    const refused = await harness.get('/health')
    expect(refused.body.error.message).toMatch(/^Too many health checks from this address\. Retry in \d+ s\.$/)
    expect((await harness.get(`/v1/requests/${someId}`)).status).toBe(200)
  })
})
