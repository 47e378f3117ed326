import type { AccessKeyPermission } from './accounts'

/**
 * NEAR's static action fees, in gas, from nearcore's `core/parameters/res/runtime_configs/
 * parameters.yaml` (no later protocol version changes them). Each fee has a part burnt when
 * the transaction becomes a receipt (`send`; this chain has one shard, so the signer-is-receiver
 * and not-SIR figures are equal) and a part burnt when the receipt executes (`execution`).
 */
type Fee = { send: bigint; execution: bigint }
const fee = (send: number, execution = send): Fee => ({ send: BigInt(send), execution: BigInt(execution) })

export const actionFees = {
  actionReceiptCreation: fee(108_059_500_000),
  dataReceiptCreationBase: fee(36_486_732_312),
  dataReceiptCreationPerByte: fee(17_212_011),
  createAccount: fee(99_607_375_000),
  deleteAccount: fee(147_489_000_000),
  deployContract: fee(184_765_750_000),
  deployContractPerByte: fee(6_812_999),
  functionCall: fee(2_319_861_500_000),
  functionCallPerByte: fee(2_235_934),
  transfer: fee(115_123_062_500),
  addFullAccessKey: fee(101_765_125_000),
  addFunctionCallKey: fee(102_217_625_000),
  addFunctionCallKeyPerByte: fee(1_925_331),
  deleteKey: fee(94_946_625_000),
} as const satisfies Record<string, Fee>

/** The gas price this chain charges, yoctoNEAR per gas: NEAR's minimum (`min_gas_price`). */
export const gasPrice = 100_000_000n
/** The most gas one transaction may attach to its function calls (`max_total_prepaid_gas`). */
export const maxTotalPrepaidGas = 300_000_000_000_000n

/** An action as this chain applies it (decoded from a transaction, or created by a contract's promise). */
export type ChainAction =
  | { kind: 'CreateAccount' }
  | { kind: 'DeployContract'; code: Uint8Array }
  | { kind: 'FunctionCall'; methodName: string; args: Uint8Array; gas: bigint; deposit: bigint }
  | { kind: 'Transfer'; deposit: bigint }
  | { kind: 'AddKey'; publicKey: string; permission: AccessKeyPermission }
  | { kind: 'DeleteKey'; publicKey: string }
  | { kind: 'DeleteAccount'; beneficiaryId: string }

/** The fee of one action: its send and execution parts. */
export function actionFee(action: ChainAction): Fee {
  const plus = (base: Fee, perByte: Fee, bytes: number): Fee => ({ send: base.send + perByte.send * BigInt(bytes), execution: base.execution + perByte.execution * BigInt(bytes) })
  switch (action.kind) {
    case 'CreateAccount':
      return actionFees.createAccount
    case 'DeployContract':
      return plus(actionFees.deployContract, actionFees.deployContractPerByte, action.code.length)
    case 'FunctionCall':
      return plus(actionFees.functionCall, actionFees.functionCallPerByte, Buffer.byteLength(action.methodName) + action.args.length)
    case 'Transfer':
      return actionFees.transfer
    case 'AddKey': {
      if (action.permission === 'FullAccess') return actionFees.addFullAccessKey
      const bytes = action.permission.FunctionCall.methodNames.reduce((sum, name) => sum + Buffer.byteLength(name) + 1, 0)
      return plus(actionFees.addFunctionCallKey, actionFees.addFunctionCallKeyPerByte, bytes)
    }
    case 'DeleteKey':
      return actionFees.deleteKey
    case 'DeleteAccount':
      return actionFees.deleteAccount
  }
}

/** What a list of actions burns when it becomes a receipt, and what its execution will burn, before any contract runs. */
export function receiptFees(actions: readonly ChainAction[]): { send: bigint; execution: bigint } {
  let send = actionFees.actionReceiptCreation.send
  let execution = actionFees.actionReceiptCreation.execution
  for (const action of actions) {
    const each = actionFee(action)
    send += each.send
    execution += each.execution
  }
  return { send, execution }
}
