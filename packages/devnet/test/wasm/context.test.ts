import { describe, expect, it } from 'vitest'
import { extCosts } from '../../src/wasm/protocol-parameters'
import { context, loading, near, returnedBytes, returnedText, returnedU64s, run, tgas, watFile } from './harness'

const code = watFile('context')

const u128s = (bytes: Buffer) => Array.from({ length: bytes.length / 16 }, (_, i) => bytes.readBigUInt64LE(i * 16) + (bytes.readBigUInt64LE(i * 16 + 8) << 64n))

describe('registers', () => {
  it('behavior: write_register, register_len and read_register round-trip', () => {
    const bytes = returnedBytes(run(code, 'register_roundtrip'))
    expect(bytes.readBigUInt64LE(0)).toBe(3n)
    expect(bytes.subarray(8).toString()).toBe('abc')
  })

  it('behavior: an unset register has length u64::MAX', () => {
    expect(returnedU64s(run(code, 'unset_register_len'))).toEqual([2n ** 64n - 1n])
  })

  it('error: reading an unset register is InvalidRegisterId', () => {
    expect(run(code, 'read_unset_register').error).toEqual({ type: 'HostError', error: { type: 'InvalidRegisterId', registerId: 9n } })
  })

  it('error: host reads and writes outside the contract memory are MemoryAccessViolation', () => {
    expect(run(code, 'read_register_past_memory', { args: 'x' }).error).toBeUndefined()
    expect(run(code, 'read_register_past_memory', { args: 'xy' }).error).toEqual({ type: 'HostError', error: { type: 'MemoryAccessViolation' } })
    expect(run(code, 'write_register_past_memory').error).toEqual({ type: 'HostError', error: { type: 'MemoryAccessViolation' } })
  })

  it('error: at most 100 registers', () => {
    expect(run(code, 'too_many_registers').error).toEqual({ type: 'HostError', error: { type: 'MemoryAccessViolation' } })
  })

  it('behavior: input is the call arguments, and costs no per-byte register write', () => {
    const small = run(code, 'echo_input', { args: 'a' })
    const large = run(code, 'echo_input', { args: 'a'.repeat(1001) })
    expect(returnedText(large)).toBe('a'.repeat(1001))
    // value_return reads the register: only its per-byte read differs.
    expect(large.gasBurnt - small.gasBurnt).toBe(1000 * extCosts.read_register_byte)
  })
})

describe('context', () => {
  it('behavior: account ids, signer key, seed and chain id come from the context', () => {
    expect(returnedText(run(code, 'current'))).toBe('contract.test')
    expect(returnedText(run(code, 'signer'))).toBe('signer.test')
    expect(returnedText(run(code, 'predecessor'))).toBe('predecessor.test')
    expect([...returnedBytes(run(code, 'signer_pk'))]).toEqual([0, ...new Array(32).fill(7)])
    expect([...returnedBytes(run(code, 'seed'))]).toEqual(new Array(32).fill(9))
    expect(returnedText(run(code, 'chain', { context: { chainId: 'devnet' } }))).toBe('devnet')
  })

  it('behavior: block, time, epoch and storage usage', () => {
    expect(returnedU64s(run(code, 'numbers'))).toEqual([42n, 1_700_000_000_000_000_000n, 3n, 1000n])
  })

  it('behavior: balance includes the attached deposit; locked balance and deposit as given', () => {
    const outcome = run(code, 'balances', { context: { accountBalance: 5n * near, accountLockedBalance: 2n * near, attachedDeposit: 3n } })
    expect(u128s(returnedBytes(outcome))).toEqual([5n * near + 3n, 2n * near, 3n])
  })

  it('behavior: prepaid and used gas', () => {
    expect(returnedU64s(run(code, 'prepaid', { context: { prepaidGas: 7 * tgas } }))).toEqual([BigInt(7 * tgas)])
    const [used] = returnedU64s(run(code, 'used'))
    expect(used! > BigInt(loading(code))).toBe(true)
  })

  it('error: views refuse the signer, the predecessor, prepaid and used gas (ProhibitedInView)', () => {
    const view = { context: context({ isView: true }) }
    for (const [method, hostFunction] of [
      ['signer', 'signer_account_id'],
      ['signer_pk', 'signer_account_pk'],
      ['predecessor', 'predecessor_account_id'],
      ['prepaid', 'prepaid_gas'],
      ['used', 'used_gas'],
    ]) {
      expect(run(code, method!, view).error).toEqual({ type: 'HostError', error: { type: 'ProhibitedInView', methodName: hostFunction } })
    }
    expect(returnedText(run(code, 'current', view))).toBe('contract.test')
  })
})
