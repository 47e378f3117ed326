import { BaseError, ErrorCode, type ExecutionOutcome, type RequestStatusView, type SignedRequest, fromWireError, requestId as requestIdOf } from '@crosschain-lending/protocol'
import type { LendingReads } from '../chain/lending-reads'
import { RelayerCallError, retryDelayMs } from '../chain/relayer-client'

export type DeliverRequestDependencies = {
  submit(signed: SignedRequest): Promise<RequestStatusView>
  status(requestId: string): Promise<RequestStatusView>
  /** The chain's own record, asked when the relayer cannot answer. */
  executedRequest: LendingReads['executedRequest']
  /** The request's deadline: after it the contract refuses the request, so retrying stops. */
  deadline: number
  /** Called once, when the first delivery attempt fails for a reason that retrying can fix. */
  onPending(reason: string): void
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

export type DeliveredRequest = { requestId: string; transactionHash?: string; outcome: ExecutionOutcome }

const pollIntervalMs = 400

/**
 * Takes a signed request to its final outcome. The request is signed once; only delivery is
 * retried: while the relayer is unreachable, overloaded or cut off from the chain, the same
 * bytes are sent again with backoff until the deadline. That is safe because the relayer and
 * the contract run a request at most once (its nonce), and a copy that already ran is answered
 * with the original outcome. Refusals of the request itself are final and are not retried.
 */
export async function deliverRequest(signed: SignedRequest, deps: DeliverRequestDependencies): Promise<DeliveredRequest> {
  const now = deps.now ?? Date.now
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const id = requestIdOf(signed.payload)
  let attempt = 0
  let pendingSince: number | undefined

  for (;;) {
    try {
      let status = await deps.submit(signed)
      while (status.status === 'pending') {
        await sleep(pollIntervalMs)
        status = await deps.status(id)
      }
      if (status.status === 'final' && status.outcome) {
        return { requestId: id, ...(status.transactionHash ? { transactionHash: status.transactionHash } : {}), outcome: status.outcome }
      }
      if (status.status === 'failed') throw fromWireError(status.error ?? { code: ErrorCode.Unknown, message: 'The relayer reports the request failed.' })
      // `unknown`: the relayer lost track of it (a restart before it was logged); send it again.
      throw new RelayerCallError(new BaseError({ code: ErrorCode.ChainUnavailable, shortMessage: 'The relayer lost track of the request.' }), true)
    } catch (error) {
      if (!(error instanceof RelayerCallError) || !error.retryable) throw error
      if (pendingSince === undefined) {
        pendingSince = now()
        deps.onPending(error.shortMessage)
      }
      if (now() >= deps.deadline) return finalFromChain(id, deps, error)
      await sleep(retryDelayMs(attempt++, error, deps.deadline, now()))
    }
  }
}

/**
 * The deadline passed without an answer from the relayer. The chain has the last word: the
 * request may have run after all (the relayer got it but could not reply).
 */
async function finalFromChain(id: string, deps: DeliverRequestDependencies, lastError: RelayerCallError): Promise<DeliveredRequest> {
  let executed: Awaited<ReturnType<LendingReads['executedRequest']>> = null
  try {
    executed = await deps.executedRequest(id)
  } catch {
    // The chain cannot answer either; the request can no longer execute, so nothing happened.
  }
  if (executed) return { requestId: id, outcome: { requestId: executed.requestId, accountId: executed.accountId, blockHeight: executed.blockHeight, transfers: executed.transfers } }
  throw new BaseError({
    code: ErrorCode.RequestExpired,
    shortMessage: 'The relayer stayed unreachable until the request expired, so it never ran and nothing changed. Try the operation again.',
    details: lastError.shortMessage,
    cause: lastError,
  })
}
