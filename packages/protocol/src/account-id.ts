import { bytesToHex, concatBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { sha256 } from './hash'

const accountIdDomain = utf8ToBytes('crosschain-lending/account/v1')

/**
 * An account's id, derived from its first passkey alone, exactly as the contract derives it
 * (contracts/lending `creation.rs`): the same key and credential always give the same id, so
 * creating an account twice (a retry, a second tab) is harmless, and a squatter who submits
 * someone's public key with another credential id gets another account.
 */
export function accountIdFor(compressedPublicKey: Uint8Array, credentialId: string): string {
  const digest = sha256(concatBytes(accountIdDomain, Uint8Array.of(0), compressedPublicKey, utf8ToBytes(credentialId)))
  return `pk-${bytesToHex(digest).slice(0, 40)}`
}
