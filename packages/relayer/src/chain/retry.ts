import {
  InternalHandlerError,
  InternalRpcError,
  NoSyncedBlocksError,
  NodeIsSyncingError,
  NotSyncedYetError,
  TransactionTimeoutError,
} from 'near-api-js/rpc-errors'
import { ErrorCode } from '@crosschain-lending/protocol'
import { RelayerError, RelayerErrorCode } from '../errors'

export type RetryPolicy = {
  /** Attempts in all, the first included. */
  attempts: number
  baseDelayMs: number
  maxDelayMs: number
  /** One attempt longer than this is abandoned and counts as transient. */
  timeoutMs: number
}

/** An RPC call that took longer than the policy allows. The call may still complete on the node. */
export class RpcTimeoutError extends Error {
  override name = 'RpcTimeoutError'
}

// HTTP statuses near-api-js reports as `ProviderError` with the status as `cause`.
const transientStatuses = new Set([408, 429, 500, 502, 503, 504])

/**
 * True for failures that say nothing about the request itself: the node was unreachable, slow,
 * overloaded or syncing. Anything the chain decided (a contract refusal, an invalid signature
 * or nonce) is not transient and is never retried here.
 */
export function isTransientRpcError(error: unknown): boolean {
  if (error instanceof RpcTimeoutError) return true
  // NEAR's TIMEOUT_ERROR: the node accepted the transaction but did not see it finish in time.
  if (error instanceof TransactionTimeoutError) return true
  if (error instanceof NodeIsSyncingError || error instanceof NoSyncedBlocksError || error instanceof NotSyncedYetError) return true
  if (error instanceof InternalRpcError || error instanceof InternalHandlerError) return true
  if (!(error instanceof Error)) return false
  const cause = (error as { cause?: unknown }).cause
  if (typeof cause === 'number' && transientStatuses.has(cause)) return true
  // Node's fetch reports refused, reset and DNS failures as `TypeError: fetch failed`.
  if (error instanceof TypeError && /fetch failed|network|socket/i.test(error.message)) return true
  // A proxy's HTML error page (a 504, say) fails near-api-js's response.json().
  if (error instanceof SyntaxError) return true
  return false
}

/** True when the RPC endpoint answered, but with a server error: 502 rather than 503. */
function answeredWithServerError(error: unknown): boolean {
  const cause = (error as { cause?: unknown } | undefined)?.cause
  return error instanceof SyntaxError || (typeof cause === 'number' && cause >= 500 && cause !== 503)
}

/** What a caller sees once the retries are spent. The cause stays for the operator's log. */
export function chainUnavailable(what: string, error: unknown): RelayerError {
  return new RelayerError({
    code: RelayerErrorCode.ChainUnavailable,
    shortMessage: `The chain's RPC did not answer ${what}. Try again shortly.`,
    details: error instanceof Error ? error.name : undefined,
    httpStatus: answeredWithServerError(error) ? 502 : 503,
    cause: error,
  })
}

/**
 * The RPC answered, but with an error that is neither transient nor the contract's refusal: a
 * missing contract or method, a gas limit, a misconfigured key. The operator has to look.
 */
export function chainFailed(what: string, error: unknown): RelayerError {
  return new RelayerError({
    code: ErrorCode.Unknown,
    shortMessage: `The chain could not run ${what}.`,
    // near-api-js's messages describe chain state (an account, a block height), never local secrets.
    details: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : undefined,
    httpStatus: 502,
    cause: error,
  })
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RpcTimeoutError(`${what} took longer than ${timeoutMs} ms`)), timeoutMs)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/**
 * Runs `call` until it succeeds, fails with a non-transient error, or the attempts are spent.
 * Between attempts it waits a random time up to base × 2^n ("full jitter"), so relayers that
 * failed together do not retry together. Throws the last error as it was: the caller decides
 * what a spent budget means (usually `chainUnavailable`).
 */
export async function withRetries<T>(what: string, policy: RetryPolicy, call: (attempt: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await withTimeout(call(attempt), policy.timeoutMs, what)
    } catch (error) {
      if (attempt >= policy.attempts || !isTransientRpcError(error)) throw error
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
      await sleep(Math.random() * ceiling)
    }
  }
}
