import type { BudgetCaller } from './budgets'

/** When refusals change how the relayer treats a caller. Counts are per `windowMs`, sliding. */
export type RefusalLimits = {
  windowMs: number
  /** Paid refusals (plus transactions still in flight) of one account or one client address before its requests are dry-run first. */
  dryRunAfter: number
  /** The same for a /24 or /64 subnet (completed refusals only). */
  dryRunAfterSubnet: number
  /** The same for everyone together: a refusal pattern spread over many addresses. */
  dryRunAfterGlobal: number
  /** Paid refusals of one account or client after which the relayer pays for none of its requests that a dry run cannot clear. */
  holdAfter: number
}

export type RefusalCaller = BudgetCaller & { accountId: string }

/** What the guard advises for a request, before anything is spent on it. */
export type RefusalAdvice = {
  /** Run the contract's `preview` first and refuse without a transaction when it says the request fails. */
  dryRun: boolean
  /** Set when the caller is held: a request the dry run cannot clear is refused 429 for this long. */
  holdMs: number | undefined
}

type Entry = { at: number; requestId: string }
type Tally = { entries: Entry[]; inFlight: number }

/**
 * Remembers which callers' requests the contract refused after the relayer paid for them, so
 * that a pattern of refusals stops costing transactions. Four keys per request: its account and
 * client address (which also count their transactions in flight, so a burst of doomed requests
 * sent at once is bounded as tightly as one sent in turn), its subnet and the relayer as a whole.
 * An account counts each refused request once: replaying someone's refused request may raise the
 * replayer's address count, never hold the account's owner.
 *
 * Memory is bounded: each key keeps only its newest entries, and at most `maxKeys` keys are
 * remembered, the least recently seen forgotten first.
 */
export class RefusalGuard {
  readonly #limits: RefusalLimits
  readonly #now: () => number
  readonly #maxKeys: number
  readonly #keep: number
  readonly #tallies = new Map<string, Tally>()

  constructor(limits: RefusalLimits, { now, maxKeys = 100_000 }: { now: () => number; maxKeys?: number }) {
    this.#limits = limits
    this.#now = now
    this.#maxKeys = maxKeys
    this.#keep = Math.max(limits.dryRunAfter, limits.dryRunAfterSubnet, limits.dryRunAfterGlobal, limits.holdAfter)
  }

  advise(caller: RefusalCaller): RefusalAdvice {
    const { dryRunAfter, dryRunAfterSubnet, dryRunAfterGlobal, holdAfter, windowMs } = this.#limits
    const [account, client, subnet, global] = this.#keys(caller).map((key) => this.#tally(key))
    const pressure = (tally: Tally) => tally.entries.length + tally.inFlight
    const dryRun =
      pressure(account!) >= dryRunAfter || pressure(client!) >= dryRunAfter || subnet!.entries.length >= dryRunAfterSubnet || global!.entries.length >= dryRunAfterGlobal
    // Held until enough of the refusals that put it over the limit have left the window.
    const holdUntil = Math.max(...[account!, client!].map((tally) => (tally.entries.length >= holdAfter ? tally.entries[tally.entries.length - holdAfter]!.at + windowMs : 0)))
    return { dryRun, holdMs: holdUntil > 0 ? Math.max(1, holdUntil - this.#now()) : undefined }
  }

  /** A transaction is about to be sent for the caller; `settle` says how it ended. Call `settle` exactly once. */
  begin(caller: RefusalCaller, requestId: string): { settle(refused: boolean): void } {
    const keys = this.#keys(caller)
    const counted = keys.slice(0, 2)
    for (const key of counted) this.#tally(key).inFlight++
    let settled = false
    return {
      settle: (refused) => {
        if (settled) return
        settled = true
        for (const key of counted) {
          const tally = this.#tallies.get(key)
          if (tally) tally.inFlight = Math.max(0, tally.inFlight - 1)
        }
        if (!refused) return
        const at = this.#now()
        for (const [index, key] of keys.entries()) {
          const tally = this.#tally(key)
          if (index === 0 && tally.entries.some((entry) => entry.requestId === requestId)) continue
          tally.entries.push({ at, requestId })
          if (tally.entries.length > this.#keep) tally.entries.splice(0, tally.entries.length - this.#keep)
        }
      },
    }
  }

  #keys(caller: RefusalCaller): [string, string, string, string] {
    return [`account:${caller.accountId}`, `client:${caller.address}`, `subnet:${caller.subnet}`, 'global']
  }

  /** The key's tally with expired entries dropped, most recently used last. */
  #tally(key: string): Tally {
    const tally = this.#tallies.get(key) ?? { entries: [], inFlight: 0 }
    const cutoff = this.#now() - this.#limits.windowMs
    while (tally.entries.length > 0 && tally.entries[0]!.at <= cutoff) tally.entries.shift()
    this.#tallies.delete(key)
    if (this.#tallies.size >= this.#maxKeys) {
      // The least recently seen key with nothing in flight: forgetting one in flight would let its count go wrong.
      for (const [candidate, old] of this.#tallies) {
        if (old.inFlight === 0) {
          this.#tallies.delete(candidate)
          break
        }
      }
    }
    this.#tallies.set(key, tally)
    return tally
  }
}
