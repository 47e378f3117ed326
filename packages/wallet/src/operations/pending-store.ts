import type { SignedRequest } from '@crosschain-lending/protocol'
import type { OperationRequest } from '@crosschain-lending/protocol/messenger'

/** A signed operation not yet known to be final: everything needed to finish it without signing again. */
export type PendingOperation = { requestId: string; signed: SignedRequest; deadline: number; title: string; operation: OperationRequest; accountId: string }

const prefix = 'ccl-pending-operation:'

/**
 * Signed operations on their way to the chain, kept in the wallet's storage so a reload (or a
 * closed tab) does not lose them: the next load of the wallet on this site finishes them. The
 * storage is partitioned per top-level site and may be unavailable; then this is memory only,
 * and nothing depends on it for safety (a request runs at most once by its nonce).
 */
export class PendingOperations {
  readonly #storage: Storage | undefined
  readonly #memory = new Map<string, PendingOperation>()

  constructor(storage: Storage | undefined = localStorageIfAvailable()) {
    this.#storage = storage
  }

  save(pending: PendingOperation): void {
    this.#memory.set(pending.requestId, pending)
    try {
      this.#storage?.setItem(prefix + pending.requestId, JSON.stringify(pending))
    } catch {
      // Full or blocked: memory only.
    }
  }

  remove(requestId: string): void {
    this.#memory.delete(requestId)
    try {
      this.#storage?.removeItem(prefix + requestId)
    } catch {
      // Blocked: nothing was stored.
    }
  }

  /** Every kept operation, oldest deadline first. Entries that do not parse are dropped. */
  all(): PendingOperation[] {
    const found = new Map(this.#memory)
    try {
      const storage = this.#storage
      for (let index = 0; storage && index < storage.length; index++) {
        const key = storage.key(index)
        if (!key?.startsWith(prefix)) continue
        try {
          const value = JSON.parse(storage.getItem(key) ?? '') as PendingOperation
          if (typeof value.requestId === 'string' && typeof value.deadline === 'number' && typeof value.signed?.payload === 'string') found.set(value.requestId, value)
        } catch {
          storage.removeItem(key)
        }
      }
    } catch {
      // Blocked: memory only.
    }
    return [...found.values()].sort((a, b) => a.deadline - b.deadline)
  }
}

function localStorageIfAvailable(): Storage | undefined {
  try {
    return globalThis.localStorage
  } catch {
    return undefined
  }
}
