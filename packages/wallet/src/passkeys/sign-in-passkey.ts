import { type PasskeyProof, toBase64Url } from '@crosschain-lending/protocol'
import type { PasskeyPrompt } from './ceremony-runner'
import { assertionProof } from './sign-request'
import { toPasskeyError } from './webauthn-errors'

export type SignInPasskeyParameters = { rpId: string; prompt: Pick<PasskeyPrompt, 'authenticate'>; timeoutMs?: number }

/**
 * The credential the person chose, and its assertion over the wallet's own fresh challenge.
 * Which account it controls is the chain's answer; that it is that account's key is checked by
 * verifySignIn against the key the chain holds, before anyone is told they are signed in.
 */
export type SignInPasskeyReturnType = { credentialId: string; challenge: Uint8Array; proof: PasskeyProof }

/**
 * A discoverable assertion: the browser offers the passkeys it holds for the wallet's RP ID and
 * the person picks one, so nothing (not even which account) has to be remembered by the iframe,
 * whose storage browsers partition per partner site. The challenge is 32 random bytes made here
 * for this sign-in alone (never the host's), so an assertion cannot be replayed into it.
 */
export async function signInPasskey({ rpId, prompt, timeoutMs = 120_000 }: SignInPasskeyParameters): Promise<SignInPasskeyReturnType> {
  const challenge = crypto.getRandomValues(new Uint8Array(32))
  try {
    const response = await prompt.authenticate({
      challenge: toBase64Url(challenge),
      rpId,
      userVerification: 'required',
      allowCredentials: [],
      timeout: timeoutMs,
    })
    return { credentialId: response.id, challenge, proof: assertionProof(response.response) }
  } catch (error) {
    throw toPasskeyError(error, rpId)
  }
}
