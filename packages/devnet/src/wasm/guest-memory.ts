/**
 * The contract's linear memory. One fixed `WebAssembly.Memory` of 2048 pages (NEAR's maximum)
 * plus the runtime's page is kept and reused by every call: V8 charges a fresh 64 MiB memory, or a
 * `memory.grow`, with a garbage collection, which capped calls near 1,000 per second. The
 * instrumented code marks each page a store writes (see `instrument.ts`); after the call only
 * those pages are cleared, so the next call starts from zeroes like a new memory.
 *
 * Host functions read and write it through `MemoryAccess`, which checks against the size the
 * contract sees (1024 pages at the start, more after `memory.grow`) and fails with nearcore's
 * `MemoryAccessViolation`.
 */
import { hostError } from './errors'
import { dirtyMapOffset, pageSize, physicalMemoryPages } from './instrument'
import { limits } from './protocol-parameters'

const contractPages = limits.maxMemoryPages

export class PooledMemory {
  readonly memory = new WebAssembly.Memory({ initial: physicalMemoryPages, maximum: physicalMemoryPages })
  readonly bytes = new Uint8Array(this.memory.buffer)
  private readonly dirtyMap = this.bytes.subarray(dirtyMapOffset, dirtyMapOffset + contractPages)

  /** Marks the pages of `[start, start + length)` as written (host writes, data segments). */
  markDirty(start: number, length: number): void {
    if (length <= 0) return
    const first = Math.floor(start / pageSize)
    const last = Math.min(contractPages - 1, Math.floor((start + length - 1) / pageSize))
    for (let page = first; page <= last; page++) this.dirtyMap[page] = 1
  }

  /**
   * Clears every written page. A store of up to 8 bytes may cross into the next page, which its
   * mark does not name: the first bytes of that next page are cleared too.
   */
  reset(): void {
    let page = this.dirtyMap.indexOf(1)
    while (page !== -1) {
      const start = page * pageSize
      this.bytes.fill(0, start, Math.min(start + pageSize + 8, contractPages * pageSize))
      this.dirtyMap[page] = 0
      page = this.dirtyMap.indexOf(1, page + 1)
    }
  }
}

const pool: PooledMemory[] = []

/** A clean memory for one call; give it back with `releaseMemory` once the call is over. */
export function acquireMemory(): PooledMemory {
  return pool.pop() ?? new PooledMemory()
}

export function releaseMemory(memory: PooledMemory): void {
  memory.reset()
  pool.push(memory)
}

/** Host functions' access to the contract's memory, bounded by the size the contract sees. */
export class MemoryAccess {
  constructor(
    private readonly memory: PooledMemory,
    /** The contract's current page count (the instrumented module's `memory_pages` global). */
    private readonly visiblePages: () => number,
  ) {}

  private check(ptr: bigint, length: number): number {
    const end = ptr + BigInt(length)
    if (end > BigInt(this.visiblePages() * pageSize)) throw hostError({ type: 'MemoryAccessViolation' })
    return Number(ptr)
  }

  /** Bytes at `[ptr, ptr + length)`, copied out (the memory is cleared after the call). */
  read(ptr: bigint, length: bigint): Uint8Array {
    if (length > BigInt(contractPages * pageSize)) throw hostError({ type: 'MemoryAccessViolation' })
    const start = this.check(ptr, Number(length))
    return this.memory.bytes.slice(start, start + Number(length))
  }

  readByte(ptr: bigint): number {
    return this.memory.bytes[this.check(ptr, 1)]!
  }

  write(ptr: bigint, data: Uint8Array): void {
    const start = this.check(ptr, data.length)
    this.memory.bytes.set(data, start)
    this.memory.markDirty(start, data.length)
  }
}
