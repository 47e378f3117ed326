import { BaseError, ErrorCode } from '@crosschain-lending/protocol'
import { WebAuthnAbortService } from '@simplewebauthn/browser'

/**
 * One WebAuthn ceremony at a time. A second request while one runs is refused rather than
 * aborting the first (which is what a bare `navigator.credentials` call would do), so a host
 * cannot cancel a prompt the person is looking at by asking again.
 */
export class CeremonyLock extends EventTarget {
  #running: string | undefined

  get running(): string | undefined {
    return this.#running
  }

  async run<T>(label: string, ceremony: () => Promise<T>): Promise<T> {
    if (this.#running) {
      throw new BaseError({
        code: ErrorCode.CeremonyInProgress,
        shortMessage: `A passkey prompt (${this.#running}) is already open. Finish or cancel it first.`,
      })
    }
    this.#set(label)
    try {
      return await ceremony()
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
    if (this.#running) WebAuthnAbortService.cancelCeremony()
  }

  #set(label: string | undefined): void {
    this.#running = label
    this.dispatchEvent(new Event('change'))
  }
}
