import { type IncomingMessage, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type RunningDevnet, devnetContractId, devnetOwnerAccountId, devnetOwnerKey, devnetRelayerAccountId, devnetRelayerKeys, startDevnet } from '@crosschain-lending/devnet'
import { KeyPair, type KeyPairString, KeyPairSigner, PublicKey, actions, baseDecode, createTransaction, decodeSignedTransaction } from 'near-api-js'

/**
 * The relayer's tests run against the local chain itself (packages/devnet, in this process, with
 * its JSON-RPC server), so every outcome and refusal is the chain's and the contract's own. In
 * front of it sits a JSON-RPC proxy that knows no contract method: it counts what the relayer
 * asks, reads what the chain answered (which transactions ran, which the contract refused, by the
 * method name each carries) and can fail on purpose (HTTP 503s, a timeout after the chain ran the
 * transaction, a delay before it does). What a test does behind the relayer's back (another
 * writer, another process moving a key's nonce) goes to the chain directly, as real
 * transactions signed with keys the relayer does not use.
 */

export type LocalChainOptions = {
  /** Relayer keys (`ed25519:…` public keys) deleted from the relayer account before the test. */
  removedRelayerKeys?: string[]
  /** Added before each transaction goes on to the chain, so concurrent submissions overlap. */
  executionDelayMs?: number
}

export type ChainCounts = {
  /** JSON-RPC calls by method (`query` split by request type and view method). */
  calls: Record<string, number>
  /** Transactions the chain accepted and ran (each once, however often it was sent). */
  transactions: number
  /** Successful transactions, by the method of their function call. */
  executions: Record<string, number>
  /** Transactions that ran and failed (the contract refused them). */
  refusals: number
  invalidNonces: number
  /** HTTP failures served on purpose. */
  injectedFailures: number
}

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

/** The relayer account's last genesis key: never one a test relayer signs with, so never a nonce race. */
const writerKey = devnetRelayerKeys().at(-1)!
const hostKeys: Record<string, { secretKey: string }> = { [devnetRelayerAccountId]: writerKey, [devnetOwnerAccountId]: devnetOwnerKey() }

export class LocalChain {
  readonly counts: ChainCounts = { calls: {}, transactions: 0, executions: {}, refusals: 0, invalidNonces: 0, injectedFailures: 0 }
  /** The proxy's URL: what the relayer is configured with. */
  url = ''
  /** Runs before a transaction goes on to the chain, with its call's method and arguments: a test's chance to race the relayer. */
  beforeExecute: ((method: string, args: unknown) => Promise<void> | void) | undefined

  readonly #options: LocalChainOptions
  readonly #failures: { method: string | undefined; status: number; timeout: boolean }[] = []
  readonly #ran = new Set<string>()
  readonly #server = createServer((request, response) => void this.#handle(request, response))
  readonly #nonces = new Map<string, bigint>()
  #writes: Promise<unknown> = Promise.resolve()
  #closed: Promise<void> | undefined

  private constructor(
    readonly devnet: RunningDevnet,
    readonly dataDir: string,
    options: LocalChainOptions,
  ) {
    this.#options = options
  }

