/**
 * Strings a contract passes to `log_utf8`, `log_utf16`, `panic_utf8` and `abort`: bounded by the
 * log space the call has left, NUL-terminated when the length is u64::MAX, charged for decoding,
 * and refused when not valid UTF-8 or UTF-16 (a byte-order mark is kept, as Rust keeps it).
 */
import type { CallState } from '../call-state'
import { hostError } from '../errors'
import { limits } from '../protocol-parameters'
import { readMemory, u64Max } from './guest-data'

const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const utf16Fatal = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true })

function logLengthExceeded(call: CallState, length: bigint): never {
  throw hostError({ type: 'TotalLogLengthExceeded', length: BigInt(call.totalLogLength) + length, limit: limits.maxTotalLogLength })
}

/** A UTF-8 string the contract passes, bounded by the log space left; NUL-terminated when `len` is u64::MAX. */
export function readUtf8(call: CallState, len: bigint, ptr: bigint): string {
  call.gas.payBase('utf8_decoding_base')
  const maxLength = BigInt(Math.max(0, limits.maxTotalLogLength - call.totalLogLength))
  let bytes: Uint8Array
  if (len !== u64Max) {
    if (len > maxLength) logLengthExceeded(call, len)
    bytes = readMemory(call, ptr, len)
  } else {
    const collected: number[] = []
    for (let i = 0n; i <= maxLength; i++) {
      if (ptr + i > u64Max) throw hostError({ type: 'MemoryAccessViolation' })
      call.gas.payBase('read_memory_base')
      call.gas.payPer('read_memory_byte', 1)
      const byte = call.memory.readByte(ptr + i)
      if (byte === 0) break
      if (i === maxLength) logLengthExceeded(call, maxLength + 1n)
      collected.push(byte)
    }
    bytes = Uint8Array.from(collected)
  }
  call.gas.payPer('utf8_decoding_byte', bytes.length)
  try {
    return utf8Fatal.decode(bytes)
  } catch {
    throw hostError({ type: 'BadUTF8' })
  }
}

/** A UTF-16LE string the contract passes; NUL-terminated when `len` is u64::MAX. */
export function readUtf16(call: CallState, len: bigint, ptr: bigint): string {
  call.gas.payBase('utf16_decoding_base')
  const maxLength = BigInt(Math.max(0, limits.maxTotalLogLength - call.totalLogLength))
  let bytes: Uint8Array
  if (len === u64Max) {
    let length = 0n
    for (;;) {
      if (ptr + length > u64Max) throw hostError({ type: 'MemoryAccessViolation' })
      const unit = readMemory(call, ptr + length, 2n)
      if (unit[0] === 0 && unit[1] === 0) break
      length += 2n
      if (length > maxLength) logLengthExceeded(call, length)
    }
    len = length
    bytes = call.memory.read(ptr, len)
  } else {
    bytes = readMemory(call, ptr, len)
  }
  if (len % 2n !== 0n) throw hostError({ type: 'BadUTF16' })
  if (len > maxLength) logLengthExceeded(call, len)
  call.gas.payPer('utf16_decoding_byte', Number(len))
  try {
    return utf16Fatal.decode(bytes)
  } catch {
    throw hostError({ type: 'BadUTF16' })
  }
}
