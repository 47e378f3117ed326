import { describe, expect, it } from 'vitest'
import { actionFees, extCosts, wasmCosts } from '../../src/wasm/protocol-parameters'
import { frame, loading, ops, returnedU64s, run, tgas, watFile } from './harness'

const code = watFile('gas')
const base = loading(code)

describe('gas of wasm instructions, as nearcore charges them', () => {
  it('behavior: entering a function costs its frame: a regular op per 8 bytes of 64 plus its locals', () => {
    expect(run(code, 'empty').gasBurnt).toBe(base + frame())
    // i32.const, i32.const, i32.add, drop; `end` is free.
    expect(run(code, 'arith').gasBurnt).toBe(base + frame() + ops(4))
  })

  it('behavior: a loop pays for `loop` and its body on every iteration', () => {
    // 10 iterations of: loop, local.get, i32.const, i32.add, local.set, local.get, i32.const, i32.lt_u, br_if.
    expect(run(code, 'count_to_ten').gasBurnt).toBe(base + frame(4) + ops(10 * 9))
  })

  it('behavior: a call pays the call and the callee frame (its i32 parameter is 4 bytes of it)', () => {
    // caller: i32.const, call, drop; callee: local.get.
    expect(run(code, 'call_once').gasBurnt).toBe(base + frame() + ops(3) + frame(4) + ops(1))
  })

  it('behavior: memory.fill costs the linear base plus a unit per byte', () => {
    expect(run(code, 'fill').gasBurnt).toBe(base + frame() + ops(3) + wasmCosts.linearOpBase + 1000 * wasmCosts.linearOpUnit)
  })

  it('behavior: the contract sees its own gas: used_gas counts loading, instructions before the call, and the call base', () => {
    const outcome = run(code, 'used')
    expect(returnedU64s(outcome)).toEqual([BigInt(base + frame() + ops(2) + extCosts.base)])
  })

  it('error: an infinite loop stops with GasExceeded and burns exactly the prepaid gas', () => {
    const outcome = run(code, 'forever', { context: { prepaidGas: 5 * tgas } })
    expect(outcome.error).toEqual({ type: 'HostError', error: { type: 'GasExceeded' } })
    expect([outcome.gasBurnt, outcome.gasUsed]).toEqual([5 * tgas, 5 * tgas])
  })

  it('error: a view has no prepaid gas: it loops until the per-call cap (1 PGas at protocol 85), GasLimitExceeded', () => {
    const outcome = run(code, 'forever', { context: { isView: true, prepaidGas: 0 } })
    expect(outcome.error).toEqual({ type: 'HostError', error: { type: 'GasLimitExceeded' } })
    expect(outcome.gasBurnt).toBe(1_000 * tgas)
  })

  it('error: too little gas to load the contract', () => {
    const outcome = run(code, 'empty', { context: { prepaidGas: base - 1 } })
    expect(outcome.error).toEqual({ type: 'HostError', error: { type: 'GasExceeded' } })
    expect(outcome.gasBurnt).toBe(base - 1)
  })

  it('error: recursion past the stack budget stops as nearcore does, with MemoryAccessViolation', () => {
    expect(run(code, 'deep').error).toEqual({ type: 'HostError', error: { type: 'MemoryAccessViolation' } })
  })
})

describe('gas of host functions, from the parameter table', () => {
  it('behavior: sha256 of 100 bytes', () => {
    const host =
      extCosts.sha256_base +
      100 * extCosts.sha256_byte +
      extCosts.read_memory_base +
      100 * extCosts.read_memory_byte +
      extCosts.write_register_base +
      32 * extCosts.write_register_byte
    expect(run(code, 'sha_100').gasBurnt).toBe(base + frame() + ops(4) + host)
  })

  it('error: running out of gas inside a host function burns all that was prepaid', () => {
    const prepaid = base + frame() + ops(4) + extCosts.sha256_base
    const outcome = run(code, 'sha_100', { context: { prepaidGas: prepaid } })
    expect(outcome.error).toEqual({ type: 'HostError', error: { type: 'GasExceeded' } })
    expect(outcome.gasBurnt).toBe(prepaid)
  })

  it('behavior: gas attached to a promise and the fees of executing it are used, not burnt', () => {
    const outcome = run(code, 'promise')
    const { new_action_receipt: receipt, function_call_base: call, function_call_byte: byte } = actionFees
    // A receipt to another account: the send fees are burnt now, the execution fees and the attached gas are reserved.
    expect(outcome.gasUsed - outcome.gasBurnt).toBe(receipt.execution + call.execution + 2 * byte.execution + 5 * tgas)
    expect(outcome.profile.new_action_receipt).toBe(receipt.sendNotSir)
    expect(outcome.profile.function_call_base).toBe(call.sendNotSir)
    expect(outcome.receipts[0]!.actions).toEqual([{ kind: 'FunctionCall', methodName: 'go', args: new Uint8Array(), deposit: 0n, gas: 5 * tgas, gasWeight: 0n }])
  })
})
