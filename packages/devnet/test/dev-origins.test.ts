import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningDevnet, defaultDevRpcOrigins, devRpcOriginsFromEnv, startDevnet } from '../src/index'

const partner = 'http://127.0.0.1:5283'
let devnet: RunningDevnet
let dataDir: string

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'ccl-devnet-origins-'))
  devnet = await startDevnet({ dataDir, port: 0, blockIntervalMs: 10, devRpcOrigins: [partner] })
})

afterAll(async () => {
  await devnet.close()
  rmSync(dataDir, { recursive: true, force: true })
})

/** A JSON-RPC call as a page on `origin` makes it (or a Node script, with no Origin). */
async function call(method: string, params: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(devnet.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })
  const body = (await response.json()) as { result?: unknown; error?: { cause: { name: string }; message: string } }
  return { status: response.status, allowOrigin: response.headers.get('access-control-allow-origin'), body }
}

const ethPrice = async () => ((await call('dev_explorer', { limit: 1 })).body.result as { markets: { asset: string; priceUsd: string }[] }).markets.find((market) => market.asset === 'ETH')!.priceUsd

describe("the chain's dev_* methods answer only configured origins", () => {
  it('error: a page on another origin cannot set a price, fund an account or read the explorer; it gets no CORS grant', async () => {
    const before = await ethPrice()
    const pages: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      // A form post or a text/plain fetch skips the preflight: the chain checks the Origin itself.
      { origin: 'http://evil.example', 'content-type': 'text/plain' },
      // Sandboxed frames and file:// pages send "null".
      { origin: 'null' },
      // The wallet origin and a look-alike of the partner are not the partner.
      { origin: 'http://localhost:5284' },
      { origin: 'http://127.0.0.1:5286' },
    ]
    for (const headers of pages) {
      const refused = await call('dev_set_price', { asset: 'ETH', price_usd: '1' }, headers)
      expect(refused.status, headers.origin).toBe(403)
      expect(refused.allowOrigin, headers.origin).toBeNull()
      expect(refused.body.error?.cause.name).toBe('ORIGIN_NOT_ALLOWED')
      expect(refused.body.error?.message).toContain('CCL_DEV_RPC_ORIGINS')
    }
    for (const method of ['dev_explorer', 'dev_deposit', 'dev_create_near_account', 'dev_info', 'dev_ledger']) {
      expect((await call(method, {}, { origin: 'http://evil.example' })).body.error?.cause.name, method).toBe('ORIGIN_NOT_ALLOWED')
    }
    expect(await ethPrice()).toBe(before)
  })

  it('behavior: a configured origin is granted its own origin; a call without an Origin (a Node script) is served', async () => {
    const fromPartner = await call('dev_set_price', { asset: 'ETH', price_usd: '2345' }, { origin: partner })
    expect(fromPartner.body.error).toBeUndefined()
    expect(fromPartner.allowOrigin).toBe(partner)
    const fromScript = await call('dev_info', {})
    expect(fromScript.status).toBe(200)
    expect(fromScript.body.result).toMatchObject({ chain_id: 'devnet' })
    expect(await ethPrice()).toBe('2345')
  })

  it("behavior: NEAR's own methods still answer any page, as a public RPC does", async () => {
    const status = await call('status', [], { origin: 'http://evil.example' })
    expect(status.body.result).toMatchObject({ chain_id: 'devnet' })
    expect(status.allowOrigin).toBe('*')
  })

  it('behavior: CCL_DEV_RPC_ORIGINS is a comma-separated list of exact origins; unset means the demo; anything else stops the start', () => {
    expect(devRpcOriginsFromEnv(undefined)).toBeUndefined()
    expect(devRpcOriginsFromEnv(' ')).toBeUndefined()
    expect(devRpcOriginsFromEnv('http://127.0.0.1:5283, https://partner.example')).toEqual(['http://127.0.0.1:5283', 'https://partner.example'])
    expect(defaultDevRpcOrigins).toEqual(['http://127.0.0.1:5173'])
    for (const bad of ['*', 'http://127.0.0.1:5173/', 'http://127.0.0.1:5173/demo', '127.0.0.1:5173', 'ftp://x.example', 'http://a.example,']) {
      expect(() => devRpcOriginsFromEnv(bad), bad).toThrow(/CCL_DEV_RPC_ORIGINS: .* is not an origin/)
    }
  })
})
