import { BaseError, ErrorCode } from '@crosschain-lending/protocol'
import type { Confirmation } from '../confirmations'
import { type CeremonyRunner, type PasskeyPrompt, inFrameRunner } from './ceremony-runner'

/**
 * One WebAuthn ceremony at a time. A second request while one runs is refused rather than
 * aborting the first (which is what a bare `navigator.credentials` call would do), so a host
 * cannot cancel a prompt the person is looking at by asking again.
 */
export class CeremonyLock extends EventTarget {
  #running: { label: string; abort: AbortController } | undefined
  readonly #runner: () => CeremonyRunner

  /** `runner` is asked at each ceremony, so a wallet that moves its prompts to a window follows at once. */
  constructor(runner: () => CeremonyRunner = () => inFrameRunner) {
    super()
    this.#runner = runner
  }

  get running(): string | undefined {
    return this.#running?.label
  }

  /**
   * Runs `ceremony` alone. `approval`: the runner to use instead of the wallet's usual one (the
   * passkey window, for a step the policy table approves there) and the confirmation it shows.
   */
  async run<T>(label: string, ceremony: (prompt: PasskeyPrompt) => Promise<T>, approval: { runner?: CeremonyRunner; confirmation?: Confirmation } = {}): Promise<T> {
    if (this.#running) {
      throw new BaseError({
        code: ErrorCode.CeremonyInProgress,
        shortMessage: `A passkey prompt (${this.#running.label}) is already open. Finish or cancel it first.`,
      })
    }
    const abort = new AbortController()
    this.#set({ label, abort })
    const runner = approval.runner ?? this.#runner()
    const context = { label, signal: abort.signal, ...(approval.confirmation ? { confirmation: approval.confirmation } : {}) }
    try {
      return await ceremony({
        ...context,
        register: (options) => runner.register(options, context),
        authenticate: (options) => runner.authenticate(options, context),
      })
    } finally {
      this.#set(undefined)
    }
  }

  /**
   * The person gave up on the prompt (a phone that never answers, a key left at home): abort it
   * from the wallet's own panel. The ceremony rejects with PASSKEY_CANCELLED. Only the wallet's
   * UI calls this; the host has no method that reaches it.
   */
  cancel(): void {
    this.#running?.abort.abort()
  }

  #set(running: { label: string; abort: AbortController } | undefined): void {
    this.#running = running
    this.dispatchEvent(new Event('change'))
  }
}
