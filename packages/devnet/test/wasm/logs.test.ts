import { describe, expect, it } from 'vitest'
import { describeFunctionCallError, rpcFunctionCallError } from '../../src/wasm'
import { extCosts } from '../../src/wasm/protocol-parameters'
import { returnedText, run, watFile } from './harness'

const code = watFile('logs')
const utf16 = (text: string) => Buffer.from(text, 'utf16le')

describe('logs', () => {
  it('behavior: log_utf8, log_utf16 and NUL-terminated UTF-8 logs', () => {
    expect(run(code, 'log', { args: 'EVENT_JSON:{"standard":"x"}' }).logs).toEqual(['EVENT_JSON:{"standard":"x"}'])
    expect(run(code, 'log_utf16', { args: utf16('héllo') }).logs).toEqual(['héllo'])
    expect(run(code, 'log_nul_terminated').logs).toEqual(['hi'])
  })

  it('behavior: a log costs log_base plus log_byte per UTF-8 byte, besides decoding', () => {
    const one = run(code, 'log', { args: 'a' })
    const eleven = run(code, 'log', { args: 'a'.repeat(11) })
    expect(eleven.profile.log_byte! - one.profile.log_byte!).toBe(10 * extCosts.log_byte)
    expect(eleven.profile.utf8_decoding_byte! - one.profile.utf8_decoding_byte!).toBe(10 * extCosts.utf8_decoding_byte)
    expect(one.profile.log_base).toBe(extCosts.log_base)
  })

  it('error: at most 100 logs per call', () => {
    const outcome = run(code, 'log_101_times', { args: 'x' })
    expect(outcome.error).toEqual({ type: 'HostError', error: { type: 'NumberOfLogsExceeded', limit: 100 } })
    expect(outcome.logs).toHaveLength(100)
  })

  it('error: at most 16 KiB of log text per call', () => {
    expect(run(code, 'log', { args: 'x'.repeat(16_384) }).error).toBeUndefined()
    expect(run(code, 'log', { args: 'x'.repeat(16_385) }).error).toEqual({ type: 'HostError', error: { type: 'TotalLogLengthExceeded', length: 16_385n, limit: 16_384 } })
    expect(run(code, 'log_101_times', { args: 'x'.repeat(200) }).error).toEqual({ type: 'HostError', error: { type: 'TotalLogLengthExceeded', length: 16_400n, limit: 16_384 } })
  })

  it('error: bad UTF-8 or UTF-16 is refused', () => {
    expect(run(code, 'log', { args: Uint8Array.from([0xff, 0xfe]) }).error).toEqual({ type: 'HostError', error: { type: 'BadUTF8' } })
    expect(run(code, 'log_utf16', { args: Uint8Array.from([0x00, 0xd8]) }).error).toEqual({ type: 'HostError', error: { type: 'BadUTF16' } })
    expect(run(code, 'log_utf16', { args: Uint8Array.from([0x61]) }).error).toEqual({ type: 'HostError', error: { type: 'BadUTF16' } })
  })
})

describe('panics and returned values', () => {
  it('error: panic, panic_utf8; logs made before the panic are kept', () => {
    const outcome = run(code, 'log_then_panic', { args: 'before' })
    expect(outcome.error).toEqual({ type: 'HostError', error: { type: 'GuestPanic', panicMsg: 'explicit guest panic' } })
    expect(outcome.logs).toEqual(['before'])
    const withMessage = run(code, 'panic_with_input', { args: 'not enough collateral' })
    expect(withMessage.error).toEqual({ type: 'HostError', error: { type: 'GuestPanic', panicMsg: 'not enough collateral' } })
    expect(describeFunctionCallError(withMessage.error as never)).toBe('Smart contract panicked: not enough collateral')
  })

  it('error: AssemblyScript abort logs and panics with its message, file, line and column', () => {
    const outcome = run(code, 'abort')
    const message = 'hi, filename: "a.t" line: 7 col: 9'
    expect(outcome.error).toEqual({ type: 'HostError', error: { type: 'GuestPanic', panicMsg: message } })
    expect(outcome.logs).toEqual([`ABORT: ${message}`])
  })

  it('behavior: value_return; error: a value over 4 MiB', () => {
    expect(returnedText(run(code, 'return_input', { args: 'result' }))).toBe('result')
    const tooLong = run(code, 'return_input', { args: new Uint8Array(4 * 1024 * 1024 + 1) })
    expect(tooLong.error).toEqual({ type: 'HostError', error: { type: 'ReturnedValueLengthExceeded', length: 4_194_305, limit: 4_194_304 } })
  })
})

describe('errors as NEAR reports them', () => {
  it('behavior: host errors and traps become ExecutionError text; compilation and method errors keep their shape', () => {
    expect(rpcFunctionCallError({ type: 'HostError', error: { type: 'GasExceeded' } })).toEqual({ ExecutionError: 'Exceeded the prepaid gas.' })
    expect(rpcFunctionCallError({ type: 'WasmTrap', trap: 'Unreachable' })).toEqual({ ExecutionError: 'WebAssembly trap: An `unreachable` opcode was executed.' })
    expect(rpcFunctionCallError({ type: 'LinkError', msg: 'unknown or invalid import' })).toEqual({ ExecutionError: 'Link Error: unknown or invalid import' })
    expect(rpcFunctionCallError({ type: 'MethodResolveError', error: 'MethodNotFound' })).toEqual({ MethodResolveError: 'MethodNotFound' })
    expect(rpcFunctionCallError({ type: 'CompilationError', error: { type: 'PrepareError', error: 'Instantiate' } })).toEqual({ CompilationError: { PrepareError: 'Instantiate' } })
  })
})
