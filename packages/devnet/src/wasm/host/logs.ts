/**
 * Results, logs and panics (nearcore's "Miscellaneous API"): `value_return`, `panic`,
 * `panic_utf8`, `log_utf8`, `log_utf16` and AssemblyScript's `abort`, with NEAR's limits (100
 * logs, 16 KiB of log text per call, a returned value of at most 4 MiB).
 */
import type { CallState } from '../call-state'
import { hostError } from '../errors'
import { actionFees, limits } from '../protocol-parameters'
import { sendFee } from '../gas-counter'
import { memoryOrRegister, readMemory } from './guest-data'
import { readUtf16, readUtf8 } from './strings'

function log(call: CallState, message: string): void {
  call.gas.payBase('log_base')
  call.gas.payPer('log_byte', Buffer.byteLength(message, 'utf8'))
  call.pushLog(message)
}

export function log_utf8(call: CallState, len: bigint, ptr: bigint): void {
  call.gas.payBase('base')
  call.checkCanAddLog()
  log(call, readUtf8(call, len, ptr))
}

export function log_utf16(call: CallState, len: bigint, ptr: bigint): void {
  call.gas.payBase('base')
  call.checkCanAddLog()
  log(call, readUtf16(call, len, ptr))
}

export function panic(call: CallState): void {
  call.gas.payBase('base')
  throw hostError({ type: 'GuestPanic', panicMsg: 'explicit guest panic' })
}

export function panic_utf8(call: CallState, len: bigint, ptr: bigint): void {
  call.gas.payBase('base')
  throw hostError({ type: 'GuestPanic', panicMsg: readUtf8(call, len, ptr) })
}

/** AssemblyScript's `abort`: strings are UTF-16 with their byte length in the 4 bytes before them. */
export function abort(call: CallState, msgPtr: number, filenamePtr: number, line: number, col: number): void {
  call.gas.payBase('base')
  const message = msgPtr >>> 0
  const filename = filenamePtr >>> 0
  if (message < 4 || filename < 4) throw hostError({ type: 'BadUTF16' })
  call.checkCanAddLog()
  const u32At = (ptr: number) => Buffer.from(readMemory(call, BigInt(ptr - 4), 4n)).readUInt32LE(0)
  const messageLength = u32At(message)
  const filenameLength = u32At(filename)
  const text = readUtf16(call, BigInt(messageLength), BigInt(message))
  const file = readUtf16(call, BigInt(filenameLength), BigInt(filename))
  const panicMsg = `${text}, filename: "${file}" line: ${line >>> 0} col: ${col >>> 0}`
  call.gas.payBase('log_base')
  call.gas.payPer('log_byte', Buffer.byteLength(panicMsg, 'utf8'))
  call.pushLog(`ABORT: ${panicMsg}`)
  throw hostError({ type: 'GuestPanic', panicMsg })
}

export function value_return(call: CallState, valueLen: bigint, valuePtr: bigint): void {
  call.gas.payBase('base')
  const value = memoryOrRegister(call, valuePtr, valueLen)
  if (value.length > limits.maxLengthReturnedData) {
    throw hostError({ type: 'ReturnedValueLengthExceeded', length: value.length, limit: limits.maxLengthReturnedData })
  }
  // Each receipt waiting for this result gets it as a data receipt, paid for here and burnt.
  const fee = actionFees.new_data_receipt_byte
  let burn = 0
  for (const receiver of call.context.outputDataReceivers ?? []) {
    burn += (sendFee(fee, receiver === call.context.currentAccountId) + fee.execution) * value.length
  }
  call.gas.payAction('new_data_receipt_byte', burn, burn)
  call.returnData = { kind: 'value', value: value.slice() }
}
