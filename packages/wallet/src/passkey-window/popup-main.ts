import { BaseError, ErrorCode, toWireError } from '@crosschain-lending/protocol'
import { startAuthentication, startRegistration } from '@simplewebauthn/browser'
import { toPasskeyError } from '../passkeys/webauthn-errors'
import { type PasskeyWindowMessage, parsePasskeyWindowMessage, passkeyWindowTag } from './messages'
import { bootOwnWindow, element } from '../window-page'
import { confirmationFacts } from '../ui/confirmation-view'

type Ceremony = Extract<PasskeyWindowMessage, { type: 'ceremony' }>

const purposes: Record<string, string> = {
  'create account': 'Create a passkey for a new account',
  'sign in': 'Sign in with your passkey',
  'approve operation': 'Approve the operation you confirmed',
  'approve binding': 'Approve binding your wallet',
  'recover account': 'Create a passkey to recover your account',
}

/**
 * How long the window's Confirm waits after the confirmation is shown (and again each time the
 * window comes back into view) before it works. The window opens where the browser puts it, and
 * a page that got the person to double-click could have the second click land on it.
 */
const windowConfirmDelayMs = 600

/**
 * The passkey window: a top-level page on the wallet origin that runs one prompt for the wallet
 * frame that opened it (see popup-runner.ts). It talks only to that opener, only if the opener
 * is on this same origin; opened by anyone else, or framed, it does nothing.
 */
function boot(): void {
  const page = bootOwnWindow({
    className: 'passkey-window',
    statusId: 'passkey-status',
    inert: 'This window opens only from the CrossChain Lending wallet, for a passkey prompt. Nothing here creates or signs anything. You can close it.',
  })
  if (!page) return
  const { main, status, opener } = page

  // The wallet frame closes this window when it has the answer. Should the frame be gone (the
  // site navigated away), the window closes itself a moment later.
  let closing: ReturnType<typeof setTimeout> | undefined
  const closeSoon = () => {
    closing = setTimeout(() => window.close(), 3000)
  }

  let ceremony: Ceremony | undefined
  let answered = false
  const answer = (message: PasskeyWindowMessage) => {
    answered = true
    opener.postMessage(message, location.origin)
  }

  const purpose = element('h2', { id: 'passkey-purpose', class: 'purpose' })
  const site = element('p', { id: 'passkey-site', class: 'site' })
  const actions = element('div', { class: 'actions' })
  const proceed = element('button', { id: 'passkey-continue', type: 'button', class: 'primary' }, 'Continue with passkey')
  const cancel = element('button', { id: 'passkey-cancel', type: 'button' }, 'Cancel')
  actions.append(proceed, cancel)

  window.addEventListener('message', (event) => {
    if (event.origin !== location.origin || event.source !== opener) return
    const message = parsePasskeyWindowMessage(event.data)
    if (message?.type !== 'ceremony') return
    // A follow-up (the second prompt of the ceremony the person just approved here) runs at once.
    if (ceremony && answered && message.followUp) {
      clearTimeout(closing)
      ceremony = message
      answered = false
      void run()
      return
    }
    if (ceremony) return
    ceremony = message
    site.textContent = `Asked by the wallet on ${message.site}`
    const { confirmation } = message
    if (confirmation) {
      // The approval itself: the whole confirmation, and this window's Confirm is what signs.
      purpose.textContent = confirmation.title
      status.textContent = 'Check every line. Confirm here, and your passkey signs exactly this; the site cannot.'
      proceed.textContent = confirmation.confirmLabel
      cancel.textContent = confirmation.cancelLabel ?? 'Cancel'
      status.before(purpose, site)
      status.after(confirmationFacts(confirmation))
      main.dataset.state = 'confirm'
      armAfterDelay()
    } else {
      purpose.textContent = purposes[message.purpose] ?? message.purpose
      status.textContent = 'Your browser shows passkey prompts in this window. Continue when you are ready.'
      status.before(purpose, site)
    }
    main.append(actions)
    proceed.focus()
  })

  // Confirm works only once the confirmation has been in view for a moment (windowConfirmDelayMs).
  let arming: ReturnType<typeof setTimeout> | undefined
  const armAfterDelay = () => {
    clearTimeout(arming)
    proceed.disabled = true
    if (document.visibilityState !== 'visible') return
    arming = setTimeout(() => {
      if (!answered) proceed.disabled = false
    }, windowConfirmDelayMs)
  }
  document.addEventListener('visibilitychange', () => {
    if (ceremony?.confirmation && !answered) armAfterDelay()
  })

  const run = async () => {
    if (!ceremony || answered) return
    const { id, kind, options } = ceremony
    proceed.disabled = true
    cancel.disabled = true
    status.textContent = 'Waiting for your passkey…'
    const rpId = 'rp' in options ? (options.rp.id ?? location.hostname) : (options.rpId ?? location.hostname)
    try {
      const response = kind === 'register' ? await startRegistration({ optionsJSON: options as never }) : await startAuthentication({ optionsJSON: options as never })
      answer({ tag: passkeyWindowTag, type: 'result', id, response })
      status.textContent = 'Done. Back to the site.'
    } catch (error) {
      answer({ tag: passkeyWindowTag, type: 'failure', id, error: toWireError(toPasskeyError(error, rpId)) })
      status.textContent = 'The passkey prompt did not complete. Back to the site to try again.'
    }
    closeSoon()
  }
  proceed.addEventListener('click', () => void run())

  cancel.addEventListener('click', () => {
    if (!ceremony || answered) return
    const error = new BaseError({ code: ErrorCode.PasskeyCancelled, shortMessage: 'You cancelled in the passkey window. Nothing was created or signed; you can try again.' })
    answer({ tag: passkeyWindowTag, type: 'failure', id: ceremony.id, error: toWireError(error) })
    closeSoon()
  })

  // Should the frame be gone before it answered (the site navigated away, or removed the
  // element), nobody is left to take an answer: the window closes itself.
  const orphaned = setInterval(() => {
    if (!opener.closed) return
    clearInterval(orphaned)
    window.close()
  }, 500)

  opener.postMessage({ tag: passkeyWindowTag, type: 'ready' } satisfies PasskeyWindowMessage, location.origin)
}

boot()
