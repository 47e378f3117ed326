import { describe, expect, it } from 'vitest'
import { ExecutionInputError, executeFunctionCall, prepareContract } from '../../src/wasm'
import { ByteWriter } from '../../src/wasm/wasm-binary'
import { MapStorage, context, loading, run, wat } from './harness'

const noop = '(func (export "main"))'

function prepareError(code: Uint8Array): unknown {
  const outcome = run(code, 'main')
  expect(outcome.gasBurnt).toBe(0)
  return outcome.error
}

const prepareRefusal = (reason: string) => ({ type: 'CompilationError', error: { type: 'PrepareError', error: reason } })

/** A module of one function `main` of type () -> () whose body (locals and code) is given as bytes. */
function moduleWithBody(body: Uint8Array, params = 0): Uint8Array {
  const out = new ByteWriter().bytes(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]))
  const types = new ByteWriter().u32(1).u8(0x60).u32(params)
  for (let i = 0; i < params; i++) types.u8(0x7f)
  types.u32(0)
  out.section(1, types)
  out.section(3, new ByteWriter().u32(1).u32(0))
  out.section(7, new ByteWriter().u32(1).name('main').u8(0).u32(0))
  out.section(10, new ByteWriter().u32(1).u32(body.length).bytes(body))
  return out.finish()
}

describe('preparation refuses what nearcore refuses', () => {
  it('error: bytes that are not a WebAssembly module', () => {
    expect(prepareError(new Uint8Array([1, 2, 3, 4]))).toEqual(prepareRefusal('Deserialization'))
  })

  it('error: an import from a module other than env', () => {
    expect(prepareError(wat(`(module (import "other" "f" (func)) ${noop})`))).toEqual(prepareRefusal('Instantiate'))
  })

  it('error: an imported memory, table or global', () => {
    expect(prepareError(wat(`(module (import "env" "memory" (memory 1 1)) ${noop})`))).toEqual(prepareRefusal('Memory'))
    expect(prepareError(wat(`(module (import "env" "table" (table 1 funcref)) ${noop})`))).toEqual(prepareRefusal('Instantiate'))
    expect(prepareError(wat(`(module (import "env" "g" (global i32)) ${noop})`))).toEqual(prepareRefusal('Instantiate'))
  })

  it('error: post-MVP features NEAR does not enable (multi-value, SIMD, threads, tail calls)', () => {
    expect(prepareError(wat(`(module (func (export "main") (result i32 i32) i32.const 1 i32.const 2))`, { multi_value: true }))).toEqual(prepareRefusal('Deserialization'))
    expect(prepareError(wat(`(module (func (export "main") (drop (v128.const i64x2 0 0))))`, { simd: true }))).toEqual(prepareRefusal('Deserialization'))
    expect(prepareError(wat(`(module (memory 1 1 shared) ${noop})`, { threads: true }))).toEqual(prepareRefusal('Deserialization'))
    expect(prepareError(wat(`(module (func $f) (func (export "main") (return_call $f)))`, { tail_call: true }))).toEqual(prepareRefusal('Deserialization'))
    expect(prepareError(wat(`(module (func (export "main") (block (param i32) drop) ))`, { multi_value: true }))).toEqual(prepareRefusal('Deserialization'))
  })

  it('error: more tables, table elements or types than a contract may have', () => {
    expect(prepareError(wat(`(module (table 1 funcref) (table 1 funcref) ${noop})`))).toEqual(prepareRefusal('TooManyTables'))
    expect(prepareError(wat(`(module (table 10001 funcref) ${noop})`))).toEqual(prepareRefusal('TooManyTableElements'))
    const types = Array.from({ length: 1025 }, (_, i) => `(type (func (param ${'i32 '.repeat(i % 5)}) (result i64)))`).join('')
    expect(prepareError(wat(`(module ${types} ${noop})`))).toEqual(prepareRefusal('TooManyTypes'))
  })

  it('error: more functions than a contract may have', () => {
    expect(prepareError(wat(`(module ${'(func)'.repeat(10_000)} ${noop})`))).toEqual(prepareRefusal('TooManyFunctions'))
  })

  it('error: a function body over 192 KiB', () => {
    const body = new ByteWriter().u32(0).bytes(new Uint8Array(196_608).fill(0x01)).u8(0x0b).finish()
    expect(prepareError(moduleWithBody(body))).toEqual(prepareRefusal('FunctionBodyTooLarge'))
  })

  it('error: more than a million locals', () => {
    const body = new ByteWriter().u32(1).u32(1_000_001).u8(0x7f).u8(0x0b).finish()
    expect(prepareError(moduleWithBody(body))).toEqual(prepareRefusal('TooManyLocals'))
  })

  it('error: more than 64 parameters, 5000 blocks or 8 KiB of operand stack in one function', () => {
    expect(prepareError(moduleWithBody(new Uint8Array([0x00, 0x0b]), 65))).toEqual(prepareRefusal('TooManyParamsPerFunction'))
    const blocks = new ByteWriter().u32(0)
    for (let i = 0; i < 5001; i++) blocks.u8(0x02).u8(0x40)
    for (let i = 0; i <= 5001; i++) blocks.u8(0x0b)
    expect(prepareError(moduleWithBody(blocks.finish()))).toEqual(prepareRefusal('TooManyBlocksPerFunction'))
    const pushes = '(i64.const 0)'.repeat(1025)
    expect(prepareError(wat(`(module (func (export "main") ${pushes} ${'drop '.repeat(1025)}))`))).toEqual(prepareRefusal('OperandStackTooLarge'))
  })

  it('error: reaching past the contract own globals, functions or locals (the runtime keeps its own there)', () => {
    // Index 1 of the globals would be the runtime's remaining-gas counter once instrumented.
    const body = new ByteWriter().u32(0).u8(0x42).signed(0n).u8(0x24).u32(0).u8(0x0b).finish()
    expect(prepareError(moduleWithBody(body))).toEqual(prepareRefusal('Deserialization'))
    const call = new ByteWriter().u32(0).u8(0x10).u32(1).u8(0x0b).finish()
    expect(prepareError(moduleWithBody(call))).toEqual(prepareRefusal('Deserialization'))
    const local = new ByteWriter().u32(0).u8(0x20).u32(0).u8(0x1a).u8(0x0b).finish()
    expect(prepareError(moduleWithBody(local))).toEqual(prepareRefusal('Deserialization'))
  })

  it('error: a memory instruction in a module without a memory', () => {
    expect(prepareError(wat(`(module (func (export "main") (drop (i32.load (i32.const 0)))))`))).toEqual(prepareRefusal('Deserialization'))
  })

  it('error: code V8 finds invalid (a type mismatch) is refused as wasmparser refuses it', () => {
    const body = new ByteWriter().u32(0).u8(0x42).signed(1n).u8(0x41).signed(1n).u8(0x6a).u8(0x1a).u8(0x0b).finish()
    expect(prepareError(moduleWithBody(body))).toEqual(prepareRefusal('Deserialization'))
  })
})

