/**
 * A fresh local chain has no liquidity but what its users supply, so a newcomer in the demo could
 * borrow only the asset they supplied themselves. On a chain whose markets are all empty,
 * `pnpm start` seeds each market from a liquidity provider's account. That account is made the
 * way any account is: a passkey (a software one, its key kept nowhere), an EVM wallet bound with
 * its own signature, deposits from another chain, and one signed request that supplies each
 * asset (not as collateral). The relayer and contract check all of it as they would a person's.
 */
import { type Action, type ChainId, type MarketView, bindingMessage, encodeRequest, parseUnits, toBase64Url } from '@crosschain-lending/protocol'
import { SoftwarePasskey, createDevWallet } from '@crosschain-lending/testing/signers'

export type SeedOptions = {
  relayerUrl: string
  rpcUrl: string
  walletOrigin: string
  rpId: string
  /** The page the binding is said to come from (the demo). */
  hostOrigin: string
  chainId: ChainId
  contractId: string
  /** How many US dollars of each asset to supply. */
  usdPerMarket?: number
}

/** Seeds every market when all of them are empty; otherwise does nothing. Resolves with the provider's account, if it seeded. */
export async function seedLiquidityIfEmpty(options: SeedOptions): Promise<{ accountId: string; assets: string[] } | undefined> {
  const markets = await view<MarketView[]>(options, 'get_markets', {})
  if (markets.some((market) => market.totalSupplied !== '0' || market.totalBorrowed !== '0')) return undefined

  const passkey = new SoftwarePasskey({ rpId: options.rpId, origin: options.walletOrigin })
  const created = await post<{ accountId: string }>(options, '/v1/accounts', { credentialId: passkey.credentialId, publicKey: passkey.publicKey })
  const accountId = created.accountId
  const nonce = () => toBase64Url(crypto.getRandomValues(new Uint8Array(32)))
  const signed = (actions: Action[], n = nonce()) => {
    const payload = encodeRequest({ chainId: options.chainId, contractId: options.contractId, accountId, signer: { type: 'passkey', credentialId: passkey.credentialId }, nonce: n, deadline: Date.now() + 600_000, actions })
    return { payload, proof: passkey.sign(payload) }
  }

  // Supply needs a bound wallet, for the provider as for anyone.
  const wallet = createDevWallet('evm')
  const bindNonce = nonce()
  const message = bindingMessage({ accountId, contractId: options.contractId, chainId: options.chainId, wallet: { chain: 'evm', address: wallet.address }, nonce: bindNonce, origin: options.hostOrigin })
  await post(options, '/v1/requests', signed([{ type: 'add_wallet', wallet: { chain: 'evm', address: wallet.address }, proof: { message, signature: await wallet.signMessage(message) } }], bindNonce))

  const usd = String(options.usdPerMarket ?? 2_000_000)
  const supplies: Action[] = []
  for (const market of markets) {
    // usd / price, in the asset's smallest unit (prices carry 8 decimals at most).
    const amount = (parseUnits(usd, 8) * 10n ** BigInt(market.decimals)) / parseUnits(market.priceUsd, 8)
    await rpc(options, 'dev_deposit', { chain: market.chains[0], account_id: accountId, asset: market.asset, amount: amount.toString() })
    supplies.push({ type: 'supply', asset: market.asset, amount: amount.toString(), collateral: false })
  }
  await post(options, '/v1/requests', signed(supplies))
  return { accountId, assets: markets.map((market) => market.asset) }
}

async function post<T>(options: SeedOptions, route: string, body: unknown): Promise<T> {
  const response = await fetch(`${options.relayerUrl}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: options.walletOrigin }, body: JSON.stringify(body) })
  const answer = (await response.json()) as T & { error?: { code: string; message: string } }
  if (!response.ok || answer.error) throw new Error(`seeding liquidity: ${route} answered ${response.status} ${answer.error ? `${answer.error.code}: ${answer.error.message}` : ''}`)
  return answer
}

async function rpc<T>(options: SeedOptions, method: string, params: Record<string, unknown>): Promise<T> {
  const response = await fetch(options.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })
  const answer = (await response.json()) as { result?: T; error?: unknown }
  if (answer.error) throw new Error(`seeding liquidity: ${method}: ${JSON.stringify(answer.error)}`)
  return answer.result as T
}

async function view<T>(options: SeedOptions, method: string, args: Record<string, unknown>): Promise<T> {
  const result = await rpc<{ result: number[] }>(options, 'query', {
    request_type: 'call_function',
    finality: 'final',
    account_id: options.contractId,
    method_name: method,
    args_base64: Buffer.from(JSON.stringify(args)).toString('base64'),
  })
  return JSON.parse(Buffer.from(result.result).toString()) as T
}
