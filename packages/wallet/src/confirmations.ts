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
  /**
   * Set on the panel when this step is approved in a window of the wallet's own (the policy
   * table's ApprovalPlace): the panel's Confirm then only opens that window, which shows the same
   * confirmation and holds the Confirm that counts.
   */
  approvesIn?: 'passkey-window' | 'wallet-window'
}

/**
 * The panel's side of a step approved in a window: the same facts, and a button that opens the
 * window rather than approving. The window is sent `confirmation` itself.
 */
export function opensWindow(confirmation: Confirmation, place: 'passkey-window' | 'wallet-window'): Confirmation {
  return {
    ...confirmation,
    confirmLabel: place === 'passkey-window' ? 'Continue in the passkey window' : 'Continue in the wallet window',
    approvesIn: place,
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null
const isText = (value: unknown, max = 4000): value is string => typeof value === 'string' && value.length <= max

/**
 * A confirmation as another document of the wallet origin received it (the passkey or wallet
 * window): every field text, of bounded length, or undefined. Windows show it as text only.
 */
export function parseConfirmation(value: unknown): Confirmation | undefined {
  if (!isRecord(value) || !isText(value.title, 200) || !isText(value.confirmLabel, 100) || !Array.isArray(value.lines) || value.lines.length > 20) return undefined
  if (!value.lines.every((line) => isRecord(line) && isText(line.label, 100) && isText(line.value, 2000))) return undefined
  if (value.warning !== undefined && !isText(value.warning)) return undefined
  if (value.cancelLabel !== undefined && !isText(value.cancelLabel, 100)) return undefined
  const payload = value.payload
  if (payload !== undefined && !(isRecord(payload) && isText(payload.requestId, 100) && isText(payload.text, 20_000))) return undefined
  const lines = (value.lines as { label: string; value: string }[]).map(({ label, value: text }) => ({ label, value: text }))
  return {
    title: value.title,
    lines,
    confirmLabel: value.confirmLabel,
    ...(value.warning !== undefined ? { warning: value.warning as string } : {}),
    ...(value.cancelLabel !== undefined ? { cancelLabel: value.cancelLabel as string } : {}),
    ...(payload !== undefined ? { payload: { requestId: (payload as { requestId: string }).requestId, text: (payload as { text: string }).text } } : {}),
  }
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
