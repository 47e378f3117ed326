import { contractWasmPath } from '@crosschain-lending/contracts'
import { type WalletChain, sha256, toBase58, walletChains } from '@crosschain-lending/protocol'
import { actions as nearActions } from 'near-api-js'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { accessKeyRefusal, permissionView, spendAllowance } from './access-keys'
import { type AccessKeyRecord, type NearAccount, newAccount } from './accounts'
import { gasPrice, receiptFees } from './action-fees'
import { type Action, publicKeyText } from './actions'
import type { ContractRuntime, PromiseResultValue, ViewOutcome } from './contract-runtime'
import { DevSigner, returnedValue } from './dev-calls'
import { verifyEd25519 } from './ed25519-verify'
import { depositAddress } from './external-chains'
import {
  type DevnetContractOptions,
  type LendingInitArgs,
  devnetContractConfig,
  devnetContractId,
  devnetOwnerAccountId,
  devnetOwnerKey,
  devnetRelayerAccountId,
  devnetRelayerKeys,
} from './genesis'
import { LendingIndex } from './lending-index'
import { accountIdProblem, newAccountProblem } from './near-account-id'
import { type FinalOutcome, type TransactionTree, refusedOutcome, treeOutcome } from './outcome'
import { type ActionReceipt, type BlockInfo, applyActionReceipt, deliversData, transactionReceiptId } from './receipts'
import { type BlockRef, RpcFault, devError, invalidTransaction } from './rpc-errors'
import { transactionActions } from './transaction-actions'
import { type DecodedTx, decodeLoggedTransaction, decodeSubmittedTransaction } from './transaction-bytes'
import { WriteAheadLog } from './wal'
import { wasmRuntime } from './wasm-runtime'

export type BlockHeader = { height: number; hash: string; prevHash: string; timestampMs: number; txHashes: string[] }

/**
 * Host operations of the dev tools that no transaction can express (an account made from
 * nothing), logged beside the block's transactions. Deposits and prices are transactions.
 */
export type DevOp = { kind: 'create_near_account'; accountId: string; publicKey: string }

/** The log's first record: the genesis time and the lending contract's `new` arguments (its wasm is deployed by the chain's first transaction). */
type GenesisRecord = { kind: 'genesis'; timeMs: number; lending: LendingInitArgs }
/** A logged block. `prevHash` is the head it was built on (possibly an unlogged empty block), so replay rebuilds the same hashes. */
type BlockRecord = { kind: 'block'; height: number; prevHash: string; timestampMs: number; txs: string[]; ops: DevOp[] }
type LogRecord = GenesisRecord | BlockRecord

type Waiter<T> = { resolve: (value: T) => void; reject: (error: unknown) => void }
/** A transaction with its actions in the chain's form, converted once: on arrival, or when the log is replayed. */
type ConvertedTx = DecodedTx & { actions: Action[] }
type PendingTx = ConvertedTx & { bytes: Uint8Array; signerId: string; publicKey: string; nonce: bigint; waiters: Waiter<FinalOutcome>[] }
/** A transaction included in a block whose receipts have not all run yet. */
type OpenTree = TransactionTree & { outstanding: number }
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
  /** Runs contracts deployed as wasm: NEAR's wasm runtime unless a test gives another. */
  wasm?: ContractRuntime
}

const yoctoPerNear = 10n ** 24n
/** Transactions may reference a block hash this many blocks old (NEAR: about a day). */
const validityBlocks = 20_000

/**
 * The local chain. Transactions are checked when they arrive (signature, access key and its
 * permission, nonce, block hash age, actions, balance) and queued; every block interval the
 * queue is applied in order, written to the log with one fsync, and only then are the senders
 * told the outcome is final. A transaction becomes a receipt that runs in its own block; the
 * receipts a contract creates (promises) run in the blocks after, and a transaction's outcome
 * is final when every receipt of its tree has run. On start, the log is replayed through the
 * same code, so a restart (or a `kill -9` at any moment) brings back every block that was ever
 * reported final.
 *
 * The chain knows accounts, keys, code, receipts and gas; contracts run in a `ContractRuntime`
 * (the wasm runtime); the lending contract is wasm deployed by the chain's first transaction.
 */
