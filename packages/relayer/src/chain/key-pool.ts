import type { KeyPair, KeyPairSigner, PublicKey } from 'near-api-js'
import { NativeKeyPairSigner } from './native-signer'

/** Reads a key's current nonce on chain (`view_access_key`). */
export type FetchAccessKeyNonce = (publicKey: PublicKey) => Promise<bigint>

/** One key, held by one submission until `release()`. */
export type KeyLease = {
  readonly publicKey: PublicKey
  readonly signer: KeyPairSigner
  /** The next nonce for this key: read from chain on first use, then counted locally. */
  nextNonce(): Promise<bigint>
  /**
   * After the chain said a nonce was stale (another process used the key, or a transaction of
   * ours landed that we did not see): read the nonce again. Never moves the counter backwards.
   */
  refreshNonce(seenOnChain?: bigint): Promise<void>
  release(): void
}

/** Every key stayed busy for as long as the caller was willing to wait. */
export class NoIdleKeyError extends Error {
  override name = 'NoIdleKeyError'
}

type Slot = { signer: KeyPairSigner; publicKey: PublicKey; nonce: bigint | undefined }

/**
 * The relayer account's access keys, each carrying at most one transaction at a time.
 *
 * NEAR accepts a key's transactions only with increasing nonces, and a transaction that arrives
 * after a higher nonce of the same key was included is refused. Giving each in-flight
 * transaction a key of its own avoids that race entirely, so concurrency is the number of keys:
 * add keys to the account to carry more. Keys are handed out round-robin, and a submission
 * that finds them all busy waits its turn (first come, first served).
 */
export class KeyPool {
  readonly #slots: Slot[]
  readonly #free: Slot[]
  readonly #waiting: ((slot: Slot) => void)[] = []
  readonly #fetchNonce: FetchAccessKeyNonce

  constructor(keys: readonly KeyPair[], fetchNonce: FetchAccessKeyNonce) {
    if (keys.length === 0) throw new RangeError('The key pool needs at least one key.')
    this.#slots = keys.map((key) => ({ signer: new NativeKeyPairSigner(key), publicKey: key.getPublicKey(), nonce: undefined }))
    this.#free = [...this.#slots]
    this.#fetchNonce = fetchNonce
  }

  get size(): number {
    return this.#slots.length
  }

  /** Keys not carrying a transaction right now. */
  get idle(): number {
    return this.#free.length
  }

  /**
   * Resolves with a key no other submission holds. Always `release()` it (in a finally).
   * Rejects with `NoIdleKeyError` after `maxWaitMs` without one: under a flood, callers are
   * better told to come back than queued without end.
   */
  async lease(maxWaitMs = Number.POSITIVE_INFINITY): Promise<KeyLease> {
    // The free list is a queue: the key released longest ago goes next, which is round-robin.
    const free = this.#free.shift()
    if (free) return this.#leaseOf(free)
    const slot = await new Promise<Slot>((resolve, reject) => {
      const waiter = (handedOver: Slot) => {
        clearTimeout(timer)
        resolve(handedOver)
      }
      const timer = Number.isFinite(maxWaitMs)
        ? setTimeout(() => {
            this.#waiting.splice(this.#waiting.indexOf(waiter), 1)
            reject(new NoIdleKeyError(`No relayer key became free within ${maxWaitMs} ms.`))
          }, maxWaitMs)
        : undefined
      this.#waiting.push(waiter)
    })
    return this.#leaseOf(slot)
  }

  #leaseOf(slot: Slot): KeyLease {
    let released = false
    return {
      publicKey: slot.publicKey,
      signer: slot.signer,
      nextNonce: async () => {
        if (slot.nonce === undefined) slot.nonce = await this.#fetchNonce(slot.publicKey)
        slot.nonce += 1n
        return slot.nonce
      },
      refreshNonce: async (seenOnChain) => {
        const onChain = await this.#fetchNonce(slot.publicKey)
        slot.nonce = [slot.nonce ?? 0n, onChain, seenOnChain ?? 0n].reduce((a, b) => (a > b ? a : b))
      },
      release: () => {
        if (released) return
        released = true
        const next = this.#waiting.shift()
        if (next) next(slot)
        else this.#free.push(slot)
      },
    }
  }
}
