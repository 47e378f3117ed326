import {
  BaseError,
  ErrorCode,
  formatP256PublicKey,
  fromBase64Url,
  p256PointFromSpki,
  toBase64Url,
} from '@crosschain-lending/protocol'
import type { PasskeyInfo } from '@crosschain-lending/protocol/messenger'
import type { PasskeyPrompt } from './ceremony-runner'
import { toPasskeyError } from './webauthn-errors'

/** COSE algorithm -7: ECDSA with P-256 and SHA-256, the only one the account contract verifies. */
const es256 = -7

export type CreatePasskeyParameters = {
  rpId: string
  rpName: string
  /** Where the browser prompt opens (this frame or the wallet's own window); see CeremonyLock.run. */
  prompt: Pick<PasskeyPrompt, 'register'>
  /** How long the browser keeps the prompt open. */
  timeoutMs?: number
}

/** The new passkey, and the user handle it was created with (the contract records it with the account). */
export type CreatePasskeyReturnType = { passkey: PasskeyInfo; userHandle: string }

/**
 * Runs a WebAuthn registration for a new account: a discoverable ES256 credential with user
 * verification required, bound to the wallet's RP ID. Returns only public data.
 */
export async function createPasskey({ rpId, rpName, prompt, timeoutMs = 120_000 }: CreatePasskeyParameters): Promise<CreatePasskeyReturnType> {
  const userHandle = crypto.getRandomValues(new Uint8Array(32))
  // The challenge matters only for attestation, which we do not request; the key is what counts.
  const challenge = crypto.getRandomValues(new Uint8Array(32))
  let response
  try {
    response = await prompt.register({
      rp: { id: rpId, name: rpName },
      user: {
        id: toBase64Url(userHandle),
        name: `CrossChain Lending ${new Date().toISOString().slice(0, 10)}`,
        displayName: 'CrossChain Lending account',
      },
      challenge: toBase64Url(challenge),
      pubKeyCredParams: [{ type: 'public-key', alg: es256 }],
      authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
      attestation: 'none',
      timeout: timeoutMs,
      extensions: { credProps: true },
    })
  } catch (error) {
    throw toPasskeyError(error, rpId)
  }
  if (response.response.publicKeyAlgorithm !== es256 || !response.response.publicKey) {
    throw new BaseError({
      code: ErrorCode.InvalidCredential,
      shortMessage: 'The authenticator did not create a P-256 (ES256) passkey, which accounts require. Try another authenticator.',
      details: `publicKeyAlgorithm: ${String(response.response.publicKeyAlgorithm)}`,
    })
  }
  const point = p256PointFromSpki(fromBase64Url(response.response.publicKey))
  return { passkey: { credentialId: response.id, publicKey: formatP256PublicKey(point), rpId }, userHandle: toBase64Url(userHandle) }
}