  static async start(options: LocalChainOptions = {}): Promise<LocalChain> {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'relayer-chain-'))
    const devnet = await startDevnet({ dataDir, port: 0, blockIntervalMs: 5 })
    const chain = new LocalChain(devnet, dataDir, options)
    await new Promise<void>((resolve) => chain.#server.listen(0, '127.0.0.1', resolve))
    chain.url = `http://127.0.0.1:${(chain.#server.address() as AddressInfo).port}`
    for (const publicKey of options.removedRelayerKeys ?? []) await chain.#send(devnetRelayerAccountId, devnetRelayerAccountId, [actions.deleteKey(PublicKey.fromString(publicKey))])
    return chain
  }

  close(): Promise<void> {
    this.#closed ??= (async () => {
      this.#server.closeAllConnections()
      await new Promise<void>((resolve) => this.#server.close(() => resolve()))
      await this.devnet.close()
      await rm(this.dataDir, { recursive: true, force: true })
    })()
    return this.#closed
  }

  /**
   * The next `times` calls (of `method`, or any) fail: with this HTTP status and no JSON-RPC
   * body, or with `timeout`, as NEAR's TIMEOUT_ERROR after the chain carried the call out (a
   * transaction is accepted and runs, but its sender is not told).
   */
  failNext(times: number, { method, status = 503, timeout = false }: { method?: string; status?: number; timeout?: boolean } = {}): void {
    for (let i = 0; i < times; i++) this.#failures.push({ method, status, timeout })
  }

  /** Moves a relayer key's nonce by `by`, as another process signing with the key would: a real transaction with that nonce. */
  async bumpNonce(publicKey: string, by: bigint): Promise<void> {
    const secret = devnetRelayerKeys().find((key) => key.publicKey === publicKey)?.secretKey
    if (!secret) throw new Error(`${publicKey} is not a relayer key of the local chain`)
    const nonce = (await this.#accessKeyNonce(devnetRelayerAccountId, publicKey)) + by
    await this.#submit(devnetRelayerAccountId, secret, nonce, devnetRelayerAccountId, [actions.transfer(1n)])
  }

  /** Calls the contract's change method as `predecessorId` (the relayer account or the owner) would from another process, directly on the chain (not counted). */
  async hostCall(method: string, args: Record<string, unknown>, predecessorId = devnetRelayerAccountId): Promise<unknown> {
    return this.#send(predecessorId, devnetContractId, [actions.functionCall(method, args, 100_000_000_000_000n, await this.#stakeFor(method))])
  }

  /** What the contract asks a call to attach for the storage it adds: an account's stake, a deposit ref's. */
  async #stakeFor(method: string): Promise<bigint> {
    if (method !== 'create_account' && method !== 'deposit') return 0n
    const costs = (await this.view('get_storage_costs', {})) as { account_stake: string; deposit_ref_stake: string }
    return BigInt(method === 'create_account' ? costs.account_stake : costs.deposit_ref_stake)
  }

  /** A view of the contract, read on the chain directly (not counted). */
  async view(method: string, args: Record<string, unknown>): Promise<unknown> {
    const result = await this.#rpc('query', { request_type: 'call_function', finality: 'final', account_id: devnetContractId, method_name: method, args_base64: Buffer.from(JSON.stringify(args)).toString('base64') })
    return JSON.parse(Buffer.from(result.result as number[]).toString('utf8'))
  }

  async #rpc(method: string, params: unknown): Promise<Json> {
    const response = await fetch(this.devnet.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })
    const answer = (await response.json()) as Json
    if (answer.error) throw new Error(`${method}: ${JSON.stringify(answer.error)}`)
    return answer.result as Json
  }

  async #accessKeyNonce(accountId: string, publicKey: string): Promise<bigint> {
    return BigInt((await this.#rpc('query', { request_type: 'view_access_key', finality: 'final', account_id: accountId, public_key: publicKey })).nonce)
  }

  /** Signs and submits one transaction as `signerId` with its host key; its return value, or an error with the chain's failure. */
  #send(signerId: string, receiverId: string, built: ReturnType<typeof actions.transfer>[]): Promise<unknown> {
    const key = hostKeys[signerId]
    if (!key) throw new Error(`the tests hold no key of ${signerId}`)
    // One at a time, so the host keys' nonces stay in order.
    const sent = this.#writes.then(async () => {
      const publicKey = KeyPair.fromString(key.secretKey as KeyPairString).getPublicKey().toString()
      const nonce = (this.#nonces.get(publicKey) ?? (await this.#accessKeyNonce(signerId, publicKey))) + 1n
      this.#nonces.set(publicKey, nonce)
      return this.#submit(signerId, key.secretKey, nonce, receiverId, built)
    })
    this.#writes = sent.catch(() => undefined)
    return sent
  }

  async #submit(signerId: string, secretKey: string, nonce: bigint, receiverId: string, built: ReturnType<typeof actions.transfer>[]): Promise<unknown> {
    const keyPair = KeyPair.fromString(secretKey as KeyPairString)
    const block = await this.#rpc('block', { finality: 'final' })
    const transaction = createTransaction(signerId, keyPair.getPublicKey(), receiverId, nonce, built, baseDecode(block.header.hash as string))
    const { signedTransaction } = await new KeyPairSigner(keyPair).signTransaction(transaction)
    const outcome = await this.#rpc('send_tx', { signed_tx_base64: Buffer.from(signedTransaction.encode()).toString('base64'), wait_until: 'FINAL' })
    const status = outcome.status as Json
    if (!('SuccessValue' in status)) throw new Error(`the chain refused the call: ${JSON.stringify(status)}`)
    const text = Buffer.from(status.SuccessValue as string, 'base64').toString('utf8')
    return text ? JSON.parse(text) : undefined
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk)
    const body = Buffer.concat(chunks).toString('utf8')
    const { id, method, params } = JSON.parse(body) as { id: unknown; method: string; params: Json }
    const label = method === 'query' ? `query:${String(params.request_type)}${params.method_name ? `:${String(params.method_name)}` : ''}` : method
    this.counts.calls[label] = (this.counts.calls[label] ?? 0) + 1

    const index = this.#failures.findIndex((candidate) => candidate.method === undefined || candidate.method === method)
    const failure = index >= 0 ? this.#failures.splice(index, 1)[0] : undefined
    if (failure) this.counts.injectedFailures++
    if (failure && !failure.timeout) {
      response.writeHead(failure.status, { 'content-type': 'text/plain' }).end('unavailable')
      return
    }
    const call = method === 'send_tx' || method === 'broadcast_tx_commit' ? functionCallOf(String(params.signed_tx_base64 ?? (params as unknown as string[])[0])) : undefined
    if (call) {
      if (this.#options.executionDelayMs) await new Promise((resolve) => setTimeout(resolve, this.#options.executionDelayMs))
      await this.beforeExecute?.(call.method, call.args)
    }
    const forwarded = await fetch(this.devnet.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    const text = await forwarded.text()
    if (call) this.#countTransaction(call.method, JSON.parse(text) as Json)
    if (failure?.timeout) {
      const timeout = { name: 'HANDLER_ERROR', cause: { name: 'TIMEOUT_ERROR', info: {} }, code: -32000, message: 'Server error', data: 'TIMEOUT_ERROR' }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id, error: timeout }))
      return
    }
    response.writeHead(forwarded.status, { 'content-type': forwarded.headers.get('content-type') ?? 'application/json' }).end(text)
  }

  /** What the chain's answer to a submitted transaction says: it ran (once per hash) and succeeded or failed, or its nonce was stale. */
  #countTransaction(method: string, answer: Json): void {
    if (answer.error) {
      if (JSON.stringify(answer.error).includes('"InvalidNonce"')) this.counts.invalidNonces++
      return
    }
    const hash = answer.result.transaction_outcome.id as string
    if (this.#ran.has(hash)) return
    this.#ran.add(hash)
    this.counts.transactions++
    if ('SuccessValue' in answer.result.status) this.counts.executions[method] = (this.counts.executions[method] ?? 0) + 1
    else this.counts.refusals++
  }
}

/** The method and arguments of a signed transaction's first function call, read from its bytes; undefined when it has none. */
function functionCallOf(base64: string): { method: string; args: unknown } | undefined {
  const call = decodeSignedTransaction(new Uint8Array(Buffer.from(base64, 'base64'))).transaction.actions.find((action) => action.functionCall)?.functionCall
  if (!call) return undefined
  const text = Buffer.from(Uint8Array.from(call.args)).toString('utf8')
  return { method: call.methodName, args: text ? JSON.parse(text) : {} }
}
