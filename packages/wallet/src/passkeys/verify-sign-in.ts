import { BaseError, ErrorCode, type PasskeyProof, verifyPasskeyProof } from '@crosschain-lending/protocol'
import type { WalletConfig } from '../config'

export type VerifySignInParameters = {
  proof: PasskeyProof
  /** The challenge this sign-in was started with (made by the wallet, never by the host). */
  challenge: Uint8Array
  /** The key the chain holds for the credential that answered (or the wallet's own record of a passkey it made). */
  publicKey: string
  config: Pick<WalletConfig, 'rpId' | 'allowedHostOrigins' | 'contractId'>
  /** The wallet's own origin: the assertion must have been made here. */
  walletOrigin: string
}

/**
 * A sign-in counts only if the assertion verifies against the key the chain holds for that
 * credential: RP ID, origin, UP and UV, low-S, the page around the wallet, and the signature
 * over this sign-in's fresh challenge. Otherwise the account found by credential id could be
 * someone else's (a squatted credential id): refused with SIGN_IN_FAILED, and nothing is stored.
 */
export function verifySignIn({ proof, challenge, publicKey, config, walletOrigin }: VerifySignInParameters): void {
  try {
    // The partner sites the wallet serves are the pages a framed assertion may name (topOrigin).
    verifyPasskeyProof(proof, publicKey, challenge, { rpId: config.rpId, walletOrigins: [walletOrigin], partnerOrigins: config.allowedHostOrigins, contractId: config.contractId })
  } catch (cause) {
    throw new BaseError({
      code: ErrorCode.SignInFailed,
      shortMessage: 'This passkey did not prove it controls the account the chain has for it, so you are not signed in. Create a new account, or sign in with another passkey.',
      details: `${(cause as BaseError).code ?? 'ERROR'}: ${(cause as BaseError).shortMessage ?? String(cause)}`,
      cause,
    })
  }
}
