import { BaseError, ErrorCode } from '@crosschain-lending/protocol'

/** Cancels of host-opened confirmations within `windowMs` that start a pause. */
export const cancelsBeforePause = 3
export const cancelWindowMs = 60_000
/** The first pause; each pause after it, until a confirmation is approved, lasts twice as long. */
export const firstPauseMs = 30_000
export const longestPauseMs = 15 * 60_000

/**
 * Stops a host page from opening confirmation after confirmation until the person gives in.
 * After `cancelsBeforePause` cancels within a minute, the host's next requests are refused with
 * `CONFIRMATIONS_PAUSED` for a pause that doubles each time (30 s, 1 min, 2 min, … 15 min).
 * Only the host's requests count and are refused: what the person starts inside the wallet is
 * theirs and always opens. An approved confirmation ends the streak.
 */
export class ConfirmThrottle {
  readonly #now: () => number
  #cancels: number[] = []
  #pausedUntil = 0
  #nextPauseMs = firstPauseMs

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? (() => Date.now())
  }

  /** Throws `CONFIRMATIONS_PAUSED` while the host is paused; call before a host request opens one. */
  check(): void {
    const left = this.#pausedUntil - this.#now()
    if (left <= 0) return
    const seconds = Math.ceil(left / 1000)
    throw new BaseError({
      code: ErrorCode.ConfirmationsPaused,
      shortMessage: `The wallet is not opening confirmations this page asks for, for ${seconds} s: the last ${cancelsBeforePause} were cancelled within a minute.`,
      details: 'Wait, then ask again; the pause grows each time it recurs. The person can still start anything from inside the wallet.',
    })
  }

  /** The person cancelled a confirmation the host opened. */
  cancelled(): void {
    const now = this.#now()
    this.#cancels = [...this.#cancels.filter((at) => now - at < cancelWindowMs), now]
    if (this.#cancels.length < cancelsBeforePause) return
    this.#pausedUntil = now + this.#nextPauseMs
    this.#nextPauseMs = Math.min(this.#nextPauseMs * 2, longestPauseMs)
    this.#cancels = []
  }

  /**
   * Runs a host-initiated flow under the throttle: refused while paused, counted as a cancel when
   * the person said no to it, the streak ended when they approved.
   */
  async guard<T>(start: () => Promise<T>): Promise<T> {
    this.check()
    try {
      const value = await start()
      this.approved()
      return value
    } catch (error) {
      if (isPersonsRefusal(error)) this.cancelled()
      throw error
    }
  }

  /** The person approved one: they are not being worn down. */
  approved(): void {
    this.#cancels = []
    this.#nextPauseMs = firstPauseMs
  }
}

/**
 * A "no" from the person, wherever they said it: Cancel on the panel (USER_REJECTED), or Cancel
 * in the passkey window or the browser's passkey prompt (PASSKEY_CANCELLED). Approvals moved into
 * the passkey window, so a throttle that counted the panel's Cancel alone would let a page reopen
 * a Borrow the person keeps cancelling there without limit.
 */
export function isPersonsRefusal(error: unknown): boolean {
  return error instanceof BaseError && (error.code === ErrorCode.UserRejected || error.code === ErrorCode.PasskeyCancelled)
}
