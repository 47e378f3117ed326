/**
 * The state of one function call that host functions read and change: nearcore's `HostCtx` and
 * `ExecutionResultState` (gas, registers, logs, return data, balance, storage usage, promises).
 */
import { hostError } from './errors'
import { GasCounter } from './gas-counter'
import type { MemoryAccess } from './guest-memory'
import { limits } from './protocol-parameters'
import { Registers } from './registers'
import { StorageOverlay } from './storage-overlay'
import type { ContractStorage, ExecutionContext, ReceiptDescription, ReturnData, WeightedCall } from './types'

/** A promise index names a receipt, or joins several (`promise_and`). */
export type PromiseEntry = { kind: 'receipt'; receiptIndex: number } | { kind: 'joint'; receiptIndices: number[] }

export class CallState {
  readonly gas: GasCounter
  readonly registers = new Registers()
  readonly storage: StorageOverlay
  readonly logs: string[] = []
  totalLogLength = 0
  returnData: ReturnData = { kind: 'none' }
  /** The account's balance as the call spends it: starts with the attached deposit added. */
  balance: bigint
  /** 1 yoctoNEAR deposits a zero-balance account attached to calls without paying (`one_yocto_on_promise`). */
  subsidizedAmount = 0n
  storageUsage: number
  readonly promises: PromiseEntry[] = []
  readonly receipts: ReceiptDescription[] = []
  /** Function calls with a gas weight: where unused gas goes when the call succeeds. */
  readonly gasWeights: WeightedCall[] = []
  /**
   * Messages the contract hashed with `sha256` in this call, by digest: `p256_verify` of a digest
   * whose message is known can be checked by OpenSSL (which only verifies messages it hashes
   * itself), about 40 times faster than verifying the bare digest in JavaScript.
   */
  readonly sha256Preimages = new Map<string, Uint8Array>()
  memory!: MemoryAccess
  /** The instrumented module's remaining-gas global, kept in step with `gas` around host calls. */
  gasGlobal: WebAssembly.Global | undefined

  constructor(
    readonly context: ExecutionContext,
    /** The call's arguments (`input`). */
    readonly input: Uint8Array,
    storage: ContractStorage,
    maxGasBurnt: number,
  ) {
    // A view has no prepaid gas; its budget is the view cap (nearcore's `GasCounter::new`).
    this.gas = new GasCounter(maxGasBurnt, context.isView ? maxGasBurnt : context.prepaidGas, context.isView)
    this.storage = new StorageOverlay(storage)
    this.balance = context.accountBalance + context.attachedDeposit
    this.storageUsage = context.storageUsage
  }

  /** Burns what the wasm code spent since the host last set the global (nearcore's call hooks). */
  syncGasFromWasm(): void {
    if (!this.gasGlobal) return
    const spent = this.gas.remainingGas - Number(this.gasGlobal.value as bigint)
    if (spent > 0) this.gas.burn(spent)
  }

  syncGasToWasm(): void {
    if (this.gasGlobal) this.gasGlobal.value = BigInt(this.gas.remainingGas)
  }

  /** Host functions that change state or read the signer are refused in view calls. */
  refuseInView(methodName: string): void {
    if (this.context.isView) throw hostError({ type: 'ProhibitedInView', methodName })
  }

  checkCanAddLog(): void {
    if (this.logs.length >= limits.maxNumberLogs) throw hostError({ type: 'NumberOfLogsExceeded', limit: limits.maxNumberLogs })
  }

  pushLog(message: string): void {
    const length = Buffer.byteLength(message, 'utf8')
    this.totalLogLength += length
    if (this.totalLogLength > limits.maxTotalLogLength) {
      throw hostError({ type: 'TotalLogLengthExceeded', length: BigInt(this.totalLogLength), limit: limits.maxTotalLogLength })
    }
    this.logs.push(message)
  }

  deductBalance(amount: bigint): void {
    if (amount > this.balance) throw hostError({ type: 'BalanceExceeded' })
    this.balance -= amount
  }
}
