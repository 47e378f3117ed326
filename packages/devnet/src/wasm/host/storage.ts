/**
 * The contract's key-value storage (nearcore's "Storage API"), with NEAR's usage accounting: a new
 * record adds its key, its value and 40 bytes to the account's storage usage; replacing a value
 * adds the difference; removing gives it all back. Writes and removals are refused in views.
 *
 * Gas is nearcore's per operation, key byte and value byte, plus what the real runtime charges for
 * the evicted or removed value. Trie-node charges (`touching_trie_node`) are not made: they depend
 * on the shape of the state trie, which this runtime does not have.
 */
import type { CallState } from '../call-state'
import { hostError } from '../errors'
import { type ExtCost, limits, storageNumExtraBytesRecord } from '../protocol-parameters'
import { memoryOrRegister } from './guest-data'

/** nearcore's `INLINE_DISK_VALUE_THRESHOLD`: longer values cost a (tiny) large-read overhead. */
const inlineValueThreshold = 4000

function readKey(call: CallState, keyLen: bigint, keyPtr: bigint): Uint8Array {
  const key = memoryOrRegister(call, keyPtr, keyLen)
  if (key.length > limits.maxLengthStorageKey) throw hostError({ type: 'KeyLengthExceeded', length: key.length, limit: limits.maxLengthStorageKey })
  return key.slice()
}

/**
 * How `storage_read`, `storage_remove` and `storage_has_key` start: their charges in nearcore's
 * order (a view refuses a removal before anything else) and the key.
 */
function keyedOperation(call: CallState, keyLen: bigint, keyPtr: bigint, base: ExtCost, keyByte: ExtCost, refusedInView?: string): Uint8Array {
  call.gas.payBase('base')
  if (refusedInView) call.refuseInView(refusedInView)
  call.gas.payBase(base)
  const key = readKey(call, keyLen, keyPtr)
  call.gas.payPer(keyByte, key.length)
  return key
}

export function storage_write(call: CallState, keyLen: bigint, keyPtr: bigint, valueLen: bigint, valuePtr: bigint, registerId: bigint): bigint {
  call.gas.payBase('base')
  call.refuseInView('storage_write')
  call.gas.payBase('storage_write_base')
  const key = readKey(call, keyLen, keyPtr)
  const value = memoryOrRegister(call, valuePtr, valueLen).slice()
  if (value.length > limits.maxLengthStorageValue) throw hostError({ type: 'ValueLengthExceeded', length: value.length, limit: limits.maxLengthStorageValue })
  call.gas.payPer('storage_write_key_byte', key.length)
  call.gas.payPer('storage_write_value_byte', value.length)
  const evicted = call.storage.get(key)
  if (evicted !== undefined) call.gas.payPer('storage_write_evicted_byte', evicted.length)
  call.storage.set(key, value)
  if (evicted !== undefined) {
    call.storageUsage = call.storageUsage - evicted.length + value.length
    call.registers.set(call.gas, registerId, evicted)
    return 1n
  }
  call.storageUsage += value.length + key.length + storageNumExtraBytesRecord
  return 0n
}

export function storage_read(call: CallState, keyLen: bigint, keyPtr: bigint, registerId: bigint): bigint {
  const key = keyedOperation(call, keyLen, keyPtr, 'storage_read_base', 'storage_read_key_byte')
  const value = call.storage.get(key)
  if (value === undefined) return 0n
  call.gas.payPer('storage_read_value_byte', value.length)
  if (value.length > inlineValueThreshold) {
    call.gas.payBase('storage_large_read_overhead_base')
    call.gas.payPer('storage_large_read_overhead_byte', value.length)
  }
  call.registers.set(call.gas, registerId, value)
  return 1n
}

export function storage_remove(call: CallState, keyLen: bigint, keyPtr: bigint, registerId: bigint): bigint {
  const key = keyedOperation(call, keyLen, keyPtr, 'storage_remove_base', 'storage_remove_key_byte', 'storage_remove')
  const present = call.storage.get(key)
  if (present === undefined) return 0n
  call.gas.payPer('storage_remove_ret_value_byte', present.length)
  call.storage.remove(key)
  call.storageUsage -= present.length + key.length + storageNumExtraBytesRecord
  call.registers.set(call.gas, registerId, present)
  return 1n
}

export function storage_has_key(call: CallState, keyLen: bigint, keyPtr: bigint): bigint {
  const key = keyedOperation(call, keyLen, keyPtr, 'storage_has_key_base', 'storage_has_key_byte')
  return call.storage.get(key) === undefined ? 0n : 1n
}

/** Removed from NEAR long ago; a contract importing them links and fails when it calls one. */
export function deprecatedIterator(name: string) {
  return (): never => {
    throw hostError({ type: 'Deprecated', methodName: name })
  }
}
