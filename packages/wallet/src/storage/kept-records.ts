/**
 * Records the wallet must not lose to a reload (a signed operation on its way, a passkey whose
 * account is not recorded yet), kept in its storage under `prefix` + key. The storage is
 * partitioned per top-level site and may be unavailable; then this is memory only, and nothing
 * depends on it for safety, only on finishing work without asking the person again.
 */
export class KeptRecords<T> {
  readonly #prefix: string
  readonly #keyOf: (record: T) => string
  readonly #isValid: (value: unknown) => value is T
  readonly #storage: Storage | undefined
  readonly #memory = new Map<string, T>()

  constructor(options: { prefix: string; keyOf: (record: T) => string; isValid: (value: unknown) => value is T; storage?: Storage | undefined }) {
    this.#prefix = options.prefix
    this.#keyOf = options.keyOf
    this.#isValid = options.isValid
    this.#storage = 'storage' in options ? options.storage : localStorageIfAvailable()
  }

  save(record: T): void {
    const key = this.#keyOf(record)
    this.#memory.set(key, record)
    try {
      this.#storage?.setItem(this.#prefix + key, JSON.stringify(record))
    } catch {
      // Full or blocked: memory only.
    }
  }

  get(key: string): T | undefined {
    return this.all().find((record) => this.#keyOf(record) === key)
  }

  remove(key: string): void {
    this.#memory.delete(key)
    try {
      this.#storage?.removeItem(this.#prefix + key)
    } catch {
      // Blocked: nothing was stored.
    }
  }

  /** Every kept record. Entries that do not parse, or do not fit `isValid`, are dropped. */
  all(): T[] {
    const found = new Map(this.#memory)
    try {
      const storage = this.#storage
      for (let index = storage ? storage.length - 1 : -1; storage && index >= 0; index--) {
        const key = storage.key(index)
        if (!key?.startsWith(this.#prefix)) continue
        let value: unknown
        try {
          value = JSON.parse(storage.getItem(key) ?? '')
        } catch {
          value = undefined
        }
        if (this.#isValid(value)) found.set(this.#keyOf(value), value)
        else storage.removeItem(key)
      }
    } catch {
      // Blocked: memory only.
    }
    return [...found.values()]
  }
}

function localStorageIfAvailable(): Storage | undefined {
  try {
    return globalThis.localStorage
  } catch {
    return undefined
  }
}
