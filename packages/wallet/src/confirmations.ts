import { BaseError, ErrorCode } from '@crosschain-lending/protocol'

/** What the wallet asks the person to confirm: everything they approve is on this panel. */
export type Confirmation = {
  title: string
  /** Each fact on its own line: what, how much, from or to where, with what effect. */
  lines: { label: string; value: string }[]
  warning?: string
  confirmLabel: string
  /** The secondary button's words, when "Cancel" would be ambiguous (cancelling a pending change: "Keep it"). */
  cancelLabel?: string
  /** The exact request the passkey signs (its sha256 is the challenge), for those who check. */
  payload?: { requestId: string; text: string }
}

/**
 * One confirmation at a time, answered only by a click on the wallet's own panel. The host
 * can start a flow, but nothing it does can press these buttons.
 */
export class Confirmations {
  #pending: { confirmation: Confirmation; resolve: () => void; reject: (error: unknown) => void } | undefined
  readonly #show: (confirmation: Confirmation | undefined) => void

  constructor(show: (confirmation: Confirmation | undefined) => void) {
    this.#show = show
  }

  ask(confirmation: Confirmation): Promise<void> {
    if (this.#pending) {
      return Promise.reject(new BaseError({ code: ErrorCode.CeremonyInProgress, shortMessage: 'Another confirmation is open in the wallet. Finish or cancel it first.' }))
    }
    return new Promise((resolve, reject) => {
      this.#pending = { confirmation, resolve, reject }
      this.#show(confirmation)
    })
  }

  confirm(): void {
    this.#settle()?.resolve()
  }

  cancel(): void {
    this.#settle()?.reject(new BaseError({ code: ErrorCode.UserRejected, shortMessage: 'You declined in the wallet. Nothing was signed.' }))
  }

  #settle() {
    const pending = this.#pending
    this.#pending = undefined
    this.#show(undefined)
    return pending
  }
}
