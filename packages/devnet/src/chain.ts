import { type CallContext, type ContractConfig, LendingContract } from '@crosschain-lending/contract'
import { type WalletChain, sha256, toBase58, walletChains } from '@crosschain-lending/protocol'
import { rmSync } from 'node:fs'
import path from 'node:path'
import { panicMessage } from './contract-errors'
import { verifyEd25519 } from './ed25519-verify'
import { depositAddress } from './external-chains'
import {
  type DevnetContractOptions,
  devnetContractConfig,
  devnetContractId,
  devnetOwnerAccountId,
  devnetOwnerKey,
  devnetRelayerAccountId,
  devnetRelayerKeys,
} from './genesis'
import { accountIdProblem, newAccountProblem } from './near-account-id'
import { type ExecutionStatus, type FinalOutcome, finalOutcome, functionCallFailure, refusedOutcome } from './outcome'
import { type BlockRef, RpcFault, devError, invalidTransaction } from './rpc-errors'
import { type DecodedTx, decodeLoggedTransaction, decodeSubmittedTransaction } from './transaction-bytes'
import { WriteAheadLog } from './wal'

/** One NEAR account: its balance in yoctoNEAR and its full-access keys with their nonces. */
type NearAccount = { amount: bigint; keys: Map<string, { nonce: bigint }>; hasContract: boolean }

export type BlockHeader = { height: number; hash: string; prevHash: string; timestampMs: number; txHashes: string[] }

/** Host operations the chain performs as the contract's owner (bridge and oracle), logged like transactions. */
export type DevOp =
  | { kind: 'deposit'; accountId: string; chain: WalletChain; asset: string; amount: string; ref: string }
  | { kind: 'set_price'; asset: string; priceUsd: string }
  | { kind: 'create_near_account'; accountId: string; publicKey: string }

type GenesisRecord = { kind: 'genesis'; timeMs: number; contract: ContractConfig }
/** A logged block. `prevHash` is the head it was built on (possibly an unlogged empty block), so replay rebuilds the same hashes. */
type BlockRecord = { kind: 'block'; height: number; prevHash: string; timestampMs: number; txs: string[]; ops: DevOp[] }
type LogRecord = GenesisRecord | BlockRecord

type Waiter<T> = { resolve: (value: T) => void; reject: (error: unknown) => void }
type PendingTx = DecodedTx & { bytes: Uint8Array; signerId: string; publicKey: string; nonce: bigint; waiters: Waiter<FinalOutcome>[] }
type PendingOp = { op: DevOp; waiter: Waiter<unknown> }

export type DevnetOptions = {
  /** Where the chain's log lives. */
  dataDir: string
  /** Start from genesis, discarding the log. */
  reset?: boolean
  /** How often a block is produced. */
  blockIntervalMs?: number
  /** The wallet origin the contract accepts passkey assertions from, the partner sites around it, the security period. */
  contract?: DevnetContractOptions
  clock?: () => number
}

/** Gas a function call is charged, and the price: enough to make balances move, not a model of NEAR's fees. */
const gasPerCall = 2_428_000_000_000
const gasPrice = 100_000_000n
const yoctoPerNear = 10n ** 24n
/** Transactions may reference a block hash this many blocks old (NEAR: about a day). */
const validityBlocks = 20_000

/**
 * The local chain. Transactions are checked when they arrive (signature, access key, nonce,
 * block hash age) and queued; every block interval the queue is applied in order to the
 * contract, written to the log with one fsync, and only then are the senders told the outcome
 * is final. On start, the log is replayed through the same code, so a restart (or a `kill -9`
 * at any moment) brings back every block that was ever reported final.
 */
