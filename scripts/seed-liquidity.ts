/**
 * A fresh local chain has no liquidity but what its users supply, so a newcomer in the demo could
 * borrow only the asset they supplied themselves. On a chain whose markets are all empty,
 * `pnpm start` seeds each market from a liquidity provider's account, made the way any account
 * is (see dev-account.ts): deposits from another chain, then one signed request that supplies
 * each asset (not as collateral). The relayer and contract check all of it as they would a person's.
 */
import { type MarketView, parseUnits } from '@crosschain-lending/protocol'
import { JsonRpcProvider } from 'near-api-js'
import { type DevAccountOptions, createBoundDevAccount, postToRelayer } from './dev-account'

export type SeedOptions = DevAccountOptions & {
  rpcUrl: string
  /** How many US dollars of each asset to supply. */
  usdPerMarket?: number
}

/** Seeds every market when all of them are empty; otherwise does nothing. Resolves with the provider's account, if it seeded. */
export async function seedLiquidityIfEmpty(options: SeedOptions): Promise<{ accountId: string; assets: string[] } | undefined> {
  const markets = (await new JsonRpcProvider({ url: options.rpcUrl }).callFunction<MarketView[]>({ contractId: options.contractId, method: 'get_markets', args: {} })) ?? []
  if (markets.length === 0 || markets.some((market) => market.totalSupplied !== '0' || market.totalBorrowed !== '0')) return undefined

  const provider = await createBoundDevAccount(options)
  const usd = parseUnits(String(options.usdPerMarket ?? 2_000_000), 8)
  const supplies = []
  for (const market of markets) {
    // usd / price, in the asset's smallest unit (prices carry 8 decimals at most).
    const amount = ((usd * 10n ** BigInt(market.decimals)) / parseUnits(market.priceUsd, 8)).toString()
    await devDeposit(options.rpcUrl, { chain: market.chains[0], account_id: provider.accountId, asset: market.asset, amount })
    supplies.push({ type: 'supply' as const, asset: market.asset, amount, collateral: false })
  }
  await postToRelayer(options, '/v1/requests', provider.sign(supplies))
  return { accountId: provider.accountId, assets: markets.map((market) => market.asset) }
}

/** The local chain's bridge stand-in (a dev-only RPC method; see docs/operate.md). */
async function devDeposit(rpcUrl: string, params: Record<string, unknown>): Promise<void> {
  const response = await fetch(rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'dev_deposit', params }) })
  const answer = (await response.json()) as { error?: unknown }
  if (answer.error) throw new Error(`seeding liquidity: dev_deposit: ${JSON.stringify(answer.error)}`)
}
