import { BaseError, ErrorCode, type SignedRequest, fromWireError } from '@crosschain-lending/protocol'
import type { WalletConfig } from '../config'

/** What the relayer answers for a request it executed. */
export type RequestReceipt = { requestId: string; status: 'final' | 'pending'; transactionHash?: string; blockHeight?: number; outcome?: unknown }

/** Calls the relayer's HTTP API; its JSON errors come back as typed errors with the same codes. */
async function call<T>(config: Pick<WalletConfig, 'relayerUrl'>, method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
  let response: Response
  try {
    response = await fetch(`${config.relayerUrl}${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  } catch (cause) {
    throw new BaseError({
      code: ErrorCode.ChainUnavailable,
      shortMessage: 'The wallet cannot reach its relayer right now. Nothing was sent; try again in a moment.',
      details: cause instanceof Error ? cause.message : String(cause),
      cause,
    })
  }
  const json = (await response.json().catch(() => ({}))) as { error?: unknown }
  if (!response.ok || json.error) throw fromWireError(json.error ?? { code: ErrorCode.Unknown, message: `The relayer answered HTTP ${response.status}.` })
  return json as T
}

export type CreateAccountOnChainParameters = { credentialId: string; publicKey: string; userHandle?: string }
export type CreateAccountOnChainReturnType = { accountId: string; created: boolean }

/** Records a new passkey account in the contract; resolves once the chain has it. */
export function createAccountOnChain(config: Pick<WalletConfig, 'relayerUrl'>, parameters: CreateAccountOnChainParameters): Promise<CreateAccountOnChainReturnType> {
  return call(config, 'POST', '/v1/accounts', parameters)
}

/** Submits a signed request; resolves with the receipt once the chain reports it final. */
export function submitRequest(config: Pick<WalletConfig, 'relayerUrl'>, signed: SignedRequest): Promise<RequestReceipt> {
  return call(config, 'POST', '/v1/requests', signed)
}
