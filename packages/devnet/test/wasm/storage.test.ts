import { describe, expect, it } from 'vitest'
import { extCosts, storageAmountPerByte } from '../../src/wasm/protocol-parameters'
import { MapStorage, loading, near, returnedBytes, returnedU64s, run, watFile } from './harness'

const code = watFile('storage')
const flagAndValue = (bytes: Buffer) => [bytes.readBigUInt64LE(0), bytes.subarray(8).toString()]
const key = Buffer.from('k')

describe('storage', () => {
  it('behavior: a new record adds key, value and 40 bytes to storage usage; the change is returned, not applied', () => {
    const storage = new MapStorage()
    const outcome = run(code, 'write', { args: 'hello', storage })
    expect(flagAndValue(returnedBytes(outcome))).toEqual([0n, ''])
    expect(outcome.storageUsage).toBe(1000 + 1 + 5 + 40)
    expect(outcome.storageChanges).toEqual([{ key: Uint8Array.from(key), value: new TextEncoder().encode('hello') }])
    expect(storage.entries.size).toBe(0)
  })

  it('behavior: overwriting returns the evicted value and changes usage by the difference', () => {
    const outcome = run(code, 'write', { args: 'hi', storage: new MapStorage({ k: 'hello' }) })
    expect(flagAndValue(returnedBytes(outcome))).toEqual([1n, 'hello'])
    expect(outcome.storageUsage).toBe(1000 - 3)
  })

  it('behavior: read, has_key and remove see the stored value; remove gives its bytes back', () => {
    const storage = new MapStorage({ k: 'hello' })
    expect(flagAndValue(returnedBytes(run(code, 'read', { storage })))).toEqual([1n, 'hello'])
    expect(returnedU64s(run(code, 'has', { storage }))).toEqual([1n])
    const removed = run(code, 'remove', { storage })
    expect(flagAndValue(returnedBytes(removed))).toEqual([1n, 'hello'])
    expect(removed.storageUsage).toBe(1000 - (1 + 5 + 40))
    expect(removed.storageChanges).toEqual([{ key: Uint8Array.from(key), value: undefined }])
    expect(flagAndValue(returnedBytes(run(code, 'read')))).toEqual([0n, ''])
    expect(returnedU64s(run(code, 'has'))).toEqual([0n])
  })

  it('behavior: the host-function gas of a write of a new value, from the table', () => {
    const outcome = run(code, 'write', { args: 'hello' })
    const host =
      4 * extCosts.base + // input, storage_write, register_len, value_return
      extCosts.write_register_base + // the input into register 0 (no per-byte charge)
      extCosts.storage_write_base +
      extCosts.read_memory_base +
      1 * extCosts.read_memory_byte + // the key, from memory
      extCosts.read_register_base +
      5 * extCosts.read_register_byte + // the value, from register 0
      1 * extCosts.storage_write_key_byte +
      5 * extCosts.storage_write_value_byte +
      extCosts.read_memory_base +
      8 * extCosts.read_memory_byte // value_return of the 8-byte flag
    expect(outcome.gasBurnt - outcome.profile.wasm_execution! - loading(code)).toBe(host)
  })

  it('error: a failed call keeps none of its writes', () => {
    const outcome = run(code, 'write_then_panic', { args: 'hello' })
    expect(outcome.error).toEqual({ type: 'HostError', error: { type: 'GuestPanic', panicMsg: 'explicit guest panic' } })
    expect(outcome.storageChanges).toEqual([])
    expect(outcome.storageUsage).toBe(1000)
  })

  it('error: a key over 2 KiB is KeyLengthExceeded', () => {
    expect(run(code, 'long_key').error).toEqual({ type: 'HostError', error: { type: 'KeyLengthExceeded', length: 2049, limit: 2048 } })
  })

  it('error: views refuse writes and removals (ProhibitedInView), and read freely', () => {
    const view = { context: { isView: true }, storage: new MapStorage({ k: 'hello' }) }
    expect(run(code, 'write', { ...view, args: 'x' }).error).toEqual({ type: 'HostError', error: { type: 'ProhibitedInView', methodName: 'storage_write' } })
    expect(run(code, 'remove', view).error).toEqual({ type: 'HostError', error: { type: 'ProhibitedInView', methodName: 'storage_remove' } })
    expect(flagAndValue(returnedBytes(run(code, 'read', view)))).toEqual([1n, 'hello'])
  })

  it('error: a call that leaves the balance short of the storage stake fails with LackBalanceForState', () => {
    // 10^19 yoctoNEAR per byte: 1000 + 1046 bytes need 2046 * 10^19.
    const balance = 1000n * storageAmountPerByte + 1045n * storageAmountPerByte
    const outcome = run(code, 'write', { args: 'v'.repeat(1005), context: { accountBalance: balance } })
    expect(outcome.error).toEqual({ type: 'LackBalanceForState', accountId: 'contract.test', amount: storageAmountPerByte })
    expect(outcome.storageChanges).toEqual([])
    const enough = run(code, 'write', { args: 'v'.repeat(1005), context: { accountBalance: balance + storageAmountPerByte } })
    expect(enough.error).toBeUndefined()
    expect(enough.storageUsage).toBe(2046)
  })

  it('behavior: the attached deposit counts toward the stake; a zero-balance account (770 bytes or less) needs none', () => {
    expect(run(code, 'write', { args: 'v', context: { accountBalance: 0n, attachedDeposit: 1n * near } }).error).toBeUndefined()
    expect(run(code, 'write', { args: 'v', context: { accountBalance: 0n, storageUsage: 100 } }).error).toBeUndefined()
  })
})
