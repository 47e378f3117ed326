export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number }

export type TokenBucketLimiterOptions = (
  | {
      /** Sustained rate, and the burst: a full bucket holds this many tokens. */
      perMinute: number
    }
  | {
      /** The same per hour: for what a person does once (creating an account), not every minute. */
      perHour: number
    }
) & {
  now?: () => number
  /** Buckets kept at most; beyond it, full (idle) buckets are swept, then the oldest dropped. */
  maxKeys?: number
}

type Bucket = { tokens: number; updatedAt: number }

/**
 * A token bucket per key (an account id, a client address). Each request takes one token;
 * tokens come back at `perMinute / 60` per second up to `perMinute`. A key that has been idle
 * long enough to refill is indistinguishable from a new one, which is what lets buckets be
 * forgotten, so memory stays bounded however many keys an attacker invents.
 */
export class TokenBucketLimiter {
  readonly #capacity: number
  readonly #perMs: number
  readonly #now: () => number
  readonly #maxKeys: number
  readonly #buckets = new Map<string, Bucket>()

  constructor(options: TokenBucketLimiterOptions) {
    const { now = Date.now, maxKeys = 100_000 } = options
    const [capacity, periodMs] = 'perMinute' in options ? [options.perMinute, 60_000] : [options.perHour, 3_600_000]
    this.#capacity = capacity
    this.#perMs = capacity / periodMs
    this.#now = now
    this.#maxKeys = maxKeys
  }

  /** What `take` would answer, without taking: lets a caller check several buckets before spending any. */
  check(key: string): RateDecision {
    const bucket = this.#buckets.get(key)
    const tokens = bucket ? Math.min(this.#capacity, bucket.tokens + (this.#now() - bucket.updatedAt) * this.#perMs) : this.#capacity
    return tokens >= 1 ? { allowed: true } : { allowed: false, retryAfterMs: Math.ceil((1 - tokens) / this.#perMs) }
  }

  take(key: string): RateDecision {
    const now = this.#now()
    const bucket = this.#buckets.get(key) ?? { tokens: this.#capacity, updatedAt: now }
    bucket.tokens = Math.min(this.#capacity, bucket.tokens + (now - bucket.updatedAt) * this.#perMs)
    bucket.updatedAt = now
    // Re-inserting keeps the map in least-recently-used order, for eviction. Evicting before
    // the insert keeps this key's bucket: it is the most recent, whatever its level.
    this.#buckets.delete(key)
    if (this.#buckets.size >= this.#maxKeys) this.#evict(now)
    this.#buckets.set(key, bucket)
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1
      return { allowed: true }
    }
    return { allowed: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / this.#perMs) }
  }

  #evict(now: number): void {
    for (const [key, bucket] of this.#buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * this.#perMs >= this.#capacity) this.#buckets.delete(key)
    }
    // Down to 90%, so a flood of new keys pays for a sweep once per many requests, not on each.
    const target = Math.floor(this.#maxKeys * 0.9)
    for (const key of this.#buckets.keys()) {
      if (this.#buckets.size <= target) break
      this.#buckets.delete(key)
    }
  }
}
