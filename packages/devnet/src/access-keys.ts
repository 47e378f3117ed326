import type { AccessKeyRecord } from './accounts'
import type { Action } from './actions'

/** NEAR's `InvalidAccessKeyError`: a bare variant name, or a variant with its fields. */
export type InvalidAccessKey = string | Record<string, unknown>

/**
 * What a function-call access key may sign, as nearcore checks it when a transaction is
 * verified: exactly one FunctionCall, to the key's receiver, to one of its methods (any when the
 * list is empty), with no deposit, and costing no more than what is left of its allowance.
 * Returns NEAR's `InvalidAccessKeyError` variant, or undefined when the key may sign.
 */
export function accessKeyRefusal(
  record: AccessKeyRecord,
  tx: { signerId: string; publicKey: string; receiverId: string; actions: readonly Action[] },
  cost: bigint,
): InvalidAccessKey | undefined {
  const { permission } = record
  if (permission.kind === 'FullAccess') return undefined
  if (permission.allowance !== undefined && permission.allowance < cost) {
    return { NotEnoughAllowance: { account_id: tx.signerId, public_key: tx.publicKey, allowance: permission.allowance.toString(), cost: cost.toString() } }
  }
  const [only, ...more] = tx.actions
  if (!only || more.length > 0 || only.kind !== 'FunctionCall') return 'RequiresFullAccess'
  if (only.deposit > 0n) return 'DepositWithFunctionCall'
  if (tx.receiverId !== permission.receiverId) return { ReceiverMismatch: { tx_receiver: tx.receiverId, ak_receiver: permission.receiverId } }
  if (permission.methodNames.length > 0 && !permission.methodNames.includes(only.methodName)) return { MethodNameMismatch: { method_name: only.methodName } }
  return undefined
}

/** Takes a signed transaction's cost from a function-call key's allowance (full-access keys have none). */
export function spendAllowance(record: AccessKeyRecord, cost: bigint): void {
  const { permission } = record
  if (permission.kind === 'FunctionCall' && permission.allowance !== undefined) record.permission = { ...permission, allowance: permission.allowance - cost }
}

/** The permission as NEAR's RPC shows it in `view_access_key`. */
export function permissionView(record: AccessKeyRecord): unknown {
  if (record.permission.kind === 'FullAccess') return 'FullAccess'
  const { allowance, receiverId, methodNames } = record.permission
  return { FunctionCall: { allowance: allowance === undefined ? null : allowance.toString(), receiver_id: receiverId, method_names: methodNames } }
}