export class Devnet {
  readonly dataDir: string
  /** The accounts the lending contract created, for the dev tools (explorer, deposit addresses). */
  readonly lendingIndex = new LendingIndex(devnetContractId)
  /** The owner account, which is also the oracle and the bridge on this chain: signs the dev tools' calls. */
  readonly owner: DevSigner
  readonly #genesis: GenesisRecord
  readonly #accounts = new Map<string, NearAccount>()
  readonly #codes = new Map<string, Uint8Array>()
  readonly #wasm: ContractRuntime | undefined
  readonly #blocks = new Map<string, BlockHeader>()
  #head: BlockHeader
  readonly #outcomes = new Map<string, { outcome: FinalOutcome; height: number }>()
  #pendingTxs: PendingTx[] = []
  readonly #pendingByHash = new Map<string, PendingTx>()
  readonly #pendingNonces = new Set<string>()
  #pendingOps: PendingOp[] = []
  /** Receipts to run in the next block, in the order they were made. */
  #readyReceipts: ActionReceipt[] = []
  /** Receipts waiting for the results of others (callbacks), by the data ids they still miss. */
  readonly #postponed = new Map<string, { receipt: ActionReceipt; missing: Set<string> }>()
  readonly #data = new Map<string, PromiseResultValue>()
  readonly #trees = new Map<string, OpenTree>()
  readonly #log: WriteAheadLog<LogRecord>
  readonly #clock: () => number
  readonly #blockIntervalMs: number
  #timer: NodeJS.Timeout | undefined
  #producing: Promise<void> | undefined
  readonly #depositIndex = new Map<string, string>()
  /** Where block production spends its time, for `pnpm bench` (dev_info). */
  readonly stats = { blocks: 0, transactions: 0, receipts: 0, applyMs: 0, fsyncMs: 0, maxApplyMs: 0, maxFsyncMs: 0 }
  /** What the last start recovered, for logs and tests. */
  readonly recovered: { blocks: number; transactions: number; droppedBytes: number }

  private constructor(options: DevnetOptions, log: WriteAheadLog<LogRecord>, genesis: GenesisRecord, droppedBytes: number) {
    this.dataDir = options.dataDir
    this.#log = log
    this.#clock = options.clock ?? Date.now
    this.#blockIntervalMs = options.blockIntervalMs ?? 50
    this.#wasm = options.wasm ?? wasmRuntime
    this.#genesis = genesis
    const fullAccess = (list: { publicKey: string }[]) => list.map((key): [string, AccessKeyRecord] => [key.publicKey, { nonce: 0n, permission: { kind: 'FullAccess' } }])
    this.#accounts.set(devnetRelayerAccountId, newAccount(1_000_000n * yoctoPerNear, fullAccess(devnetRelayerKeys())))
    this.#accounts.set(devnetOwnerAccountId, newAccount(1_000n * yoctoPerNear, fullAccess([devnetOwnerKey()])))
    // The contract account holds the owner's key so that the chain's first transaction can deploy the wasm.
    this.#accounts.set(devnetContractId, newAccount(100n * yoctoPerNear, fullAccess([devnetOwnerKey()])))
    this.#head = { height: 0, hash: blockHash('genesis', 0, genesis.timeMs, []), prevHash: '11111111111111111111111111111111', timestampMs: genesis.timeMs, txHashes: [] }
    this.#blocks.set(this.#head.hash, this.#head)
    this.recovered = { blocks: 0, transactions: 0, droppedBytes }
    this.owner = new DevSigner(this, devnetOwnerAccountId, devnetOwnerKey())
  }

