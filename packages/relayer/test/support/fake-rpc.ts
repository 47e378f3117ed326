import { type IncomingMessage, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type ContractConfig, LendingContract } from '@crosschain-lending/contract'
import { BaseError, sha256, toBase58 } from '@crosschain-lending/protocol'
import { type SignedTransaction, decodeSignedTransaction, encodeTransaction } from 'near-api-js'

/**
 * A NEAR JSON-RPC server that is just enough for the relayer: the methods near-api-js calls,
 * in NEAR's result and error shapes, in front of a real in-process `LendingContract`, so
 * outcomes and refusals are the contract's own. It counts what it was asked, and can fail on
 * purpose (HTTP 503s, a stale key nonce, another writer racing the relayer).
 */

export const fakeContractConfig: ContractConfig = {
  contractId: 'lending.devnet',
  chainId: 'devnet',
  owner: 'owner.devnet',
  rpId: 'localhost',
  walletOrigins: ['http://localhost:5174'],
  maxDeadlineWindowMs: 60 * 60 * 1000,
  partnerOrigins: ['http://127.0.0.1:5173'],
  securityPeriodMs: 48 * 60 * 60 * 1000,
}

export type FakeRpcOptions = {
  relayerAccountId?: string
  /** The relayer account's access keys (`ed25519:<base58>` public keys). */
  relayerPublicKeys: string[]
  contractConfig?: ContractConfig
  /** Added before each transaction executes, so concurrent submissions overlap. */
  executionDelayMs?: number
}

export type FakeCounts = {
  /** JSON-RPC calls by method (`query` split by request type). */
  calls: Record<string, number>
  /** Transactions that passed the transaction checks and ran. */
  transactions: number
  /** Contract change methods that succeeded, by method. */
  executions: Record<string, number>
  /** Transactions the contract refused. */
  refusals: number
  invalidNonces: number
  /** HTTP failures served on purpose. */
  injectedFailures: number
}

type Outcome = Record<string, unknown>
type JsonRpcError = { name: string; cause: { name: string; info: Record<string, unknown> }; code: number; message: string; data?: unknown }

class RpcFailure extends Error {
  constructor(readonly body: JsonRpcError) {
    super(body.cause.name)
  }
}

export class FakeNearRpc {
  readonly contract: LendingContract
  readonly counts: FakeCounts = { calls: {}, transactions: 0, executions: {}, refusals: 0, invalidNonces: 0, injectedFailures: 0 }
  readonly relayerAccountId: string
  url = ''
  /** Runs just before a transaction's actions execute: a test's chance to race the relayer. */
  beforeExecute: ((method: string, args: unknown) => Promise<void> | void) | undefined

  readonly #options: FakeRpcOptions
  readonly #nonces = new Map<string, bigint>()
  readonly #outcomes = new Map<string, Outcome>()
  readonly #blocks: string[] = []
  readonly #failures: { method: string | undefined; status: number; timeout: boolean }[] = []
  readonly #server = createServer((request, response) => void this.#handle(request, response))
  #queue: Promise<unknown> = Promise.resolve()
  #height = 1

  constructor(options: FakeRpcOptions) {
    this.#options = options
    this.relayerAccountId = options.relayerAccountId ?? 'relayer.devnet'
    this.contract = LendingContract.genesis(options.contractConfig ?? fakeContractConfig, Date.now())
    for (const key of options.relayerPublicKeys) this.#nonces.set(key, 0n)
    this.#blocks.push(this.#blockHash(this.#height))
  }

