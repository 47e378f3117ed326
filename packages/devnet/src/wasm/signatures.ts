/**
 * Signature checks behind `p256_verify` and `ecrecover`, with nearcore's acceptance rules (the
 * RustCrypto `p256` crate and libsecp256k1 it uses). `ed25519_verify` uses OpenSSL through
 * `../ed25519-verify.ts`.
 */
import { type KeyObject, createPublicKey, verify } from 'node:crypto'
import { p256 } from '@noble/curves/nist.js'
import { secp256k1 } from '@noble/curves/secp256k1.js'

const p256Order = p256.Point.Fn.ORDER
const secp256k1Order = secp256k1.Point.Fn.ORDER

const bigEndian = (bytes: Uint8Array): bigint => (bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`))

/** DER header of a P-256 SubjectPublicKeyInfo holding a compressed point (33 bytes follow). */
const p256SpkiHeader = Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200', 'hex')
const p256Keys = new Map<string, KeyObject | null>()

function p256KeyObject(publicKey: Uint8Array): KeyObject | null {
  const id = Buffer.from(publicKey).toString('hex')
  let key = p256Keys.get(id)
  if (key === undefined) {
    try {
      key = createPublicKey({ key: Buffer.concat([p256SpkiHeader, publicKey]), format: 'der', type: 'spki' })
    } catch {
      key = null
    }
    if (p256Keys.size > 4096) p256Keys.clear()
    p256Keys.set(id, key)
  }
  return key
}

/**
 * The 32 bytes RustCrypto's ECDSA verifies for a prehash (`bits2field`): shorter than 16 bytes is
 * refused, shorter than 32 is padded with zeroes on the left, longer is cut to its first 32.
 */
export function p256Prehash(message: Uint8Array): Uint8Array | undefined {
  if (message.length < 16) return undefined
  if (message.length >= 32) return message.subarray(0, 32)
  const padded = new Uint8Array(32)
  padded.set(message, 32 - message.length)
  return padded
}

/** Whether `r‖s` parses as a P-256 signature: both in [1, n) (RustCrypto's `Signature::from_slice`). */
export function p256SignatureInRange(signature: Uint8Array): boolean {
  const r = bigEndian(signature.subarray(0, 32))
  const s = bigEndian(signature.subarray(32, 64))
  return r !== 0n && s !== 0n && r < p256Order && s < p256Order
}

/**
 * ECDSA P-256 over a prehashed message, high-S accepted, as nearcore's `p256_verify`.
 * `signature` is 64 bytes `r‖s`, `publicKey` a 33-byte compressed point. `preimage`, when given,
 * is a message whose SHA-256 is `message`: OpenSSL then checks it, far faster.
 */
export function verifyP256(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array, preimage?: Uint8Array): boolean {
  if (!p256SignatureInRange(signature)) return false
  const digest = p256Prehash(message)
  if (!digest) return false
  if (preimage && message.length === 32) {
    const key = p256KeyObject(publicKey)
    if (!key) return false
    try {
      return verify('sha256', preimage, { key, dsaEncoding: 'ieee-p1363' }, signature)
    } catch {
      return false
    }
  }
  try {
    return p256.verify(signature, digest, publicKey, { prehash: false, lowS: false, format: 'compact' })
  } catch {
    return false
  }
}

/** What `ecrecover` accepts before recovering: r below n, s below n (or at most n/2 against malleability). */
export function secp256k1SignatureInRange(signature: Uint8Array, rejectUpperS: boolean): boolean {
  const r = bigEndian(signature.subarray(0, 32))
  const s = bigEndian(signature.subarray(32, 64))
  return r < secp256k1Order && (rejectUpperS ? s <= secp256k1Order / 2n : s < secp256k1Order)
}

/** The 64-byte public key (uncompressed, without its 0x04 prefix) that signed `hash`, or undefined. */
export function recoverSecp256k1(hash: Uint8Array, signature: Uint8Array, recoveryId: number): Uint8Array | undefined {
  try {
    const point = secp256k1.Signature.fromBytes(signature, 'compact').addRecoveryBit(recoveryId).recoverPublicKey(hash)
    return point.toBytes(false).subarray(1)
  } catch {
    return undefined
  }
}
