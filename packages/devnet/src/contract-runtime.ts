import type { Action } from './actions'
import type { PromiseResult as PromiseResultValue } from './wasm/types'

/**
 * What runs a contract's method for the chain. The chain knows accounts, keys, receipts and
 * gas; a runtime knows how to execute code: the wasm runtime runs any deployed NEAR contract
 * (tests may give another). The chain never names a contract's methods.
 */
export interface ContractRuntime {
  call(input: ContractCallInput): ContractCallOutcome | Promise<ContractCallOutcome>
}

/** The result of a receipt a callback depends on (`promise_result`): the wasm runtime's own type, one shape for both. */
export type { PromiseResult as PromiseResultValue } from './wasm/types'

export type ContractCallInput = {
  accountId: string
  method: string
  args: Uint8Array
  predecessorId: string
  signerId: string
  signerPublicKey: string
  attachedDeposit: bigint
  prepaidGas: bigint
  blockHeight: number
  blockTimestampMs: number
  /** The account's state before the call (balance already includes the attached deposit). */
  account: { amount: bigint; locked: bigint; storageUsage: bigint; data: ReadonlyMap<string, Uint8Array> }
  /** The deployed code, for runtimes that execute it. */
  code: Uint8Array | undefined
  codeHash: string | undefined
  promiseResults: PromiseResultValue[]
  randomSeed: Uint8Array
  isView: boolean
}

/** A receipt the call creates; `dependsOn` holds indexes of other receipts of the same call whose results it receives. */
export type OutgoingReceipt = { receiverId: string; actions: Action[]; dependsOn: number[] }

export type ContractCallOutcome = ContractCallSuccess | ContractCallFailure

export type ContractCallSuccess = {
  ok: true
  /** What the method returned, or the index of the outgoing receipt whose result is its result (`promise_return`). */
  returned: { value: Uint8Array } | { receipt: number }
  logs: string[]
  gasBurnt: bigint
  /** Burnt plus the gas given to the receipts it created. */
  gasUsed: bigint
  receipts: OutgoingReceipt[]
  /** Storage writes, by hex key; `null` removes. Applied only because the call succeeded. */
  dataChanges: Map<string, Uint8Array | null>
  /** The account's storage usage after the changes, as the runtime counted it. */
  storageUsage: bigint
  /** Balance the call gave away as deposits on its receipts. */
  balanceSpent: bigint
}

export type ContractCallFailure = {
  ok: false
  /** NEAR's `FunctionCallError` (for example `{ ExecutionError: "…" }` or `{ HostError: { GasExceeded: {} } }`). */
  error: Record<string, unknown>
  logs: string[]
  gasBurnt: bigint
  gasUsed: bigint
}

/** A view's answer, as `query call_function` returns it. */
export type ViewOutcome = { ok: true; value: Uint8Array; logs: string[] } | { ok: false; error: Record<string, unknown>; logs: string[] }
