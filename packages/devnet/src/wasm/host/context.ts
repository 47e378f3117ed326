/**
 * Registers, input and the call's context (nearcore's "Registers API", "Context API" and
 * "Economics API"). The signer, the predecessor, prepaid and used gas are refused in views.
 */
import type { CallState } from '../call-state'
import { encodeUtf8, readMemory, u64Max, writeMemory, writeU128 } from './guest-data'

export function read_register(call: CallState, registerId: bigint, ptr: bigint): void {
  call.gas.payBase('base')
  const data = call.registers.get(call.gas, registerId)
  writeMemory(call, ptr, data)
}

export function register_len(call: CallState, registerId: bigint): bigint {
  call.gas.payBase('base')
  const length = call.registers.length(registerId)
  return length === undefined ? u64Max : BigInt(length)
}

export function write_register(call: CallState, registerId: bigint, dataLen: bigint, dataPtr: bigint): void {
  call.gas.payBase('base')
  call.registers.set(call.gas, registerId, readMemory(call, dataPtr, dataLen))
}

function setText(call: CallState, registerId: bigint, accountId: string): void {
  call.gas.payBase('base')
  call.registers.set(call.gas, registerId, encodeUtf8(accountId))
}

export function current_account_id(call: CallState, registerId: bigint): void {
  setText(call, registerId, call.context.currentAccountId)
}

/** A register set from the context, refused in views (nearcore lists these as prohibited there). */
function setRefusedInView(call: CallState, registerId: bigint, methodName: string, data: Uint8Array): void {
  call.gas.payBase('base')
  call.refuseInView(methodName)
  call.registers.set(call.gas, registerId, data)
}

export function signer_account_id(call: CallState, registerId: bigint): void {
  setRefusedInView(call, registerId, 'signer_account_id', encodeUtf8(call.context.signerAccountId))
}

export function signer_account_pk(call: CallState, registerId: bigint): void {
  setRefusedInView(call, registerId, 'signer_account_pk', call.context.signerAccountPk)
}

export function predecessor_account_id(call: CallState, registerId: bigint): void {
  setRefusedInView(call, registerId, 'predecessor_account_id', encodeUtf8(call.context.predecessorAccountId))
}

export function refund_to_account_id(call: CallState, registerId: bigint): void {
  setRefusedInView(call, registerId, 'refund_to_account_id', encodeUtf8(call.context.refundToAccountId ?? call.context.predecessorAccountId))
}

export function chain_id(call: CallState, registerId: bigint): void {
  setText(call, registerId, call.context.chainId ?? 'localnet')
}

export function input(call: CallState, registerId: bigint): void {
  call.gas.payBase('base')
  // The input is already the host's: nearcore charges no per-byte register write for it.
  call.registers.set(call.gas, registerId, call.input, false)
}

export function current_contract_code(call: CallState, registerId: bigint): bigint {
  call.gas.payBase('base')
  const hash = call.context.codeHash
  if (!hash) return 0n
  call.registers.set(call.gas, registerId, hash)
  return 1n
}

export function block_index(call: CallState): bigint {
  call.gas.payBase('base')
  return call.context.blockIndex
}

export function block_timestamp(call: CallState): bigint {
  call.gas.payBase('base')
  return call.context.blockTimestampNs
}

export function epoch_height(call: CallState): bigint {
  call.gas.payBase('base')
  return call.context.epochHeight
}

export function storage_usage(call: CallState): bigint {
  call.gas.payBase('base')
  return BigInt(call.storageUsage)
}

export function account_balance(call: CallState, balancePtr: bigint): void {
  call.gas.payBase('base')
  writeU128(call, balancePtr, call.balance)
}

export function account_locked_balance(call: CallState, balancePtr: bigint): void {
  call.gas.payBase('base')
  writeU128(call, balancePtr, call.context.accountLockedBalance)
}

export function attached_deposit(call: CallState, balancePtr: bigint): void {
  call.gas.payBase('base')
  writeU128(call, balancePtr, call.context.attachedDeposit)
}

export function prepaid_gas(call: CallState): bigint {
  call.gas.payBase('base')
  call.refuseInView('prepaid_gas')
  return BigInt(call.context.prepaidGas)
}

export function used_gas(call: CallState): bigint {
  call.gas.payBase('base')
  call.refuseInView('used_gas')
  return BigInt(call.gas.usedGas)
}

export function random_seed(call: CallState, registerId: bigint): void {
  call.gas.payBase('base')
  call.registers.set(call.gas, registerId, call.context.randomSeed)
}
