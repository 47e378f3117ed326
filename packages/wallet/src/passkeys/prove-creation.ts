import { type AccountCreationProof, type ChainId, accountCreationChallenge } from '@crosschain-lending/protocol'
import type { PasskeyPrompt } from './ceremony-runner'
import { signChallengeWithPasskey } from './sign-request'

/**
 * How long a creation proof stays valid: past the wallet's retries in one visit (ten minutes),
 * within the contract's deadline window (an hour). A creation kept for a later visit whose proof
 * has expired is proved again there.
 */
export const creationProofLifetimeMs = 30 * 60 * 1000

export type ProveAccountCreationParameters = {
  rpId: string
  config: { chainId: ChainId; contractId: string }
  passkey: { credentialId: string; publicKey: string; userHandle?: string }
  prompt: Pick<PasskeyPrompt, 'authenticate'>
  now?: number
}

/**
 * Proof of possession for a new account: the new passkey's assertion over the creation statement
 * (this contract and network, its credential id and key, a deadline). A registration's
 * attestation is usually `none` and signed by no one, so the wallet asks the new passkey for one
 * assertion right after creating it; the contract records no account without it.
 */
export async function proveAccountCreation({ rpId, config, passkey, prompt, now = Date.now() }: ProveAccountCreationParameters): Promise<{ deadline: number; proof: AccountCreationProof }> {
  const deadline = now + creationProofLifetimeMs
  const challenge = accountCreationChallenge({ chainId: config.chainId, contractId: config.contractId, credentialId: passkey.credentialId, publicKey: passkey.publicKey, userHandle: passkey.userHandle, deadline })
  const proof = await signChallengeWithPasskey({ rpId, credentialId: passkey.credentialId, challenge, prompt })
  return { deadline, proof }
}