  /** Opens the chain in `dataDir`, replaying its log (or writing a fresh genesis). */
  static async open(options: DevnetOptions): Promise<Devnet> {
    const file = path.join(options.dataDir, 'chain.log')
    if (options.reset) rmSync(file, { force: true })
    const { log, records, droppedBytes } = WriteAheadLog.open<LogRecord>(file)
    let genesis = records[0]
    if (!genesis) {
      genesis = { kind: 'genesis', timeMs: (options.clock ?? Date.now)(), lending: devnetContractConfig(options.contract) }
      log.append([genesis])
    }
    if (genesis.kind !== 'genesis') throw new Error(`${file} does not start with a genesis record; start with --reset to begin anew.`)
    if (!('lending' in genesis)) {
      log.close()
      throw new Error(`${file} was written by a local chain whose lending contract ran in TypeScript; its state cannot move to the wasm contract. Start with --reset to begin anew.`)
    }
    const chain = new Devnet(options, log, genesis, droppedBytes)
    for (const record of records.slice(1)) {
      if (record.kind !== 'block') continue
      const applied = await chain.#applyBlock(record)
      chain.#pushBlock(record, applied.included, applied.completed)
      chain.recovered.blocks++
      chain.recovered.transactions += applied.included.length
    }
    return chain
  }

