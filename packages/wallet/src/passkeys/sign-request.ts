import {
  type PasskeyProof,
  formatP256Signature,
  fromBase64Url,
  normalizeP256Signature,
  requestChallenge,
  toBase64Url,
} from '@crosschain-lending/protocol'
import type { PasskeyPrompt } from './ceremony-runner'
import { toPasskeyError } from './webauthn-errors'

export type SignRequestWithPasskeyParameters = {
  rpId: string
  credentialId: string
  payload: string
  prompt: Pick<PasskeyPrompt, 'authenticate'>
  timeoutMs?: number
}

/**
 * The passkey's approval of a request: a WebAuthn assertion whose challenge is sha256 of the
 * exact payload the person saw, by the account's own credential. The signature is normalized
 * to low-S raw r‖s before it leaves the iframe, so the contract can refuse malleable ones.
 */
export async function signRequestWithPasskey({ rpId, credentialId, payload, prompt, timeoutMs = 120_000 }: SignRequestWithPasskeyParameters): Promise<PasskeyProof> {
  return signChallengeWithPasskey({ rpId, credentialId, challenge: requestChallenge(payload), prompt, timeoutMs })
}

export type SignChallengeWithPasskeyParameters = Omit<SignRequestWithPasskeyParameters, 'payload'> & { challenge: Uint8Array }

/** An assertion by `credentialId` over `challenge`, as a proof the contract verifies (low-S raw r‖s). */
export async function signChallengeWithPasskey({ rpId, credentialId, challenge, prompt, timeoutMs = 120_000 }: SignChallengeWithPasskeyParameters): Promise<PasskeyProof> {
  let response
  try {
    response = await prompt.authenticate({
      challenge: toBase64Url(challenge),
      rpId,
      allowCredentials: [{ id: credentialId, type: 'public-key' }],
      userVerification: 'required',
      timeout: timeoutMs,
    })
  } catch (error) {
    throw toPasskeyError(error, rpId)
  }
  return assertionProof(response.response)
}

/** A browser assertion as the contract reads it: authenticator data, the exact clientDataJSON text, low-S raw r‖s. */
export function assertionProof(response: { authenticatorData: string; clientDataJSON: string; signature: string }): PasskeyProof {
  return {
    type: 'passkey',
    authenticatorData: response.authenticatorData,
    clientDataJSON: new TextDecoder().decode(fromBase64Url(response.clientDataJSON)),
    signature: formatP256Signature(normalizeP256Signature(fromBase64Url(response.signature))),
  }
}
