import { BaseError, ErrorCode } from '@crosschain-lending/protocol'

/**
 * One WebAuthn ceremony at a time. A second request while one runs is refused rather than
 * aborting the first (which is what a bare `navigator.credentials` call would do), so a host
 * cannot cancel a prompt the person is looking at by asking again.
 */
export class CeremonyLock {
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
    this.#running = label
    try {
      return await ceremony()
    } finally {
      this.#running = undefined
    }
  }
}
