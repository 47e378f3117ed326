import { ed25519 } from '@noble/curves/ed25519.js'

/**
 * Ed25519 verification with RFC 8032 strict decoding (zip215: false): non-canonical point
 * encodings and small-order keys are refused, so one message and key admit one signature
 * encoding. Honest wallets (Phantom, NEAR wallets, Freighter) only produce canonical ones.
 */
export function verifyEd25519(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false })
  } catch {
    return false
  }
}

/** True when `publicKey` is 32 bytes that decode to a point that can sign (not small order). */
export function isEd25519PublicKey(publicKey: Uint8Array): boolean {
  if (publicKey.length !== 32) return false
  try {
    return !ed25519.Point.fromBytes(publicKey, false).isSmallOrder()
  } catch {
    return false
  }
}
