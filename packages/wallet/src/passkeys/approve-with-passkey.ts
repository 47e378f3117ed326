import { BaseError, ErrorCode } from '@crosschain-lending/protocol'
import { type ApprovalStep, approvalPlace } from '@crosschain-lending/protocol/messenger'
import { type Confirmation, opensWindow } from '../confirmations'
import type { CeremonyLock } from './ceremony-lock'
import type { CeremonyRunner, PasskeyPrompt } from './ceremony-runner'

/**
 * Asks the person to approve `step` with the passkey, where the policy table says it is approved,
 * and runs `ceremony` (the prompt that signs) only after they did.
 */
export type PasskeyApproval = <T>(step: ApprovalStep, confirmation: Confirmation, label: string, ceremony: (prompt: PasskeyPrompt) => Promise<T>) => Promise<T>

export type PasskeyApprovalDependencies = {
  /** The panel inside the iframe: resolves on its Confirm, rejects on its Cancel. */
  confirm: (confirmation: Confirmation) => Promise<void>
  lock: CeremonyLock
  /** The passkey window (passkey-window/popup-runner.ts), whatever runner the wallet's other prompts use. */
  approvalWindow: CeremonyRunner
  /** The deployment (`approvalWindow: all`) or the host (`passkey-window="popup"`) asked for windows everywhere. */
  everythingInWindows: () => boolean
  /** The panel says a window waits for the person's Confirm (the step's title), or no longer does. */
  onAwaitingWindow?: (title: string | undefined) => void
}

/**
 * `panel` steps: the panel's guarded Confirm approves, then the prompt runs wherever the wallet's
 * prompts open. `passkey-window` steps: the panel shows the same confirmation with a button that
 * only opens the passkey window (its click is the activation a window needs); the window shows
 * the confirmation again, and the prompt starts from the window's own Confirm. Nothing the page
 * does to the iframe (mask-image, zoom, overlays) reaches a top-level window, so no click on the
 * masked panel can sign.
 */
export function approveWithPasskey(deps: PasskeyApprovalDependencies): PasskeyApproval {
  return async (step, confirmation, label, ceremony) => {
    const place = approvalPlace(step, deps.everythingInWindows())
    if (place === 'panel') {
      await deps.confirm(confirmation)
      return deps.lock.run(label, ceremony)
    }
    if (place !== 'passkey-window') {
      // A step the table approves in the wallet window is signed by a wallet there, never by a passkey.
      throw new BaseError({ code: ErrorCode.ActionNotAllowed, shortMessage: `"${step}" is approved in the wallet window, not with a passkey.` })
    }
    await deps.confirm(opensWindow(confirmation, 'passkey-window'))
    deps.onAwaitingWindow?.(confirmation.title)
    try {
      return await deps.lock.run(label, ceremony, { runner: deps.approvalWindow, confirmation })
    } finally {
      deps.onAwaitingWindow?.(undefined)
    }
  }
}
