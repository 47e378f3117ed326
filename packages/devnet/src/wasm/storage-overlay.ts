/**
 * The call's writes over the account's storage: reads see them, the underlying storage is left
 * alone, and the changes are handed to the chain only if the call succeeds (a failed receipt keeps
 * none of its state changes).
 */
import type { ContractStorage, StorageChange } from './types'

const keyOf = (key: Uint8Array): string => Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('latin1')

export class StorageOverlay {
  private readonly changes = new Map<string, StorageChange>()

  constructor(private readonly base: ContractStorage) {}

  get(key: Uint8Array): Uint8Array | undefined {
    const change = this.changes.get(keyOf(key))
    return change ? change.value : this.base.get(key)
  }

  /** Writes `value` (the runtime's own copy) and returns the value it replaces. */
  set(key: Uint8Array, value: Uint8Array): Uint8Array | undefined {
    const previous = this.get(key)
    this.changes.set(keyOf(key), { key, value })
    return previous
  }

  /** Removes `key` and returns the value it held. */
  remove(key: Uint8Array): Uint8Array | undefined {
    const previous = this.get(key)
    if (previous !== undefined) this.changes.set(keyOf(key), { key, value: undefined })
    return previous
  }

  list(): StorageChange[] {
    return [...this.changes.values()]
  }
}
