import { rpcUrl } from './config'

/** Calls the local chain's JSON-RPC: NEAR methods, and the `dev_*` ones only it has (faucet, oracle, explorer). */
export async function devRpc<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 'demo', method, params }),
  })
  const body = (await response.json()) as { result?: T; error?: { cause?: { info?: { message?: string } }; data?: unknown; message?: string } }
  if (body.error) throw new Error(body.error.cause?.info?.message ?? (typeof body.error.data === 'string' ? body.error.data : body.error.message) ?? `${method} failed`)
  return body.result as T
}

export type MarketView = { asset: string; decimals: number; chains: string[]; priceUsd: string }