  static async start(options: FakeRpcOptions): Promise<FakeNearRpc> {
    const fake = new FakeNearRpc(options)
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve))
    fake.url = `http://127.0.0.1:${(fake.#server.address() as AddressInfo).port}`
    return fake
  }

  close(): Promise<void> {
    this.#server.closeAllConnections()
    return new Promise((resolve) => this.#server.close(() => resolve()))
  }

  /**
   * The next `times` calls (of `method`, or any) fail: with this HTTP status and no JSON-RPC
   * body, or with `timeout`, as NEAR's TIMEOUT_ERROR, after the call was carried out (a
   * transaction is accepted and runs, but its sender is not told).
   */
  failNext(times: number, { method, status = 503, timeout = false }: { method?: string; status?: number; timeout?: boolean } = {}): void {
    for (let i = 0; i < times; i++) this.#failures.push({ method, status, timeout })
  }

  /** Moves a key's nonce, as if another process had used the key. */
  bumpNonce(publicKey: string, by: bigint): void {
    this.#nonces.set(publicKey, (this.#nonces.get(publicKey) ?? 0n) + by)
  }

  /** Runs a change method directly, as the chain's host or another relayer would (not counted). */
  async hostCall(method: string, args: Record<string, unknown>, predecessorId = this.relayerAccountId): Promise<unknown> {
    return this.#run(method, args, predecessorId)
  }

  get height(): number {
    return this.#height
  }

  #blockHash(height: number): string {
    return toBase58(sha256(new TextEncoder().encode(`fake-block-${height}`)))
  }

  #ref() {
    return { block_hash: this.#blocks.at(-1)!, block_height: this.#height }
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk)
    const { id, method, params } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: unknown; method: string; params: Record<string, unknown> }
    const label = method === 'query' ? `query:${String(params.request_type)}${params.method_name ? `:${String(params.method_name)}` : ''}` : method
    this.counts.calls[label] = (this.counts.calls[label] ?? 0) + 1

    const index = this.#failures.findIndex((candidate) => candidate.method === undefined || candidate.method === method)
    const failure = index >= 0 ? this.#failures.splice(index, 1)[0] : undefined
    if (failure) this.counts.injectedFailures++
    if (failure && !failure.timeout) {
      response.writeHead(failure.status, { 'content-type': 'text/plain' }).end('unavailable')
      return
    }
    let body: Record<string, unknown>
    try {
      body = { jsonrpc: '2.0', id, result: await this.#dispatch(method, params) }
      if (failure?.timeout) throw handlerError('TIMEOUT_ERROR', {})
    } catch (error) {
      if (!(error instanceof RpcFailure)) throw error
      body = { jsonrpc: '2.0', id, error: error.body }
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  }

  async #dispatch(method: string, params: Record<string, unknown>): Promise<unknown> {
    switch (method) {
      case 'status':
        return { chain_id: 'devnet', sync_info: { latest_block_hash: this.#blocks.at(-1), latest_block_height: this.#height, latest_block_time: new Date().toISOString(), syncing: false } }
      case 'block':
        return { author: 'fake', chunks: [], header: { height: this.#height, hash: this.#blocks.at(-1), prev_hash: this.#blocks.at(-2) ?? this.#blocks[0], timestamp: Date.now() * 1e6 } }
      case 'gas_price':
        return { gas_price: '100000000' }
      case 'query':
        return this.#query(params)
      case 'send_tx':
      case 'broadcast_tx_commit':
        return this.#submit(String(params.signed_tx_base64 ?? (params as unknown as string[])[0]))
      case 'tx': {
        const known = this.#outcomes.get(String(params.tx_hash))
        if (!known) throw handlerError('UNKNOWN_TRANSACTION', { requested_transaction_hash: params.tx_hash })
        return known
      }
      default:
        throw new RpcFailure({ name: 'REQUEST_VALIDATION_ERROR', cause: { name: 'METHOD_NOT_FOUND', info: { method_name: method } }, code: -32601, message: 'Method not found' })
    }
  }

  #query(params: Record<string, unknown>): unknown {
    switch (params.request_type) {
      case 'view_access_key': {
        const nonce = params.account_id === this.relayerAccountId ? this.#nonces.get(String(params.public_key)) : undefined
        if (nonce === undefined) throw handlerError('UNKNOWN_ACCESS_KEY', { public_key: params.public_key, ...this.#ref() })
        return { nonce: Number(nonce), permission: 'FullAccess', ...this.#ref() }
      }
      case 'call_function': {
        const args = JSON.parse(Buffer.from(String(params.args_base64), 'base64').toString('utf8') || '{}') as Record<string, unknown>
        let value: unknown
        try {
          value = this.#view(String(params.method_name), args)
        } catch (error) {
          // nearcore's shape: the FunctionCallError as `error`, its debug string as `vm_error`.
          const execution = { ExecutionError: panic(error) }
          throw handlerError('CONTRACT_EXECUTION_ERROR', { error: execution, vm_error: JSON.stringify(execution), ...this.#ref() })
        }
        return { result: [...Buffer.from(JSON.stringify(value ?? null))], logs: [], ...this.#ref() }
      }
      default:
        throw handlerError('UNKNOWN_REQUEST_TYPE', {})
    }
  }

  /** A view, run on the contract itself: its wire name, in camelCase, is the method (see `contractMethod`). */
  #view(method: string, args: Record<string, unknown>): unknown {
    return contractMethod(this.contract, method)(args, Date.now())
  }

  /** Checks a signed transaction as a NEAR node would, then runs it after the ones before it. */
  #submit(base64: string): Promise<Outcome> {
    const bytes = new Uint8Array(Buffer.from(base64, 'base64'))
    const signed: SignedTransaction = decodeSignedTransaction(bytes)
    const tx = signed.transaction
    const hash = toBase58(sha256(encodeTransaction(tx)))
    const known = this.#outcomes.get(hash)
    if (known) return Promise.resolve(known)
    const publicKey = tx.publicKey.toString()
    // Borsh decodes byte arrays as plain arrays: rebuild them before verifying.
    const signature = Uint8Array.from((signed.signature as unknown as { ed25519Signature: { data: number[] } }).ed25519Signature.data)
    if (tx.signerId !== this.relayerAccountId || !this.#nonces.has(publicKey)) throw invalidTx({ InvalidAccessKeyError: { AccessKeyNotFound: { account_id: tx.signerId, public_key: publicKey } } })
    if (!tx.publicKey.verify(sha256(encodeTransaction(tx)), signature)) throw invalidTx('InvalidSignature')
    if (!this.#blocks.includes(toBase58(Uint8Array.from(tx.blockHash)))) throw invalidTx('Expired')
    const run = this.#queue.then(() => this.#apply(signed, hash))
    this.#queue = run.catch(() => undefined)
    return run
  }

  async #apply(signed: SignedTransaction, hash: string): Promise<Outcome> {
    const tx = signed.transaction
    const publicKey = tx.publicKey.toString()
    const accessKeyNonce = this.#nonces.get(publicKey)!
    if (tx.nonce <= accessKeyNonce) {
      this.counts.invalidNonces++
      throw invalidTx({ InvalidNonce: { ak_nonce: Number(accessKeyNonce), tx_nonce: Number(tx.nonce) } })
    }
    this.#nonces.set(publicKey, tx.nonce)
    this.counts.transactions++
    if (this.#options.executionDelayMs) await new Promise((resolve) => setTimeout(resolve, this.#options.executionDelayMs))
    this.#height++
    this.#blocks.push(this.#blockHash(this.#height))

    let status: Record<string, unknown> = { SuccessValue: '' }
    for (const action of tx.actions) {
      const call = action.functionCall
      if (!call) continue
      const method = call.methodName
      const args = JSON.parse(Buffer.from(Uint8Array.from(call.args)).toString('utf8')) as Record<string, unknown>
      await this.beforeExecute?.(method, args)
      try {
        const result = await this.#run(method, args, tx.signerId)
        this.counts.executions[method] = (this.counts.executions[method] ?? 0) + 1
        status = { SuccessValue: Buffer.from(JSON.stringify(result ?? null)).toString('base64') }
      } catch (error) {
        this.counts.refusals++
        status = { Failure: { ActionError: { index: 0, kind: { FunctionCallError: { ExecutionError: panic(error) } } } } }
        break
      }
    }
    const outcome: Outcome = {
      final_execution_status: 'FINAL',
      status,
      transaction: { signer_id: tx.signerId, public_key: publicKey, nonce: Number(tx.nonce), receiver_id: tx.receiverId, actions: [], signature: '', hash },
      transaction_outcome: { id: hash, block_hash: this.#blocks.at(-1), proof: [], outcome: { executor_id: tx.signerId, gas_burnt: 0, logs: [], receipt_ids: [], status: { SuccessReceiptId: hash }, tokens_burnt: '0' } },
      receipts_outcome: [],
    }
    this.#outcomes.set(hash, outcome)
    return outcome
  }

  async #run(method: string, args: Record<string, unknown>, predecessorId: string): Promise<unknown> {
    return contractMethod(this.contract, method)(args, { predecessorId, blockTimestampMs: Date.now(), blockHeight: this.#height })
  }
}

/**
 * The contract's method for a NEAR method name, found on the contract rather than in a table of
 * our own, so the fake never drifts from the contract: `get_account` is `getAccount`. The one
 * wire name that is not its method's name is `preview` (`previewActions`). A view gets the
 * chain's time as its second argument (views taking only the time, like `get_markets`, the relayer
 * does not call); a change method gets the call context.
 */
function contractMethod(contract: LendingContract, method: string): (args: Record<string, unknown>, second: unknown) => unknown {
  const name = method === 'preview' ? 'previewActions' : method.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())
  const candidate = (contract as unknown as Record<string, unknown>)[name]
  if (!/^[a-z][A-Za-z]*$/.test(name) || name === 'constructor' || typeof candidate !== 'function') throw new Error(`MethodNotFound: ${method}`)
  return (candidate as (args: Record<string, unknown>, second: unknown) => unknown).bind(contract)
}

/** How the contract's refusal appears in NEAR's FunctionCallError: `ContractError: {json}`. */
function panic(error: unknown): string {
  if (error instanceof BaseError) return `ContractError: ${JSON.stringify({ code: error.code, message: error.shortMessage, details: error.details })}`
  return `Smart contract panicked: ${error instanceof Error ? error.message : String(error)}`
}

function handlerError(name: string, info: Record<string, unknown>): RpcFailure {
  return new RpcFailure({ name: 'HANDLER_ERROR', cause: { name, info }, code: -32000, message: 'Server error', data: name })
}

function invalidTx(kind: unknown): RpcFailure {
  return new RpcFailure({ name: 'HANDLER_ERROR', cause: { name: 'INVALID_TRANSACTION', info: {} }, code: -32000, message: 'Server error', data: { TxExecutionError: { InvalidTxError: kind } } })
}