  /**
   * Deploys lending.wasm to the contract account and initializes it, by one real transaction
   * (DeployContract + FunctionCall `new`) signed with the account's key, unless the log already
   * holds that deployment. Needs block production running; resolves with its outcome.
   */
  async deployLending(wasmPath = contractWasmPath('lending')): Promise<FinalOutcome | undefined> {
    if (this.#accounts.get(devnetContractId)?.codeHash !== undefined) return undefined
    if (!existsSync(wasmPath)) throw new Error(`The lending contract's wasm is missing at ${wasmPath}: run \`pnpm build\` (it builds contracts/dist/lending.wasm).`)
    const deployer = new DevSigner(this, devnetContractId, devnetOwnerKey())
    const outcome = await deployer.send(devnetContractId, [
      nearActions.deployContract(readFileSync(wasmPath)),
      nearActions.functionCall('new', { config: this.#genesis.lending }, 300_000_000_000_000n, 0n),
    ])
    returnedValue(outcome.status, 'the lending contract\'s deployment')
    return outcome
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
    for (const tx of this.#pendingByHash.values()) for (const waiter of tx.waiters) waiter.reject(closed)
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

  account(accountId: string): Readonly<NearAccount> | undefined {
    return this.#accounts.get(accountId)
  }

  /** The code deployed to an account, or undefined. */
  code(accountId: string): { code: Uint8Array; hash: string } | undefined {
    const hash = this.#accounts.get(accountId)?.codeHash
    const code = hash ? this.#codes.get(hash) : undefined
    return hash && code ? { code, hash } : undefined
  }

  /** Whether an account runs a contract. */
  hasContract(accountId: string): boolean {
    return this.#accounts.get(accountId)?.codeHash !== undefined
  }

  outcome(hash: string): FinalOutcome | undefined {
    return this.#outcomes.get(hash)?.outcome
  }

  /** Resolves when the transaction's whole tree is in blocks on disk; undefined when it is unknown. */
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
    const chainActions = transactionActions(tx.actions)
    const cost = transactionCost(chainActions, tx.signerId === tx.receiverId)
    const keyRefusal = accessKeyRefusal(accessKey, { signerId: tx.signerId, publicKey, receiverId: tx.receiverId, actions: chainActions }, cost.gasTokens)
    if (keyRefusal) throw invalidTransaction({ InvalidAccessKeyError: keyRefusal }, `Access key ${publicKey} of ${tx.signerId} may not sign this transaction: ${JSON.stringify(keyRefusal)}`)
    // Checked again when the block applies it: other transactions in the block may spend first.
    const short = notEnoughBalance(tx.signerId, cost.total, signer.amount)
    if (short) throw invalidTransaction(short, `Signer ${tx.signerId} has ${signer.amount} yoctoNEAR; the transaction costs ${short.NotEnoughBalance.cost}`)

    const pending: PendingTx = { ...decoded, actions: chainActions, bytes, signerId: tx.signerId, publicKey, nonce: tx.nonce, waiters: [] }
    const outcome = new Promise<FinalOutcome>((resolve, reject) => pending.waiters.push({ resolve, reject }))
    this.#pendingTxs.push(pending)
    this.#pendingByHash.set(hash, pending)
    this.#pendingNonces.add(nonceKey)
    return { hash, outcome }
  }

  /** Queues a host operation (dev faucet, oracle price) for the next block; resolves with its result once durable. */
  enqueue<T = unknown>(op: DevOp): Promise<T> {
    // Refused before it is queued (and logged): a NEAR account the chain could never have.
    const problem = newAccountProblem(op.accountId, op.publicKey)
    if (problem) return Promise.reject(devError('INVALID_ACCOUNT_ID', `${problem}.`))
    return new Promise<T>((resolve, reject) => this.#pendingOps.push({ op, waiter: { resolve: resolve as (value: unknown) => void, reject } }))
  }

  /** A lending view's value at the head block, for the chain's dev tools; a refusal throws a dev error with the contract's code. */
  async view<T = unknown>(method: string, args: Record<string, unknown>): Promise<T> {
    const outcome = await this.callView(devnetContractId, method, new TextEncoder().encode(JSON.stringify(args)))
    if (!outcome) throw devError('NO_CONTRACT', `${devnetContractId} runs no contract yet.`)
    return returnedValue<T>(outcome.ok ? { SuccessValue: Buffer.from(outcome.value).toString('base64') } : { Failure: outcome.error }, method)
  }

  /**
   * A view call (`query call_function`) of any contract at the head block: run with the
   * account's state, nothing it tries to change is kept (the wasm runtime refuses changes in a
   * view with `ProhibitedInView`). Undefined when the account runs no contract.
   */
  async callView(accountId: string, method: string, args: Uint8Array): Promise<ViewOutcome | undefined> {
    const account = this.#accounts.get(accountId)
    if (!account) return undefined
    if (account.codeHash !== undefined) {
      if (!this.#wasm) return { ok: false, error: { CompilationError: { CodeDoesNotExist: { account_id: accountId } } }, logs: [] }
      const head = this.#head
      const outcome = await this.#wasm.call({
        accountId,
        method,
        args,
        predecessorId: accountId,
        signerId: accountId,
        signerPublicKey: 'ed25519:11111111111111111111111111111111',
        attachedDeposit: 0n,
        prepaidGas: 300_000_000_000_000n,
        blockHeight: head.height,
        blockTimestampMs: head.timestampMs,
        account: { amount: account.amount, locked: account.locked, storageUsage: account.storageUsage, data: account.data },
        code: this.#codes.get(account.codeHash),
        codeHash: account.codeHash,
        promiseResults: [],
        randomSeed: sha256(new TextEncoder().encode(`view|${head.hash}`)),
        isView: true,
      })
      if (!outcome.ok) return { ok: false, error: outcome.error, logs: outcome.logs }
      return { ok: true, value: 'value' in outcome.returned ? outcome.returned.value : new Uint8Array(), logs: outcome.logs }
    }
    return undefined
  }

  /** The account behind a deposit address on an external chain. */
  accountForDepositAddress(chain: WalletChain, address: string): string | undefined {
    const key = `${chain}:${address}`
    // Built once per set of accounts: a block that adds accounts clears it (see #pushBlock).
    if (this.#depositIndex.size === 0) {
      for (const accountId of this.lendingIndex.accountIds()) {
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
    if (txs.length === 0 && ops.length === 0 && this.#readyReceipts.length === 0) {
      // An empty block moves the clock and the head; it changes no state, so it is not logged.
      this.#pushBlock(record, [], [])
      return
    }
    let applied: AppliedBlock
    try {
      const started = performance.now()
      applied = await this.#applyBlock(record, txs)
      const appliedAt = performance.now()
      this.#log.append([record])
      this.#count(txs.length, applied.receipts, appliedAt - started, performance.now() - appliedAt)
      // Only now, with the block on disk, do its outcomes and the new head become visible.
      this.#pushBlock(record, applied.included, applied.completed)
    } catch (error) {
      // A block that cannot be made durable must not be reported: stop rather than diverge.
      console.error('[devnet] could not commit a block; stopping:', error)
      process.exit(70)
    }
    for (const tx of txs) this.#pendingNonces.delete(`${tx.signerId}|${tx.publicKey}|${tx.nonce}`)
    for (const outcome of applied.completed) {
      const hash = outcome.transaction_outcome.id
      const pending = this.#pendingByHash.get(hash)
      this.#pendingByHash.delete(hash)
      for (const waiter of pending?.waiters ?? []) waiter.resolve(outcome)
    }
    for (const [index, op] of ops.entries()) {
      const result = applied.opResults[index]!
      if (result.ok) op.waiter.resolve(result.value)
      else op.waiter.reject(result.error)
    }
  }

  /**
   * Applies a block: first the receipts earlier blocks made, then its transactions (each
   * becomes a receipt and runs here), then host operations. The same code runs live and on
   * replay; live, the transactions come already decoded from `submit`.
   */
  async #applyBlock(record: BlockRecord, decoded?: readonly ConvertedTx[]): Promise<AppliedBlock> {
    const block: BlockInfo = { height: record.height, timestampMs: record.timestampMs, hash: blockHash(record.prevHash, record.height, record.timestampMs, record.txs) }
    const completed: FinalOutcome[] = []
    const ready = this.#readyReceipts
    this.#readyReceipts = []
    let receipts = 0
    for (const receipt of ready) {
      receipts++
      await this.#runReceipt(receipt, block, completed)
    }
    const included: string[] = []
    for (const [index, encoded] of record.txs.entries()) {
      const tx = decoded?.[index] ?? withActions(decodeLoggedTransaction(Buffer.from(encoded, 'base64')))
      included.push(tx.hash)
      const receipt = this.#convertTransaction(tx, block, completed)
      if (receipt) {
        receipts++
        await this.#runReceipt(receipt, block, completed)
      }
    }
    const opResults: AppliedBlock['opResults'] = []
    for (const op of record.ops) {
      try {
        opResults.push({ ok: true, value: this.#applyOp(op) })
      } catch (error) {
        opResults.push({ ok: false, error })
      }
    }
    return { included, completed, opResults, receipts }
  }

  /**
   * Turns a transaction into its first receipt, as nearcore's `verify_and_charge_transaction`
   * does: the signer pays the whole cost now (fees, the gas bought for its calls, its deposits)
   * and the key's nonce moves. One that no longer fits what the block's earlier transactions
   * left changes nothing (no gas, no nonce) and its outcome says why.
   */
  #convertTransaction({ signed, hash, actions }: ConvertedTx, block: BlockInfo, completed: FinalOutcome[]): ActionReceipt | undefined {
    const tx = signed.transaction
    const transaction = transactionView(signed, hash, actions)
    const signer = this.#accounts.get(tx.signerId)!
    const publicKey = tx.publicKey.toString()
    const cost = transactionCost(actions, tx.signerId === tx.receiverId)
    const accessKey = signer.keys.get(publicKey)
    const keyRefusal = accessKey && accessKeyRefusal(accessKey, { signerId: tx.signerId, publicKey, receiverId: tx.receiverId, actions }, cost.gasTokens)
    const refusal =
      (accessKey ? undefined : { InvalidAccessKeyError: { AccessKeyNotFound: { account_id: tx.signerId, public_key: publicKey } } }) ??
      notEnoughBalance(tx.signerId, cost.total, signer.amount) ??
      (keyRefusal ? { InvalidAccessKeyError: keyRefusal } : undefined)
    if (refusal || !accessKey) {
      completed.push(refusedOutcome({ hash, blockHash: block.hash, transaction, signerId: tx.signerId, error: refusal ?? {} }))
      return undefined
    }
    accessKey.nonce = tx.nonce > accessKey.nonce ? tx.nonce : accessKey.nonce
    spendAllowance(accessKey, cost.gasTokens)
    signer.amount -= cost.total
    const receipt: ActionReceipt = {
      id: transactionReceiptId(hash),
      txHash: hash,
      predecessorId: tx.signerId,
      receiverId: tx.receiverId,
      signerId: tx.signerId,
      signerPublicKey: publicKey,
      actions,
      inputDataIds: [],
      outputData: [],
    }
    this.#trees.set(hash, {
      hash,
      transaction,
      signerId: tx.signerId,
      blockHash: block.hash,
      conversionGas: cost.sendGas,
      conversionTokens: cost.sendGas * gasPrice,
      firstReceiptId: receipt.id,
      receipts: [],
      outstanding: 1,
    })
    return receipt
  }

  /** Runs a receipt, queues what it created, hands its result to whoever waits, and closes its tree when nothing is left. */
  async #runReceipt(receipt: ActionReceipt, block: BlockInfo, completed: FinalOutcome[]): Promise<void> {
    const inputs = receipt.inputDataIds.map((id): PromiseResultValue => this.#data.get(id) ?? { status: 'failed' })
    for (const id of receipt.inputDataIds) this.#data.delete(id)
    const result = await applyActionReceipt({ accounts: this.#accounts, codes: this.#codes, wasm: this.#wasm }, receipt, inputs, block)
    for (const created of result.created) {
      if (created.inputDataIds.length === 0) this.#readyReceipts.push(created)
      else this.#postponed.set(created.id, { receipt: created, missing: new Set(created.inputDataIds) })
    }
    if (deliversData(result.outcome.status)) {
      for (const { dataId } of receipt.outputData) {
        this.#data.set(dataId, result.data)
        for (const [id, waiting] of this.#postponed) {
          if (!waiting.missing.delete(dataId) || waiting.missing.size > 0) continue
          this.#postponed.delete(id)
          this.#readyReceipts.push(waiting.receipt)
        }
      }
    }
    const tree = this.#trees.get(receipt.txHash)
    if (!tree) return
    tree.receipts.push(result.outcome)
    tree.outstanding += result.created.length - 1
    if (tree.outstanding > 0) return
    this.#trees.delete(receipt.txHash)
    completed.push(treeOutcome(tree))
  }

  #applyOp(op: DevOp): unknown {
    switch (op.kind) {
      case 'create_near_account': {
        if (this.#accounts.has(op.accountId)) throw devError('ACCOUNT_EXISTS', `NEAR account ${op.accountId} already exists.`)
        this.#accounts.set(op.accountId, newAccount(10n * yoctoPerNear, [[op.publicKey, { nonce: 0n, permission: { kind: 'FullAccess' } }]]))
        return { account_id: op.accountId }
      }
    }
  }

  #pushBlock(record: BlockRecord, included: string[], completed: FinalOutcome[]): void {
    const hash = blockHash(record.prevHash, record.height, record.timestampMs, record.txs)
    const block: BlockHeader = { height: record.height, hash, prevHash: record.prevHash, timestampMs: record.timestampMs, txHashes: included }
    for (const outcome of completed) {
      this.#outcomes.set(outcome.transaction_outcome.id, { outcome, height: record.height })
      this.lendingIndex.observe(outcome, record.height)
    }
    this.#blocks.set(hash, block)
    this.#head = block
    // Keep the blocks transactions may still reference; older hashes are forgotten.
    if (this.#blocks.size > validityBlocks + 100) {
      for (const [key, old] of this.#blocks) {
        if (block.height - old.height <= validityBlocks) break
        this.#blocks.delete(key)
      }
    }
    if (this.lendingIndex.size !== this.#indexedAccounts) {
      this.#depositIndex.clear()
      this.#indexedAccounts = this.lendingIndex.size
    }
  }

  #indexedAccounts = 0

  #count(transactions: number, receipts: number, applyMs: number, fsyncMs: number): void {
    const stats = this.stats
    stats.blocks++
    stats.transactions += transactions
    stats.receipts += receipts
    stats.applyMs += applyMs
    stats.fsyncMs += fsyncMs
    stats.maxApplyMs = Math.max(stats.maxApplyMs, applyMs)
    stats.maxFsyncMs = Math.max(stats.maxFsyncMs, fsyncMs)
  }
}

type AppliedBlock = {
  /** The transactions the block carries, by hash. */
  included: string[]
  /** Transactions whose whole tree finished in this block. */
  completed: FinalOutcome[]
  opResults: ({ ok: true; value: unknown } | { ok: false; error: unknown })[]
  receipts: number
}

/** A logged transaction with its actions in the chain's form (checked when it first arrived). */
function withActions(decoded: DecodedTx): ConvertedTx {
  return { ...decoded, actions: transactionActions(decoded.signed.transaction.actions) }
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

/**
 * What a transaction takes from its signer when it becomes a receipt: the fees burnt now
 * (`sendGas`), the fees its receipt will burn, the gas bought for its function calls, all at
 * the gas price (`gasTokens`, what a function-call key's allowance pays), and its deposits.
 */
function transactionCost(actions: readonly Action[], sir: boolean): { sendGas: bigint; gasTokens: bigint; total: bigint } {
  const fees = receiptFees(actions, sir)
  let prepaid = 0n
  let deposits = 0n
  for (const action of actions) {
    if (action.kind === 'FunctionCall') {
      prepaid += BigInt(action.gas)
      deposits += action.deposit
    }
    if (action.kind === 'Transfer') deposits += action.deposit
  }
  const gasTokens = (fees.send + fees.execution + prepaid) * gasPrice
  return { sendGas: fees.send, gasTokens, total: gasTokens + deposits }
}

/** NEAR's `NotEnoughBalance` refusal when `balance` does not cover `cost`, else undefined. */
function notEnoughBalance(signerId: string, cost: bigint, balance: bigint): { NotEnoughBalance: { signer_id: string; balance: string; cost: string } } | undefined {
  if (balance >= cost) return undefined
  return { NotEnoughBalance: { signer_id: signerId, balance: balance.toString(), cost: cost.toString() } }
}

/** The transaction as NEAR's RPC shows it in an outcome. */
function transactionView({ transaction: tx, signature }: DecodedTx['signed'], hash: string, actions: readonly Action[]): Record<string, unknown> {
  return {
    signer_id: tx.signerId,
    public_key: tx.publicKey.toString(),
    nonce: Number(tx.nonce),
    receiver_id: tx.receiverId,
    actions: actions.map(describeAction),
    signature: `ed25519:${toBase58(Uint8Array.from((signature as unknown as { ed25519Signature: { data: number[] } }).ed25519Signature.data))}`,
    hash,
  }
}

function blockHash(prevHash: string, height: number, timestampMs: number, txs: readonly string[]): string {
  return toBase58(sha256(new TextEncoder().encode(`${prevHash}|${height}|${timestampMs}|${txs.join(',')}`)))
}

/** An action as NEAR's RPC shows it. */
function describeAction(action: Action): unknown {
  switch (action.kind) {
    case 'CreateAccount':
      return 'CreateAccount'
    case 'DeployContract':
      return { DeployContract: { code: toBase58(sha256(action.code)) } }
    case 'FunctionCall':
      return { FunctionCall: { method_name: action.methodName, args: Buffer.from(action.args).toString('base64'), gas: action.gas, deposit: action.deposit.toString() } }
    case 'Transfer':
      return { Transfer: { deposit: action.deposit.toString() } }
    case 'AddKey':
      return { AddKey: { public_key: publicKeyText(action.publicKey), access_key: { nonce: Number(action.nonce), permission: permissionView({ nonce: action.nonce, permission: action.permission }) } } }
    case 'DeleteKey':
      return { DeleteKey: { public_key: publicKeyText(action.publicKey) } }
    case 'DeleteAccount':
      return { DeleteAccount: { beneficiary_id: action.beneficiaryId } }
    case 'Stake':
      return { Stake: { stake: action.stake.toString(), public_key: publicKeyText(action.publicKey) } }
  }
}

export { RpcFault }
