import { type AccountCreationProof, BaseError, ErrorCode, type RequestStatusView, type SignedRequest, fromWireError } from '@crosschain-lending/protocol'
import type { WalletConfig } from '../config'

/**
 * A relayer failure, and whether trying the same call again later can succeed: the relayer is
 * unreachable, overloaded, or cannot reach the chain. A refusal of the request itself is not.
 */
export class RelayerCallError extends BaseError {
  override name = 'RelayerCallError'
  readonly retryable: boolean
  readonly retryAfterMs: number | undefined

  constructor(error: BaseError, retryable: boolean, retryAfterMs?: number) {
    super({ code: error.code, shortMessage: error.shortMessage, details: error.details, docsPath: error.docsPath, cause: error.cause })
    this.retryable = retryable
    this.retryAfterMs = retryAfterMs
  }
}

/**
 * How long to wait before sending again after a retryable failure: doubling from 250 ms up to
 * 5 s, at least what the relayer asked for (Retry-After), and never past `untilMs`.
 */
export function retryDelayMs(attempt: number, error: RelayerCallError, untilMs: number, now: number): number {
  const backoff = Math.min(5_000, 250 * 2 ** attempt)
  return Math.min(Math.max(backoff, error.retryAfterMs ?? 0), Math.max(untilMs - now, 0) + 1)
}

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
    const unreachable = new BaseError({
      code: ErrorCode.ChainUnavailable,
      shortMessage: 'The wallet cannot reach its relayer right now.',
      details: cause instanceof Error ? cause.message : String(cause),
      cause,
    })
    throw new RelayerCallError(unreachable, true)
  }
  const json = (await response.json().catch(() => ({}))) as { error?: unknown }
  if (response.ok && !json.error) return json as T
  const error = fromWireError(json.error ?? { code: response.status >= 500 ? ErrorCode.ChainUnavailable : ErrorCode.Unknown, message: `The relayer answered HTTP ${response.status}.` })
  const retryable = response.status >= 500 || error.code === ErrorCode.RateLimited || error.code === ErrorCode.ChainUnavailable
  const retryAfter = Number(response.headers.get('retry-after'))
  throw new RelayerCallError(error, retryable, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined)
}

/** The new passkey's key and id, and its proof of possession (see passkeys/prove-creation.ts). */
export type CreateAccountOnChainParameters = { credentialId: string; publicKey: string; userHandle?: string; deadline: number; proof: AccountCreationProof }
export type CreateAccountOnChainReturnType = { accountId: string; created: boolean }

/** Records a new passkey account in the contract; resolves once the chain has it. */
export function createAccountOnChain(config: Pick<WalletConfig, 'relayerUrl'>, parameters: CreateAccountOnChainParameters): Promise<CreateAccountOnChainReturnType> {
  return call(config, 'POST', '/v1/accounts', parameters)
}

/** Submits a signed request. Final when the chain reported it in time; `pending` means poll `requestStatus`. */
export function submitRequest(config: Pick<WalletConfig, 'relayerUrl'>, signed: SignedRequest): Promise<RequestStatusView> {
  return call(config, 'POST', '/v1/requests', signed)
}

/** Where a submitted request stands, as the relayer knows it. */
export function requestStatus(config: Pick<WalletConfig, 'relayerUrl'>, requestId: string): Promise<RequestStatusView> {
  return call(config, 'GET', `/v1/requests/${requestId}`)
}
