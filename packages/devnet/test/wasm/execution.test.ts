import { describe, expect, it } from 'vitest'
import { returnedText, returnedU64s, run, watFile } from './harness'

const code = watFile('execution')
const trap = (trap: string) => ({ type: 'WasmTrap', trap })

describe('memory, as NEAR normalizes it', () => {
  it('behavior: every call starts from a clean memory with its data segments, after a write or a trap', () => {
    expect(run(code, 'write').error).toBeUndefined()
    expect(returnedU64s(run(code, 'read'))).toEqual([0n])
    expect(returnedText(run(code, 'read_data'))).toBe('data')
    expect(run(code, 'write_then_trap').error).toEqual(trap('Unreachable'))
    expect(returnedU64s(run(code, 'read'))).toEqual([0n])
  })

  it('behavior: the memory has 1024 pages whatever the contract declares, and grows to 2048 at most', () => {
    expect(returnedU64s(run(code, 'size'))).toEqual([1024n])
    expect(returnedU64s(run(code, 'grow_one'))).toEqual([1024n])
    expect(returnedU64s(run(code, 'size'))).toEqual([1024n])
    expect(returnedU64s(run(code, 'grow_past_max'))).toEqual([2n ** 64n - 1n])
  })

  it('error: an access past the memory size traps; growing makes room', () => {
    expect(run(code, 'store_past_end').error).toEqual(trap('MemoryOutOfBounds'))
    expect(run(code, 'load_past_end').error).toEqual(trap('MemoryOutOfBounds'))
    expect(returnedU64s(run(code, 'grow_then_store_past_end'))).toEqual([1n << 16n])
    expect(run(code, 'store_past_end').error).toEqual(trap('MemoryOutOfBounds'))
  })

  it('behavior: a store across a page boundary is cleared on both pages', () => {
    expect(run(code, 'write_across_pages').error).toBeUndefined()
    expect(returnedU64s(run(code, 'read_second_page'))).toEqual([0n])
  })

  it('error: grown to 2048 pages, the memory still ends there', () => {
    expect(run(code, 'grow_to_max_then_store_past_end').error).toEqual(trap('MemoryOutOfBounds'))
  })

  it('behavior: memory.fill, memory.copy and memory.init; error: past the end they trap', () => {
    expect(returnedText(run(code, 'bulk'))).toBe('AAAAAApassive')
    expect(run(code, 'fill_past_end').error).toEqual(trap('MemoryOutOfBounds'))
    expect(run(code, 'copy_from_past_end').error).toEqual(trap('MemoryOutOfBounds'))
  })

  it('behavior: globals start over and the start function runs at every call', () => {
    expect(returnedU64s(run(code, 'counter'))).toEqual([1n])
    expect(returnedU64s(run(code, 'counter'))).toEqual([1n])
  })
})

describe('traps, with nearcore names', () => {
  it('behavior: call_indirect through the table', () => {
    expect(returnedU64s(run(code, 'indirect'))).toEqual([7n])
  })

  it('error: indirect calls to a null entry, of the wrong type, past the table', () => {
    expect(run(code, 'indirect_null').error).toEqual(trap('IndirectCallToNull'))
    expect(run(code, 'indirect_wrong_type').error).toEqual(trap('IncorrectCallIndirectSignature'))
    expect(run(code, 'indirect_past_table').error).toEqual(trap('MemoryOutOfBounds'))
  })

  it('error: arithmetic traps and unreachable', () => {
    expect(run(code, 'divide_by_zero').error).toEqual(trap('IllegalArithmetic'))
    expect(run(code, 'truncate_nan').error).toEqual(trap('IllegalArithmetic'))
    expect(run(code, 'unreachable').error).toEqual(trap('Unreachable'))
  })
})
