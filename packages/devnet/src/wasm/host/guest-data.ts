/**
 * Moving data between the contract and its host functions, charged as nearcore charges it:
 * reading memory (`read_memory_base` + per byte), writing memory, and nearcore's convention that a
 * length of u64::MAX means "the register whose id is in the pointer argument".
 */
import type { CallState } from '../call-state'

export const u64Max = (1n << 64n) - 1n

/** Reads contract memory, charging for it before bounds are checked (nearcore's order). */
export function readMemory(call: CallState, ptr: bigint, length: bigint): Uint8Array {
  call.gas.payBase('read_memory_base')
  call.gas.payPer('read_memory_byte', Number(length))
  return call.memory.read(ptr, length)
}

export function writeMemory(call: CallState, ptr: bigint, data: Uint8Array): void {
  call.gas.payBase('write_memory_base')
  call.gas.payPer('write_memory_byte', data.length)
  call.memory.write(ptr, data)
}

/** Contract memory at `[ptr, ptr + length)`, or register `ptr` when `length` is u64::MAX. */
export function memoryOrRegister(call: CallState, ptr: bigint, length: bigint): Uint8Array {
  return length === u64Max ? call.registers.get(call.gas, ptr) : readMemory(call, ptr, length)
}

export function readU128(call: CallState, ptr: bigint): bigint {
  const bytes = readMemory(call, ptr, 16n)
  let value = 0n
  for (let i = 15; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]!)
  return value
}

export function writeU128(call: CallState, ptr: bigint, value: bigint): void {
  const bytes = new Uint8Array(16)
  let rest = value
  for (let i = 0; i < 16; i++) {
    bytes[i] = Number(rest & 0xffn)
    rest >>= 8n
  }
  writeMemory(call, ptr, bytes)
}

const utf8 = new TextEncoder()
export const encodeUtf8 = (text: string): Uint8Array => utf8.encode(text)