export class Devnet {
  readonly contract: LendingContract
  readonly dataDir: string
  readonly #accounts = new Map<string, NearAccount>()
  readonly #blocks = new Map<string, BlockHeader>()
  #head: BlockHeader
  readonly #outcomes = new Map<string, { outcome: FinalOutcome; height: number }>()
  #pendingTxs: PendingTx[] = []
  readonly #pendingByHash = new Map<string, PendingTx>()
  readonly #pendingNonces = new Set<string>()
  #pendingOps: PendingOp[] = []
  readonly #log: WriteAheadLog<LogRecord>
  readonly #clock: () => number
  readonly #blockIntervalMs: number
  #timer: NodeJS.Timeout | undefined
  #producing: Promise<void> | undefined
  readonly #depositIndex = new Map<string, string>()
  /** Where block production spends its time, for `pnpm bench` (dev_info). */
  readonly stats = { blocks: 0, transactions: 0, applyMs: 0, fsyncMs: 0, maxApplyMs: 0, maxFsyncMs: 0 }
  /** What the last start recovered, for logs and tests. */
  readonly recovered: { blocks: number; transactions: number; droppedBytes: number }

  private constructor(options: DevnetOptions, log: WriteAheadLog<LogRecord>, genesis: GenesisRecord, droppedBytes: number) {
    this.dataDir = options.dataDir
    this.#log = log
    this.#clock = options.clock ?? Date.now
    this.#blockIntervalMs = options.blockIntervalMs ?? 50
    // A log written before a configuration field existed takes that field from today's options.
    this.contract = LendingContract.genesis({ ...devnetContractConfig(options.contract), ...genesis.contract }, genesis.timeMs)
    const keys = (list: { publicKey: string }[]) => new Map(list.map((key) => [key.publicKey, { nonce: 0n }]))
    this.#accounts.set(devnetRelayerAccountId, { amount: 1_000_000n * yoctoPerNear, keys: keys(devnetRelayerKeys()), hasContract: false })
    this.#accounts.set(devnetOwnerAccountId, { amount: 1_000n * yoctoPerNear, keys: keys([devnetOwnerKey()]), hasContract: false })
    this.#accounts.set(devnetContractId, { amount: 100n * yoctoPerNear, keys: new Map(), hasContract: true })
    this.#head = { height: 0, hash: blockHash('genesis', 0, genesis.timeMs, []), prevHash: '11111111111111111111111111111111', timestampMs: genesis.timeMs, txHashes: [] }
    this.#blocks.set(this.#head.hash, this.#head)
    this.recovered = { blocks: 0, transactions: 0, droppedBytes }
  }

  /** Opens the chain in `dataDir`, replaying its log (or writing a fresh genesis). */
  static async open(options: DevnetOptions): Promise<Devnet> {
    const file = path.join(options.dataDir, 'chain.log')
    if (options.reset) rmSync(file, { force: true })
    const { log, records, droppedBytes } = WriteAheadLog.open<LogRecord>(file)
    let genesis = records[0]
    if (!genesis) {
      genesis = { kind: 'genesis', timeMs: (options.clock ?? Date.now)(), contract: devnetContractConfig(options.contract) }
      log.append([genesis])
    }
    if (genesis.kind !== 'genesis') throw new Error(`${file} does not start with a genesis record; start with --reset to begin anew.`)
    const chain = new Devnet(options, log, genesis, droppedBytes)
    for (const record of records.slice(1)) {
      if (record.kind !== 'block') continue
      const applied = await chain.#applyBlock(record)
      chain.#pushBlock(record, applied.outcomes)
      chain.recovered.blocks++
      chain.recovered.transactions += applied.outcomes.length
    }
    return chain
  }

