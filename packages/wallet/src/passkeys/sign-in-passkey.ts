import { toBase64Url } from '@crosschain-lending/protocol'
import type { PasskeyPrompt } from './ceremony-runner'
import { toPasskeyError } from './webauthn-errors'

export type SignInPasskeyParameters = { rpId: string; prompt: Pick<PasskeyPrompt, 'authenticate'>; timeoutMs?: number }

/** The credential the person chose; which account it controls is the chain's answer, not ours. */
export type SignInPasskeyReturnType = { credentialId: string }

/**
 * A discoverable assertion: the browser offers the passkeys it holds for the wallet's RP ID and
 * the person picks one, so nothing (not even which account) has to be remembered by the iframe,
 * whose storage browsers partition per partner site. The challenge guards nothing here: this
 * only learns which account to show. Every change the account makes is a request the contract
 * verifies with its own challenge.
 */
export async function signInPasskey({ rpId, prompt, timeoutMs = 120_000 }: SignInPasskeyParameters): Promise<SignInPasskeyReturnType> {
  try {
    const response = await prompt.authenticate({
      challenge: toBase64Url(crypto.getRandomValues(new Uint8Array(32))),
      rpId,
      userVerification: 'required',
      allowCredentials: [],
      timeout: timeoutMs,
    })
    return { credentialId: response.id }
  } catch (error) {
    throw toPasskeyError(error, rpId)
  }
}
