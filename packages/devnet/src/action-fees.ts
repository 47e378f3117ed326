import type { Action } from './actions'
import { actionFees, limits } from './wasm/protocol-parameters'

/**
 * NEAR's action fees, in gas, from the protocol version the wasm runtime bundles
 * (`wasm/protocol-parameters.ts`: one table for the chain and the runtime). Each fee has a part
 * burnt when a receipt is sent (smaller or equal when it goes to the account sending it:
 * `sendSir`) and a part burnt when it executes.
 */
type Fee = { send: bigint; execution: bigint }
const feeOf = (fee: (typeof actionFees)[keyof typeof actionFees], sir: boolean, times = 1): Fee => ({
  send: BigInt(sir ? fee.sendSir : fee.sendNotSir) * BigInt(times),
  execution: BigInt(fee.execution) * BigInt(times),
})
const add = (a: Fee, b: Fee): Fee => ({ send: a.send + b.send, execution: a.execution + b.execution })

/** The gas price this chain charges, yoctoNEAR per gas: NEAR's minimum (`min_gas_price`). */
export const gasPrice = 100_000_000n
/** The most gas one transaction may attach to its function calls (`max_total_prepaid_gas` at the bundled protocol version). */
export const maxTotalPrepaidGas = BigInt(limits.maxTotalPrepaidGas)

/** The fee of one action; `sir` when the receipt's receiver is its sender. */
export function actionFee(action: Action, sir: boolean): Fee {
  switch (action.kind) {
    case 'CreateAccount':
      return feeOf(actionFees.create_account, sir)
    case 'DeployContract':
      return add(feeOf(actionFees.deploy_contract_base, sir), feeOf(actionFees.deploy_contract_byte, sir, action.code.length))
    case 'FunctionCall':
      return add(feeOf(actionFees.function_call_base, sir), feeOf(actionFees.function_call_byte, sir, Buffer.byteLength(action.methodName) + action.args.length))
    case 'Transfer':
      return feeOf(actionFees.transfer, sir)
    case 'AddKey': {
      if (action.permission.kind === 'FullAccess') return feeOf(actionFees.add_full_access_key, sir)
      // nearcore counts each method name's bytes and one more for it.
      const bytes = action.permission.methodNames.reduce((sum, name) => sum + Buffer.byteLength(name) + 1, 0)
      return add(feeOf(actionFees.add_function_call_key_base, sir), feeOf(actionFees.add_function_call_key_byte, sir, bytes))
    }
    case 'DeleteKey':
      return feeOf(actionFees.delete_key, sir)
    case 'DeleteAccount':
      return feeOf(actionFees.delete_account, sir)
    case 'Stake':
      return feeOf(actionFees.stake, sir)
  }
}

/** What a receipt's actions burn when it is sent, and what its execution will burn, before any contract runs. */
export function receiptFees(actions: readonly Action[], sir: boolean): Fee {
  return actions.reduce((sum, action) => add(sum, actionFee(action, sir)), feeOf(actionFees.new_action_receipt, sir))
}
