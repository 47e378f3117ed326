/**
 * What the chain gives the runtime for one function call and what it gets back. Balances are
 * yoctoNEAR (`bigint`), gas is a `number` (every figure is below 2^53).
 */
import type { ExecutionError } from './errors'

/** A callback's view of the receipts it waited on (`promise_result`). NEAR never reports "not ready". */
export type PromiseResult = { status: 'successful'; data: Uint8Array } | { status: 'failed' }

/** nearcore's `VMContext` for one call. */
export type ExecutionContext = {
  currentAccountId: string
  signerAccountId: string
  /** The signer's key, borsh-encoded as NEAR's `PublicKey` (key type byte, then the key). */
  signerAccountPk: Uint8Array
  predecessorAccountId: string
  /** Where refunds go (`promise_set_refund_to` of the caller); the predecessor when not set. */
  refundToAccountId?: string
  blockIndex: bigint
  blockTimestampNs: bigint
  epochHeight: bigint
  /** Added to the account's balance before the call runs. */
  attachedDeposit: bigint
  prepaidGas: number
  /** The account's balance before the attached deposit. */
  accountBalance: bigint
  accountLockedBalance: bigint
  /** The account's storage usage before the call (account record, keys, code, data), in bytes. */
  storageUsage: number
  /** 32 bytes. */
  randomSeed: Uint8Array
  /** A view call: no state changes, no promises, no signer or predecessor. */
  isView: boolean
  promiseResults: PromiseResult[]
  /** Accounts waiting for this call's result as data receipts (the callbacks depending on it). */
  outputDataReceivers?: string[]
  /** What `chain_id` returns. */
  chainId?: string
  /** What `current_contract_code` returns: the hash of the account's code, 32 bytes. */
  codeHash?: Uint8Array
}

/** The account's contract storage as it was before the call; the runtime never writes to it. */
export interface ContractStorage {
  get(key: Uint8Array): Uint8Array | undefined
}

/** A write (`value`) or removal (`value: undefined`) the call leaves, to apply when it succeeds. */
export type StorageChange = { key: Uint8Array; value: Uint8Array | undefined }

/** The actions a contract's promises create: the chain's own action type (`../actions.ts`), one for both. */
import type { Action } from '../actions'
export type { AccessKeyPermission, Action, PublicKeyBytes } from '../actions'

/**
 * A receipt the call created, for the chain to execute in a later block. `dependsOn` lists the
 * receipts (indices in the same outcome's `receipts`) whose results it waits for as data
 * (`promise_then`, `promise_and`): it runs once they all have, with their results in order.
 */
export type ReceiptDescription = {
  receiverId: string
  dependsOn: number[]
  actions: Action[]
  refundTo: string | undefined
}

/** A function call among the receipts that gets a share of unused gas (`promise_batch_action_function_call_weight`). */
export type WeightedCall = { receipt: number; action: number; weight: bigint }

export type ReturnData = { kind: 'none' } | { kind: 'value'; value: Uint8Array } | { kind: 'receipt'; receiptIndex: number }

export type FunctionCallOutcome = {
  /** Undefined when the call succeeded and its effects are to be applied. */
  error: ExecutionError | undefined
  returnData: ReturnData
  /** Kept on failure too, as NEAR keeps them. */
  logs: string[]
  gasBurnt: number
  /** Burnt gas plus gas attached to the receipts the call created (and, after `distributeUnusedGas`, gas given to them by weight). */
  gasUsed: number
  /** The account's balance after the call: attached deposit in, deposits of new receipts out (before it, on failure). */
  balance: bigint
  /** 1 yoctoNEAR deposits the call attached without paying, its balance being zero (`one_yocto_on_promise`). */
  subsidizedAmount: bigint
  /** The account's storage usage after the call. */
  storageUsage: number
  /** Empty unless the call succeeded. */
  storageChanges: StorageChange[]
  /** Empty unless the call succeeded. */
  receipts: ReceiptDescription[]
  /** Function calls created with a gas weight, in the order they were added: where `distributeUnusedGas` puts unused gas. */
  weightedCalls: WeightedCall[]
  /** Gas burnt per host-function cost and action fee, and for wasm instructions (`wasm_execution`). */
  profile: Record<string, number>
}
