import { BaseError, ErrorCode, contractErrorIn, fromWireError } from '@crosschain-lending/protocol'
import type { WalletConfig } from '../config'

/**
 * Reads the contract's views over NEAR JSON-RPC (`query` / `call_function`) with nothing but
 * fetch: the iframe needs a few views, not a NEAR client library.
 */
export async function viewContract<T>(config: Pick<WalletConfig, 'rpcUrl' | 'contractId'>, method: string, args: Record<string, unknown>): Promise<T> {
  let response: Response
  try {
    response = await fetch(config.rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 'wallet',
        method: 'query',
        params: { request_type: 'call_function', finality: 'optimistic', account_id: config.contractId, method_name: method, args_base64: btoa(JSON.stringify(args)) },
      }),
    })
  } catch (cause) {
    throw chainUnavailable(cause)
  }
  if (!response.ok) throw chainUnavailable(new Error(`HTTP ${response.status}`))
  const body = (await response.json()) as { result?: { result?: number[] }; error?: unknown }
  if (body.error) throw contractErrorFrom(body.error)
  const bytes = body.result?.result
  if (!Array.isArray(bytes)) throw chainUnavailable(new Error('the RPC answered without a result'))
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(bytes))) as T
}

function chainUnavailable(cause: unknown): BaseError {
  return new BaseError({
    code: ErrorCode.ChainUnavailable,
    shortMessage: 'The wallet cannot reach the chain right now. Check your connection and try again.',
    details: cause instanceof Error ? cause.message : String(cause),
    cause,
  })
}

/** The contract's own refusal inside a NEAR RPC error, or a generic failure. */
function contractErrorFrom(error: unknown): BaseError {
  const wire = contractErrorIn(error)
  if (wire) return fromWireError(wire)
  return new BaseError({ code: ErrorCode.Unknown, shortMessage: 'The chain refused the request.', details: JSON.stringify(error).slice(0, 500) })
}
