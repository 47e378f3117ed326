import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser'
import { WebAuthnAbortService, startAuthentication, startRegistration } from '@simplewebauthn/browser'

import type { Confirmation } from '../confirmations'

/**
 * What the person is doing, shown where the prompt opens, and how the wallet gives up on it.
 * `confirmation`: the request this prompt approves, for a runner whose window shows it and
 * starts the prompt from its own Confirm (the passkey window).
 */
export type CeremonyContext = { label: string; signal: AbortSignal; confirmation?: Confirmation }

/**
 * Where a WebAuthn ceremony runs. The wallet builds the options and checks the response; a
 * runner only carries them to a browser prompt: in this frame, or in a window of its own on
 * the wallet origin (for browsers that refuse passkeys in a cross-origin iframe).
 */
export type CeremonyRunner = {
  readonly kind: 'iframe' | 'popup'
  register(options: PublicKeyCredentialCreationOptionsJSON, context: CeremonyContext): Promise<RegistrationResponseJSON>
  authenticate(options: PublicKeyCredentialRequestOptionsJSON, context: CeremonyContext): Promise<AuthenticationResponseJSON>
}

/** The prompt a ceremony function is handed: the runner, bound to one ceremony's context. */
export type PasskeyPrompt = CeremonyContext & {
  register(options: PublicKeyCredentialCreationOptionsJSON): Promise<RegistrationResponseJSON>
  authenticate(options: PublicKeyCredentialRequestOptionsJSON): Promise<AuthenticationResponseJSON>
}

function abortable<T>(signal: AbortSignal, ceremony: () => Promise<T>): Promise<T> {
  // SimpleWebAuthn keeps one AbortController of its own per ceremony; cancelling goes through it.
  const cancel = () => WebAuthnAbortService.cancelCeremony()
  signal.addEventListener('abort', cancel, { once: true })
  return ceremony().finally(() => signal.removeEventListener('abort', cancel))
}

/** Runs the prompt in the wallet's own (cross-origin) frame: Chromium, Firefox, recent Safari. */
export const inFrameRunner: CeremonyRunner = {
  kind: 'iframe',
  register: (optionsJSON, { signal }) => abortable(signal, () => startRegistration({ optionsJSON })),
  authenticate: (optionsJSON, { signal }) => abortable(signal, () => startAuthentication({ optionsJSON })),
}
