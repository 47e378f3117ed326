import type { WireError } from '@crosschain-lending/protocol'
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser'
import { type Confirmation, parseConfirmation } from '../confirmations'

/**
 * The messages between the wallet frame and the passkey window it opens. Both are documents of
 * the wallet origin, so each side accepts a message only when `event.origin` is its own origin
 * and `event.source` is the other side's window; anything else, from any page, is ignored.
 */
export const passkeyWindowTag = 'ccl-passkey-window'

/** The path of the passkey window's page on the wallet origin. */
export const passkeyWindowPath = '/passkey.html'

export type CeremonyKind = 'register' | 'authenticate'

export type PasskeyWindowMessage =
  /** window → frame: loaded and listening. */
  | { tag: typeof passkeyWindowTag; type: 'ready' }
  /** frame → window: the ceremony to run once the person clicks, and what to tell them. */
  | {
      tag: typeof passkeyWindowTag
      type: 'ceremony'
      id: string
      kind: CeremonyKind
      options: PublicKeyCredentialCreationOptionsJSON | PublicKeyCredentialRequestOptionsJSON
      purpose: string
      site: string
      /**
       * The second prompt of one ceremony in the same window (account creation's proof of
       * possession right after the new passkey): the person already clicked for it, so it runs at once.
       */
      followUp?: boolean
      /**
       * The whole confirmation, when this prompt is the approval of a request (the policy table's
       * `passkey-window` steps, or every step under `approvalWindow: all`): the window shows it,
       * and the person's click on the window's own Confirm starts the prompt.
       */
      confirmation?: Confirmation
    }
  /** window → frame: the authenticator's response, checked by the frame as if it ran there. */
  | { tag: typeof passkeyWindowTag; type: 'result'; id: string; response: RegistrationResponseJSON | AuthenticationResponseJSON }
  /** window → frame: the prompt failed or the person cancelled it. */
  | { tag: typeof passkeyWindowTag; type: 'failure'; id: string; error: WireError }

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

/** The message, if `data` is one of ours and well formed; undefined for anything else. */
export function parsePasskeyWindowMessage(data: unknown): PasskeyWindowMessage | undefined {
  if (!isRecord(data) || data.tag !== passkeyWindowTag) return undefined
  switch (data.type) {
    case 'ready':
      return { tag: passkeyWindowTag, type: 'ready' }
    case 'ceremony':
      if (typeof data.id !== 'string' || (data.kind !== 'register' && data.kind !== 'authenticate')) return undefined
      if (!isRecord(data.options) || typeof data.options.challenge !== 'string') return undefined
      if (typeof data.purpose !== 'string' || typeof data.site !== 'string') return undefined
      if (data.followUp !== undefined && typeof data.followUp !== 'boolean') return undefined
      if (data.confirmation !== undefined) {
        const confirmation = parseConfirmation(data.confirmation)
        if (!confirmation) return undefined
        return { ...(data as PasskeyWindowMessage & { type: 'ceremony' }), confirmation }
      }
      return data as PasskeyWindowMessage
    case 'result': {
      const response = data.response
      if (typeof data.id !== 'string' || !isRecord(response) || typeof response.id !== 'string' || !isRecord(response.response)) return undefined
      return data as PasskeyWindowMessage
    }
    case 'failure':
      if (typeof data.id !== 'string' || !isRecord(data.error) || typeof data.error.code !== 'string' || typeof data.error.message !== 'string') return undefined
      return data as PasskeyWindowMessage
    default:
      return undefined
  }
}
