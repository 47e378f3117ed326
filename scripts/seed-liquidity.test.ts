import { type RunningDevnet, devnetChainId, devnetContractId, startDevnet } from '@crosschain-lending/devnet'
import type { MarketView, PositionView } from '@crosschain-lending/protocol'
import { type Relayer, relayerConfigFromEnv, startRelayer } from '@crosschain-lending/relayer'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type SeedOptions, seedLiquidityIfEmpty } from './seed-liquidity'

let dataDir: string
let devnet: RunningDevnet
let relayer: Relayer
let options: SeedOptions

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'ccl-seed-'))
  devnet = await startDevnet({ dataDir: path.join(dataDir, 'chain'), port: 0, blockIntervalMs: 20 })
  relayer = await startRelayer(relayerConfigFromEnv({ CCL_RPC_URL: devnet.url, CCL_RELAYER_PORT: '0', CCL_RELAYER_DATA_DIR: path.join(dataDir, 'relayer') }), { log: () => undefined })
  options = { relayerUrl: relayer.url, rpcUrl: devnet.url, walletOrigin: 'http://localhost:5174', rpId: 'localhost', hostOrigin: 'http://127.0.0.1:5173', chainId: devnetChainId, contractId: devnetContractId }
}, 60_000)

afterAll(async () => {
  await relayer.close()
  await devnet.close()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('pool liquidity for the demo', () => {
  it('behavior: an empty chain gets about $2M of every market from a provider account that bound a wallet and supplied, not as collateral; a second start seeds nothing', async () => {
    const seeded = await seedLiquidityIfEmpty(options)
    expect(seeded?.assets).toEqual(['USDC', 'USDT', 'ETH', 'SOL', 'NEAR', 'XLM'])
    const markets = await devnet.chain.view<MarketView[]>('get_markets', {})
    for (const market of markets) expect(Number(market.cash) / 10 ** market.decimals * Number(market.priceUsd), market.asset).toBeCloseTo(2_000_000, -1)
    expect(await devnet.chain.view('get_account', { account_id: seeded!.accountId })).toMatchObject({ bound: true })
    const position = await devnet.chain.view<PositionView>('get_position', { account_id: seeded!.accountId })
    expect(position.assets.every((entry) => entry.collateral === '0' && entry.balance === '0' && entry.supplied !== '0')).toBe(true)

    expect(await seedLiquidityIfEmpty(options)).toBeUndefined()
  })
})