  /** Starts producing blocks. */
  start(): void {
    if (this.#timer) return
    this.#timer = setInterval(() => void this.#produceBlock(), this.#blockIntervalMs)
  }

  /** Stops producing blocks after the one in progress; pending work is refused. */
  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = undefined
    await this.#producing
    const closed = new Error('The chain is shutting down.')
    for (const tx of this.#pendingTxs) for (const waiter of tx.waiters) waiter.reject(closed)
    for (const op of this.#pendingOps) op.waiter.reject(closed)
    this.#log.close()
  }

  get head(): BlockHeader {
    return this.#head
  }

  get blockRef(): BlockRef {
    return { block_hash: this.#head.hash, block_height: this.#head.height }
  }

  block(reference: { height?: number; hash?: string }): BlockHeader | undefined {
    if (reference.hash !== undefined) return this.#blocks.get(reference.hash)
    if (reference.height !== undefined) return [...this.#blocks.values()].find((block) => block.height === reference.height)
    return this.#head
  }

  account(accountId: string): { amount: bigint; hasContract: boolean; keys: ReadonlyMap<string, { nonce: bigint }> } | undefined {
    return this.#accounts.get(accountId)
  }

  outcome(hash: string): FinalOutcome | undefined {
    return this.#outcomes.get(hash)?.outcome
  }

  /** Resolves when the transaction is in a block on disk; undefined when it is unknown. */
  waitFor(hash: string): Promise<FinalOutcome> | undefined {
    const known = this.outcome(hash)
    if (known) return Promise.resolve(known)
    const pending = this.#pendingByHash.get(hash)
    if (!pending) return undefined
    return new Promise((resolve, reject) => pending.waiters.push({ resolve, reject }))
  }

  /**
   * Checks a signed transaction and queues it for the next block. Throws an `RpcFault` in
   * NEAR's shape when the chain refuses it. A transaction already seen is not queued twice.
   */
  submit(bytes: Uint8Array): { hash: string; outcome: Promise<FinalOutcome> } {
    const decoded = decodeSubmittedTransaction(bytes)
    const { signed, hash } = decoded
    const tx = signed.transaction
    const seen = this.waitFor(hash)
    if (seen) return { hash, outcome: seen }

    const signerIdProblem = accountIdProblem(tx.signerId)
    if (signerIdProblem) throw invalidTransaction({ InvalidSignerId: { signer_id: tx.signerId } }, `Signer ${JSON.stringify(tx.signerId)} is not a valid NEAR account id: ${signerIdProblem}`)
    const receiverIdProblem = accountIdProblem(tx.receiverId)
    if (receiverIdProblem) throw invalidTransaction({ InvalidReceiverId: { receiver_id: tx.receiverId } }, `Receiver ${JSON.stringify(tx.receiverId)} is not a valid NEAR account id: ${receiverIdProblem}`)
    const signer = this.#accounts.get(tx.signerId)
    if (!signer) throw invalidTransaction({ SignerDoesNotExist: { signer_id: tx.signerId } }, `Signer ${tx.signerId} does not exist`)
    const publicKey = tx.publicKey.toString()
    const accessKey = signer.keys.get(publicKey)
    if (!accessKey) {
      throw invalidTransaction({ InvalidAccessKeyError: { AccessKeyNotFound: { account_id: tx.signerId, public_key: publicKey } } }, `Access key ${publicKey} not found on ${tx.signerId}`)
    }
    const signature = Uint8Array.from((signed.signature as unknown as { ed25519Signature?: { data: number[] } }).ed25519Signature?.data ?? [])
    const keyBytes = Uint8Array.from((tx.publicKey as unknown as { ed25519Key?: { data: number[] } }).ed25519Key?.data ?? [])
    let valid: boolean
    try {
      valid = verifyEd25519(signature, decoded.digest, keyBytes)
    } catch {
      valid = false
    }
    if (!valid) throw invalidTransaction('InvalidSignature', 'Transaction signature is not valid')
    const nonceKey = `${tx.signerId}|${publicKey}|${tx.nonce}`
    if (tx.nonce <= accessKey.nonce || this.#pendingNonces.has(nonceKey)) {
      throw invalidTransaction({ InvalidNonce: { tx_nonce: Number(tx.nonce), ak_nonce: Number(accessKey.nonce) } }, `Transaction nonce ${tx.nonce} must be larger than ${accessKey.nonce}`)
    }
    const referenced = this.#blocks.get(toBase58(Uint8Array.from(tx.blockHash)))
    if (!referenced || this.#head.height - referenced.height > validityBlocks) throw invalidTransaction('Expired', 'Transaction has expired')
    if (!this.#accounts.has(tx.receiverId)) throw invalidTransaction({ InvalidReceiverId: { receiver_id: tx.receiverId } }, `Receiver ${tx.receiverId} does not exist`)
    // Checked again when the block applies it: other transactions in the block may spend first.
    const short = notEnoughBalance(tx, signer.amount)
    if (short) throw invalidTransaction(short, `Signer ${tx.signerId} has ${signer.amount} yoctoNEAR; the transaction costs ${short.NotEnoughBalance.cost}`)

    const pending: PendingTx = { ...decoded, bytes, signerId: tx.signerId, publicKey, nonce: tx.nonce, waiters: [] }
    const outcome = new Promise<FinalOutcome>((resolve, reject) => pending.waiters.push({ resolve, reject }))
    this.#pendingTxs.push(pending)
    this.#pendingByHash.set(hash, pending)
    this.#pendingNonces.add(nonceKey)
    return { hash, outcome }
  }

  /** Queues a host operation (dev faucet, oracle price) for the next block; resolves with its result once durable. */
  enqueue<T = unknown>(op: DevOp): Promise<T> {
    // Refused before it is queued (and logged): a NEAR account the chain could never have.
    const problem = op.kind === 'create_near_account' ? newAccountProblem(op.accountId, op.publicKey) : undefined
    if (problem) return Promise.reject(devError('INVALID_ACCOUNT_ID', `${problem}.`))
    return new Promise<T>((resolve, reject) => this.#pendingOps.push({ op, waiter: { resolve: resolve as (value: unknown) => void, reject } }))
  }

  /** Runs a contract view at the head block's time. */
  view(method: string, args: Record<string, unknown>): unknown {
    const now = this.#head.timestampMs
    const c = this.contract
    switch (method) {
      case 'get_config':
        return c.getConfig()
      case 'get_account':
        return c.getAccount(args as { account_id: string }, now)
      case 'get_account_by_credential':
        return c.getAccountByCredential(args as { credential_id: string }, now)
      case 'get_account_by_wallet':
        return c.getAccountByWallet(args as { chain: string; address: string }, now)
      case 'is_credential_retired':
        return c.isCredentialRetired(args as { credential_id: string })
      case 'get_position':
        return c.getPosition(args as { account_id: string }, now)
      case 'get_markets':
        return c.getMarkets(now)
      case 'get_nonce_status':
        return c.getNonceStatus(args as { account_id: string; nonce: string })
      case 'get_request':
        return c.getRequest(args as { request_id: string })
      case 'preview':
        return c.previewActions(args as { account_id: string; actions: unknown[] }, now)
      case 'get_account_requests':
        return c.getAccountRequests(args as { account_id: string; limit?: number })
      case 'get_transfers':
        return c.getTransfers(args as { chain?: string; address?: string; limit?: number })
      default:
        throw new MethodNotFound(method)
    }
  }

  /** The account behind a deposit address on an external chain. */
  accountForDepositAddress(chain: WalletChain, address: string): string | undefined {
    const key = `${chain}:${address}`
    // Built once per set of accounts: a block that adds accounts clears it (see #pushBlock).
    if (this.#depositIndex.size === 0) {
      for (const accountId of this.contract.state.accounts.keys()) {
        for (const each of walletChains) this.#depositIndex.set(`${each}:${depositAddress(accountId, each)}`, accountId)
      }
    }
    return this.#depositIndex.get(key)
  }

  /** Produces one block now (tests and shutdown use it; the timer calls it every interval). */
  async produceBlock(): Promise<void> {
    await this.#produceBlock()
  }

  #produceBlock(): Promise<void> {
    if (this.#producing) return this.#producing
    this.#producing = this.#produce().finally(() => {
      this.#producing = undefined
    })
    return this.#producing
  }

  async #produce(): Promise<void> {
    const txs = orderByNonce(this.#pendingTxs.splice(0))
    const ops = this.#pendingOps.splice(0)
    const record: BlockRecord = {
      kind: 'block',
      height: this.#head.height + 1,
      prevHash: this.#head.hash,
      timestampMs: Math.max(this.#head.timestampMs + 1, this.#clock()),
      txs: txs.map((tx) => Buffer.from(tx.bytes).toString('base64')),
      ops: ops.map((op) => op.op),
    }
    if (txs.length === 0 && ops.length === 0) {
      // An empty block moves the clock and the head; it changes no state, so it is not logged.
      this.#pushBlock(record, [])
      return
    }
    let applied: AppliedBlock
    try {
      const started = performance.now()
      applied = await this.#applyBlock(record, txs)
      const appliedAt = performance.now()
      this.#log.append([record])
      this.#count(txs.length, appliedAt - started, performance.now() - appliedAt)
      // Only now, with the block on disk, do its outcomes and the new head become visible.
      this.#pushBlock(record, applied.outcomes)
    } catch (error) {
      // A block that cannot be made durable must not be reported: stop rather than diverge.
      console.error('[devnet] could not commit a block; stopping:', error)
      process.exit(70)
    }
    for (const [index, tx] of txs.entries()) {
      this.#pendingByHash.delete(tx.hash)
      this.#pendingNonces.delete(`${tx.signerId}|${tx.publicKey}|${tx.nonce}`)
      for (const waiter of tx.waiters) waiter.resolve(applied.outcomes[index]!)
    }
    for (const [index, op] of ops.entries()) {
      const result = applied.opResults[index]!
      if (result.ok) op.waiter.resolve(result.value)
      else op.waiter.reject(result.error)
    }
  }

  /**
   * Applies a block's transactions and host operations in order. The same code runs live and on
   * replay; live, the transactions come already decoded from `submit`.
   */
  async #applyBlock(record: BlockRecord, decoded?: readonly DecodedTx[]): Promise<AppliedBlock> {
    const ctx = (predecessorId: string): CallContext => ({
      predecessorId,
      blockTimestampMs: record.timestampMs,
      blockHeight: record.height,
      chain: { hasFullAccessKey: (accountId, publicKey) => this.#accounts.get(accountId)?.keys.has(publicKey) ?? false },
    })
    const provisionalHash = blockHash(record.prevHash, record.height, record.timestampMs, record.txs)
    const outcomes: FinalOutcome[] = []
    for (const [index, encoded] of record.txs.entries()) {
      outcomes.push(await this.#applyTransaction(decoded?.[index] ?? decodeLoggedTransaction(Buffer.from(encoded, 'base64')), provisionalHash, ctx))
    }
    const opResults: AppliedBlock['opResults'] = []
    for (const op of record.ops) {
      try {
        opResults.push({ ok: true, value: this.#applyOp(op, ctx(devnetOwnerAccountId)) })
      } catch (error) {
        opResults.push({ ok: false, error })
      }
    }
    return { outcomes, opResults }
  }

  async #applyTransaction({ signed, hash }: DecodedTx, blockHashText: string, ctx: (predecessorId: string) => CallContext): Promise<FinalOutcome> {
    const tx = signed.transaction
    const transaction = transactionView(signed, hash)
    const signer = this.#accounts.get(tx.signerId)!
    // As in NEAR, the whole cost is charged when the transaction applies, against what the
    // transactions before it in the block left: one that no longer fits changes nothing (no
    // gas, no nonce) and its outcome says why. The check on arrival saw only the balance then.
    const short = notEnoughBalance(tx, signer.amount)
    if (short) return refusedOutcome({ hash, blockHash: blockHashText, transaction, signerId: tx.signerId, error: short })
    const receiptId = toBase58(sha256(new TextEncoder().encode(`receipt:${hash}`)))
    const accessKey = signer.keys.get(tx.publicKey.toString())!
    accessKey.nonce = tx.nonce > accessKey.nonce ? tx.nonce : accessKey.nonce
    const tokensBurnt = BigInt(gasPerCall) * gasPrice
    signer.amount -= tokensBurnt
    const logs: string[] = []
    let status: ExecutionStatus = { SuccessValue: '' }
    for (const [index, action] of tx.actions.entries()) {
      const call = (action as { functionCall?: { methodName: string; args: number[] | Uint8Array } }).functionCall
      const transfer = (action as { transfer?: { deposit: bigint } }).transfer
      if (call) {
        if (tx.receiverId !== devnetContractId) {
          status = functionCallFailure(`Account ${tx.receiverId} has no contract code`, index)
          break
        }
        const result = await this.#callContract(call.methodName, Uint8Array.from(call.args), ctx(tx.signerId))
        if (!result.ok) {
          status = functionCallFailure(result.message, index)
          break
        }
        status = { SuccessValue: Buffer.from(JSON.stringify(result.value ?? null)).toString('base64') }
      } else if (transfer) {
        const receiver = this.#accounts.get(tx.receiverId)!
        signer.amount -= BigInt(transfer.deposit)
        receiver.amount += BigInt(transfer.deposit)
      } else {
        status = functionCallFailure('The local chain runs FunctionCall and Transfer actions only.', index)
        break
      }
    }
    const outcome = finalOutcome({
      hash,
      receiptId,
      blockHash: blockHashText,
      transaction,
      signerId: tx.signerId,
      receiverId: tx.receiverId,
      status,
      gasBurnt: gasPerCall,
      tokensBurnt,
      logs,
    })
    return outcome
  }

  async #callContract(method: string, argsBytes: Uint8Array, ctx: CallContext): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
    let args: unknown
    try {
      args = JSON.parse(new TextDecoder().decode(argsBytes))
    } catch (cause) {
      return { ok: false, message: panicMessage(Object.assign(new Error('The call arguments are not JSON.'), { cause })) }
    }
    try {
      switch (method) {
        case 'create_account':
          return { ok: true, value: this.contract.createAccount(args as Parameters<LendingContract['createAccount']>[0], ctx) }
        case 'execute':
          return { ok: true, value: await this.contract.execute(args, ctx) }
        case 'deposit':
          return { ok: true, value: this.contract.deposit(args as Parameters<LendingContract['deposit']>[0], ctx) }
        case 'set_price':
          return { ok: true, value: this.contract.setPrice(args as Parameters<LendingContract['setPrice']>[0], ctx) }
        default:
          return { ok: false, message: `MethodResolveError: MethodNotFound (${method})` }
      }
    } catch (error) {
      return { ok: false, message: panicMessage(error) }
    }
  }

  #applyOp(op: DevOp, ctx: CallContext): unknown {
    switch (op.kind) {
      case 'deposit':
        return { ...this.contract.deposit({ account_id: op.accountId, asset: op.asset, amount: op.amount, chain: op.chain, ref: op.ref }, ctx), ref: op.ref }
      case 'set_price':
        return this.contract.setPrice({ asset: op.asset, price_usd: op.priceUsd }, ctx)
      case 'create_near_account': {
        if (this.#accounts.has(op.accountId)) throw devError('ACCOUNT_EXISTS', `NEAR account ${op.accountId} already exists.`)
        this.#accounts.set(op.accountId, { amount: 10n * yoctoPerNear, keys: new Map([[op.publicKey, { nonce: 0n }]]), hasContract: false })
        return { account_id: op.accountId }
      }
    }
  }

  #pushBlock(record: BlockRecord, outcomes: FinalOutcome[]): void {
    const hash = blockHash(record.prevHash, record.height, record.timestampMs, record.txs)
    const txHashes = outcomes.map((outcome) => outcome.transaction_outcome.id)
    const block: BlockHeader = { height: record.height, hash, prevHash: record.prevHash, timestampMs: record.timestampMs, txHashes }
    for (const outcome of outcomes) this.#outcomes.set(outcome.transaction_outcome.id, { outcome, height: record.height })
    this.#blocks.set(hash, block)
    this.#head = block
    // Keep the blocks transactions may still reference; older hashes are forgotten.
    if (this.#blocks.size > validityBlocks + 100) {
      for (const [key, old] of this.#blocks) {
        if (block.height - old.height <= validityBlocks) break
        this.#blocks.delete(key)
      }
    }
    if (this.contract.state.accounts.size !== this.#indexedAccounts) {
      this.#depositIndex.clear()
      this.#indexedAccounts = this.contract.state.accounts.size
    }
  }

  #indexedAccounts = 0

  #count(transactions: number, applyMs: number, fsyncMs: number): void {
    const stats = this.stats
    stats.blocks++
    stats.transactions += transactions
    stats.applyMs += applyMs
    stats.fsyncMs += fsyncMs
    stats.maxApplyMs = Math.max(stats.maxApplyMs, applyMs)
    stats.maxFsyncMs = Math.max(stats.maxFsyncMs, fsyncMs)
  }
}

type AppliedBlock = { outcomes: FinalOutcome[]; opResults: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] }

export class MethodNotFound extends Error {
  constructor(readonly method: string) {
    super(`MethodResolveError: MethodNotFound (${method})`)
  }
}

/** Within each access key, transactions run in nonce order, wherever they sat in the queue. */
function orderByNonce(txs: PendingTx[]): PendingTx[] {
  const byKey = new Map<string, number[]>()
  txs.forEach((tx, index) => {
    const key = `${tx.signerId}|${tx.publicKey}`
    byKey.set(key, [...(byKey.get(key) ?? []), index])
  })
  const ordered = txs.slice()
  for (const slots of byKey.values()) {
    const sorted = slots.map((slot) => txs[slot]!).sort((a, b) => (a.nonce < b.nonce ? -1 : a.nonce > b.nonce ? 1 : 0))
    slots.forEach((slot, i) => (ordered[slot] = sorted[i]!))
  }
  return ordered
}

type Transaction = DecodedTx['signed']['transaction']

/** What a transaction takes from its signer: the gas it burns and the NEAR it transfers. */
function transactionCost(tx: Transaction): bigint {
  const transfers = tx.actions.reduce((sum, action) => sum + BigInt((action as { transfer?: { deposit: bigint } }).transfer?.deposit ?? 0n), 0n)
  return BigInt(gasPerCall) * gasPrice + transfers
}

/** NEAR's `NotEnoughBalance` refusal when `balance` does not cover the transaction, else undefined. */
function notEnoughBalance(tx: Transaction, balance: bigint): { NotEnoughBalance: { signer_id: string; balance: string; cost: string } } | undefined {
  const cost = transactionCost(tx)
  if (balance >= cost) return undefined
  return { NotEnoughBalance: { signer_id: tx.signerId, balance: balance.toString(), cost: cost.toString() } }
}

/** The transaction as NEAR's RPC shows it in an outcome. */
function transactionView({ transaction: tx, signature }: DecodedTx['signed'], hash: string): Record<string, unknown> {
  return {
    signer_id: tx.signerId,
    public_key: tx.publicKey.toString(),
    nonce: Number(tx.nonce),
    receiver_id: tx.receiverId,
    actions: tx.actions.map(describeAction),
    signature: `ed25519:${toBase58(Uint8Array.from((signature as unknown as { ed25519Signature: { data: number[] } }).ed25519Signature.data))}`,
    hash,
  }
}

function blockHash(prevHash: string, height: number, timestampMs: number, txs: readonly string[]): string {
  return toBase58(sha256(new TextEncoder().encode(`${prevHash}|${height}|${timestampMs}|${txs.join(',')}`)))
}

function describeAction(action: unknown): unknown {
  const call = (action as { functionCall?: { methodName: string; args: number[]; gas: bigint; deposit: bigint } }).functionCall
  if (call) {
    return { FunctionCall: { method_name: call.methodName, args: Buffer.from(Uint8Array.from(call.args)).toString('base64'), gas: Number(call.gas), deposit: call.deposit.toString() } }
  }
  const transfer = (action as { transfer?: { deposit: bigint } }).transfer
  if (transfer) return { Transfer: { deposit: transfer.deposit.toString() } }
  return 'Unsupported'
}

export { RpcFault }
