import { type Provider, type SignedTransaction, actions, baseDecode, baseEncode, createTransaction } from 'near-api-js'
import { InvalidNonceError, TransactionExpiredError, TransactionTimeoutError } from 'near-api-js/rpc-errors'
import { ErrorCode } from '@crosschain-lending/protocol'
import { type ContractRefusal, RelayerError, RelayerErrorCode } from '../errors'
import { refusalFromFailure } from './contract-errors'
import { type KeyLease, type KeyPool, NoIdleKeyError } from './key-pool'
import { type RetryPolicy, chainFailed, chainUnavailable, isTransientRpcError, withRetries } from './retry'

/** How a contract call ended, as far as the relayer could see. */
export type CallOutcome =
  | { kind: 'success'; transactionHash: string; value: unknown }
  | { kind: 'refused'; transactionHash: string; refusal: ContractRefusal }
  /** The node took the transaction but did not report it final in time. It may still execute. */
  | { kind: 'pending'; transactionHash: string }

export type TransactionSenderOptions = {
  provider: Provider
  keys: KeyPool
  /** The relayer account: signs and pays. */
  signerId: string
  retry: RetryPolicy
  /** How long a block hash is reused as the transactions' reference block. */
  blockHashTtlMs?: number
  /** How long a call waits for a free key before it is turned away (503). Default 30 s. */
  keyWaitMs?: number
  now: () => number
}

type RpcOutcome = Awaited<ReturnType<Provider['sendTransactionUntil']>>

/** Prepaid gas per call. Unused gas is refunded; 100 Tgas covers a request of 8 actions. */
export const contractCallGas = 100_000_000_000_000n

/**
 * Builds, signs and submits one FunctionCall transaction per call, with near-api-js doing the
 * encoding and signing, and waits for its final outcome.
 *
 * Retries: a transient failure re-sends the same signed bytes, which is safe (a transaction
 * executes at most once per hash). A stale nonce is fixed once: the key's nonce is read again
 * and the call is signed anew. What the chain decided (a refusal, an invalid transaction) is
 * returned or thrown as it is, never retried.
 */
export class TransactionSender {
  readonly #options: TransactionSenderOptions
  #blockHash: { hash: string; fetchedAt: number } | undefined

  constructor(options: TransactionSenderOptions) {
    this.#options = options
  }

  /** `deposit` (yoctoNEAR) is what the call attaches: the storage stake a contract asks for, paid by the relayer. */
  async call(receiverId: string, method: string, args: object, deposit = 0n): Promise<CallOutcome> {
    const lease = await this.#lease()
    try {
      let resigned = false
      for (;;) {
        const signed = await this.#sign(lease, receiverId, method, args, deposit)
        const { transactionHash } = signed
        let sends = 0
        try {
          const result = await withRetries(`the transaction ${transactionHash}`, this.#options.retry, () => {
            sends++
            return this.#options.provider.sendTransactionUntil(signed.transaction, 'FINAL')
          })
          return outcomeOf(result, transactionHash)
        } catch (error) {
          if (error instanceof InvalidNonceError) {
            // A send that failed in transit may have landed, and used the nonce itself.
            if (sends > 1) {
              const earlier = await this.#lookup(transactionHash)
              if (earlier) return outcomeOf(earlier, transactionHash)
            }
            if (!resigned) {
              resigned = true
              await lease.refreshNonce(BigInt(error.accessKeyNonce))
              continue
            }
          }
          if (error instanceof TransactionExpiredError && !resigned) {
            // The reference block is too old for the chain: take a newer one.
            resigned = true
            this.#blockHash = undefined
            continue
          }
          if (error instanceof TransactionTimeoutError) return { kind: 'pending', transactionHash }
          if (isTransientRpcError(error)) throw chainUnavailable(`the transaction ${transactionHash}`, error)
          throw chainFailed(`the transaction ${transactionHash}`, error)
        }
      }
    } finally {
      lease.release()
    }
  }

  async #lease(): Promise<KeyLease> {
    const waitMs = this.#options.keyWaitMs ?? 30_000
    try {
      return await this.#options.keys.lease(waitMs)
    } catch (error) {
      if (!(error instanceof NoIdleKeyError)) throw error
      throw new RelayerError({
        code: RelayerErrorCode.RateLimited,
        shortMessage: 'The relayer is busy: every one of its keys is carrying a transaction. Retry shortly.',
        httpStatus: 503,
        headers: { 'retry-after': String(Math.max(1, Math.ceil(waitMs / 10_000))) },
        cause: error,
      })
    }
  }

  async #sign(lease: KeyLease, receiverId: string, method: string, args: object, deposit: bigint): Promise<{ transaction: SignedTransaction; transactionHash: string }> {
    const nonce = await lease.nextNonce()
    const blockHash = await this.#recentBlockHash()
    const transaction = createTransaction(this.#options.signerId, lease.publicKey, receiverId, nonce, [actions.functionCall(method, args, contractCallGas, deposit)], baseDecode(blockHash))
    const { txHash, signedTransaction } = await lease.signer.signTransaction(transaction)
    return { transaction: signedTransaction, transactionHash: baseEncode(txHash) }
  }

  /**
   * A final block's hash, reused for a while: NEAR accepts transactions referencing any block of
   * the last day or so, and one read per transaction would double the RPC traffic.
   */
  async #recentBlockHash(): Promise<string> {
    const { now, provider, retry, blockHashTtlMs = 30_000 } = this.#options
    const cached = this.#blockHash
    if (cached && now() - cached.fetchedAt < blockHashTtlMs) return cached.hash
    try {
      const block = await withRetries('the latest block', retry, () => provider.viewBlock({ finality: 'final' }))
      this.#blockHash = { hash: block.header.hash, fetchedAt: now() }
      return block.header.hash
    } catch (error) {
      if (isTransientRpcError(error)) throw chainUnavailable('the latest block', error)
      throw chainFailed('the latest block', error)
    }
  }

  /**
   * The outcome of a transaction already sent, or undefined when the chain does not know it (or
   * cannot say). Best effort: if it did land, signing the call anew is still safe, because the
   * contract refuses a request whose nonce is used and the submitter then reads the original.
   */
  async #lookup(transactionHash: string): Promise<RpcOutcome | undefined> {
    const { provider, retry, signerId } = this.#options
    try {
      return await withRetries(`the status of ${transactionHash}`, retry, () => provider.viewTransactionStatus({ txHash: transactionHash, accountId: signerId, waitUntil: 'FINAL' }))
    } catch {
      // UNKNOWN_TRANSACTION, or an RPC that stayed unavailable.
      return undefined
    }
  }
}

/** Reads the final status: the contract's JSON result, its refusal, or neither yet. */
function outcomeOf(result: RpcOutcome, transactionHash: string): CallOutcome {
  const status = result.status
  if (typeof status === 'object' && status !== null) {
    if ('SuccessValue' in status) return { kind: 'success', transactionHash, value: decodeResult(status.SuccessValue) }
    if ('Failure' in status) {
      const refusal = refusalFromFailure(status.Failure)
      if (refusal) return { kind: 'refused', transactionHash, refusal }
      throw new RelayerError({
        code: ErrorCode.Unknown,
        shortMessage: 'The chain failed the transaction for a reason other than a contract refusal.',
        details: `${transactionHash}: ${JSON.stringify(status.Failure).slice(0, 300)}`,
        httpStatus: 502,
      })
    }
  }
  return { kind: 'pending', transactionHash }
}

function decodeResult(base64: string): unknown {
  const text = Buffer.from(base64, 'base64').toString('utf8')
  if (text === '') return null
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
