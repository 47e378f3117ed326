import { toBase58 } from '@crosschain-lending/protocol'
import { ed25519 } from '@noble/curves/ed25519.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js'

/**
 * The local chain's development keys. Every one is derived from a public string, so anyone can
 * reproduce it: they exist only on the development chain and must never hold anything of value.
 * A module of their own so that the relayer, which defaults to them on devnet, does not carry the
 * chain (`@crosschain-lending/devnet`) into a service meant for a real NEAR RPC.
 */

/**
 * How many access keys the relayer account starts with. The relayer keeps one transaction in
 * flight per key, so its concurrency is this number: enough for hundreds of requests a second
 * at the chain's block interval.
 */
export const devnetRelayerKeyCount = 64

/** A NEAR key pair in near-api-js's string forms. */
export type DevnetKey = { secretKey: `ed25519:${string}`; publicKey: `ed25519:${string}` }

function devKey(label: string): DevnetKey {
  const seed = sha256(utf8ToBytes(`crosschain-lending/devnet/${label}`))
  const publicKey = ed25519.getPublicKey(seed)
  // near-api-js writes an Ed25519 secret key as base58 of seed ‖ public key (64 bytes).
  return { secretKey: `ed25519:${toBase58(concatBytes(seed, publicKey))}`, publicKey: `ed25519:${toBase58(publicKey)}` }
}

/** The relayer account's keys on the local chain (`relayer.devnet`). */
export function devnetRelayerKeys(count = devnetRelayerKeyCount): DevnetKey[] {
  return Array.from({ length: count }, (_, index) => devKey(`relayer/${index}`))
}

/** The contract owner's key on the local chain (`owner.devnet`). */
export function devnetOwnerKey(): DevnetKey {
  return devKey('owner')
}
