/**
 * What stopped a call, as nearcore names it: a host error or a trap the runtime raised itself,
 * or a V8 trap, told apart by V8's message (nearcore's classification of Wasmtime traps: table
 * out of bounds is reported as `MemoryOutOfBounds`, division by zero and overflow as
 * `IllegalArithmetic`). Anything else is a fault of this runtime and is thrown on.
 */
import { type FunctionCallError, HostErrorSignal, type WasmTrapName, WasmTrapSignal } from './errors'

const v8Traps: Array<[RegExp, WasmTrapName]> = [
  [/^unreachable/, 'Unreachable'],
  [/memory access out of bounds|data segment out of bounds|out of bounds memory access/, 'MemoryOutOfBounds'],
  [/table index is out of bounds|table access out of bounds|element segment out of bounds|out of bounds table access|table initializer is out of bounds/, 'MemoryOutOfBounds'],
  [/divide by zero|remainder by zero|divide result unrepresentable|integer overflow/, 'IllegalArithmetic'],
  [/float unrepresentable in integer range/, 'IllegalArithmetic'],
  [/function signature mismatch/, 'IncorrectCallIndirectSignature'],
]

export function classifyFailure(error: unknown): FunctionCallError {
  if (error instanceof HostErrorSignal) return { type: 'HostError', error: error.error }
  if (error instanceof WasmTrapSignal) return { type: 'WasmTrap', trap: error.trap }
  if (error instanceof RangeError && /call stack size exceeded/.test(error.message)) return { type: 'WasmTrap', trap: 'StackOverflow' }
  if (error instanceof WebAssembly.RuntimeError) {
    for (const [pattern, trap] of v8Traps) if (pattern.test(error.message)) return { type: 'WasmTrap', trap }
    return { type: 'WasmTrap', trap: 'GenericTrap' }
  }
  throw error
}