describe('linking and method resolution', () => {
  it('error: an env import NEAR does not have, or with another signature, fails to link after loading is charged', () => {
    const unknown = wat(`(module (import "env" "no_such_function" (func)) ${noop})`)
    const outcome = run(unknown, 'main')
    expect(outcome.error).toEqual({ type: 'LinkError', msg: 'unknown or invalid import' })
    expect(outcome.gasBurnt).toBe(loading(unknown))
    const wrongType = wat(`(module (import "env" "block_index" (func (result i32))) ${noop})`)
    expect(run(wrongType, 'main').error).toEqual({ type: 'LinkError', msg: 'incompatible import type for `env::block_index`' })
  })

  it('behavior: an import of a NEAR function this runtime lacks links, and fails only when called', () => {
    const code = wat(`(module (import "env" "alt_bn128_g1_sum" (func $f (param i64 i64 i64)))
      ${noop} (func (export "use") (call $f (i64.const 0) (i64.const 0) (i64.const 0))))`)
    expect(run(code, 'main').error).toBeUndefined()
    expect(run(code, 'use').error).toEqual({ type: 'HostError', error: { type: 'UnsupportedHostFunction', name: 'alt_bn128_g1_sum' } })
  })

  it('error: a missing method, or one with parameters, leaves no gas and no logs (protocol 85)', () => {
    const code = wat(`(module ${noop} (func (export "takes") (param i32)) (global (export "g") i32 (i32.const 0)))`)
    for (const [method, error] of [
      ['absent', 'MethodNotFound'],
      ['g', 'MethodNotFound'],
      ['takes', 'MethodInvalidSignature'],
    ]) {
      const outcome = run(code, method!)
      expect(outcome.error).toEqual({ type: 'MethodResolveError', error })
      expect([outcome.gasBurnt, outcome.gasUsed, outcome.logs]).toEqual([0, 0, []])
    }
    expect(run(code, '').error).toEqual({ type: 'MethodResolveError', error: 'MethodEmptyName' })
  })

  it('behavior: custom sections are discarded; the contract compiles once per code hash', () => {
    const custom = new ByteWriter().name('anything').bytes(new TextEncoder().encode('data'))
    const code = new ByteWriter().bytes(wat(`(module ${noop})`)).section(0, custom).finish()
    expect(run(code, 'main').error).toBeUndefined()
    expect(prepareContract(code)).toBe(prepareContract(Uint8Array.from(code)))
  })

  it('error: an element segment past its table traps at instantiation', () => {
    const code = wat(`(module (table 1 funcref) (func $f) (elem (i32.const 1) $f) ${noop})`)
    expect(run(code, 'main').error).toEqual({ type: 'WasmTrap', trap: 'MemoryOutOfBounds' })
  })

  it('error: a data segment beyond the 1024 pages a contract starts with traps at instantiation', () => {
    const code = wat(`(module (memory 2048) (data (i32.const 67108860) "12345") ${noop})`)
    const outcome = run(code, 'main')
    expect(outcome.error).toEqual({ type: 'WasmTrap', trap: 'MemoryOutOfBounds' })
    expect(outcome.gasBurnt).toBe(loading(code))
  })
})

describe('calls the runtime refuses to run', () => {
  it('error: prepaid gas above the protocol cap, or both code and a prepared contract', () => {
    const code = wat(`(module ${noop})`)
    const input = { method: 'main', args: new Uint8Array(), storage: new MapStorage() }
    expect(() => executeFunctionCall({ ...input, code, context: context({ prepaidGas: 1_000_000_000_000_001 }) })).toThrow(ExecutionInputError)
    expect(() => executeFunctionCall({ ...input, code, contract: prepareContract(code), context: context() })).toThrow(ExecutionInputError)
  })
})
