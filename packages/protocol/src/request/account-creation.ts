import { utf8ToBytes } from '@noble/hashes/utils.js'
import { sha256 } from '../hash'
import type { ChainId, PasskeyProof } from './envelope'
import { invalidRequest, record, text } from './fields'

/** Tags the creation statement, so a creation proof can never pass for a request's and back. */
export const accountCreationDomain = 'crosschain-lending/create-account/v1'

/**
 * What a new passkey signs to have its account recorded: this contract, this network, this
 * credential and key, until this deadline. The contract records an account only with the
 * passkey's own signature over it (proof of possession), so nobody can register someone else's
 * key, nor a credential id they merely saw.
 */
export type AccountCreationFields = {
  chainId: ChainId
  contractId: string
  credentialId: string
  publicKey: string
  userHandle?: string | undefined
  /** Block timestamp (ms) after which the proof is refused; at most the contract's deadline window ahead. */
  deadline: number
}

/** The proof `create_account` carries: the passkey's assertion over `accountCreationChallenge(fields)`. */
export type AccountCreationProof = PasskeyProof

/**
 * The exact statement, as one JSON string with its keys in a fixed order. Both the wallet and
 * the contract build it from the same fields with this one function, so they cannot disagree;
 * every field is a validated token (no free text), so the encoding is unambiguous.
 */
export function encodeAccountCreation(fields: AccountCreationFields): string {
  return JSON.stringify({
    domain: accountCreationDomain,
    chainId: fields.chainId,
    contractId: fields.contractId,
    credentialId: fields.credentialId,
    publicKey: fields.publicKey,
    userHandle: fields.userHandle ?? null,
    deadline: fields.deadline,
  })
}

/** The WebAuthn challenge for account creation: sha256 of the statement. */
export function accountCreationChallenge(fields: AccountCreationFields): Uint8Array {
  return sha256(utf8ToBytes(encodeAccountCreation(fields)))
}

/** Validates the shape of a creation proof (its signature is the contract's to check). */
export function parseAccountCreationProof(value: unknown, field = 'proof'): AccountCreationProof {
  const p = record(value, field, ['type', 'authenticatorData', 'clientDataJSON', 'signature'])
  if (p.type !== 'passkey') throw invalidRequest(`${field}.type`, 'must be "passkey"')
  return {
    type: 'passkey',
    authenticatorData: text(p.authenticatorData, `${field}.authenticatorData`, /^[A-Za-z0-9_-]+$/, 2048),
    clientDataJSON: text(p.clientDataJSON, `${field}.clientDataJSON`, undefined, 4096),
    signature: text(p.signature, `${field}.signature`, /^p256:[1-9A-HJ-NP-Za-km-z]+$/, 128),
  }
}
