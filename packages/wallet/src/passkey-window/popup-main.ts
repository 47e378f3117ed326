import { BaseError, ErrorCode, toWireError } from '@crosschain-lending/protocol'
import { startAuthentication, startRegistration } from '@simplewebauthn/browser'
import { toPasskeyError } from '../passkeys/webauthn-errors'
import { type PasskeyWindowMessage, parsePasskeyWindowMessage, passkeyWindowTag } from './messages'
import { bootOwnWindow, element } from '../window-page'

type Ceremony = Extract<PasskeyWindowMessage, { type: 'ceremony' }>

const purposes: Record<string, string> = {
  'create account': 'Create a passkey for a new account',
  'sign in': 'Sign in with your passkey',
  'approve operation': 'Approve the operation you confirmed',
  'approve binding': 'Approve binding your wallet',
  'recover account': 'Create a passkey to recover your account',
}

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
    purpose.textContent = purposes[message.purpose] ?? message.purpose
    site.textContent = `Asked by the wallet on ${message.site}`
    status.textContent = 'Your browser shows passkey prompts in this window. Continue when you are ready.'
    status.before(purpose, site)
    main.append(actions)
    proceed.focus()
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

  opener.postMessage({ tag: passkeyWindowTag, type: 'ready' } satisfies PasskeyWindowMessage, location.origin)
}

boot()
