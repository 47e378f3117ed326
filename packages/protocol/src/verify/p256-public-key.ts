import { p256 } from '@noble/curves/nist.js'
import { bytesToHex } from '@noble/curves/utils.js'
import { VerificationError, VerificationErrorCode } from './errors'
import { LruCache } from './lru-cache'

// Decompressing a 33-byte point costs a modular square root (~80 µs in JS), more than the
// rest of an assertion check together. Validity is a pure function of the bytes, so the keys a
// relayer sees over and over are checked once.
const validPoints = new LruCache<string, true>(1024)

function invalid(why: string, cause?: unknown): VerificationError {
  return new VerificationError({
    code: VerificationErrorCode.InvalidPublicKey,
    shortMessage: `The passkey public key is not a P-256 point: ${why}.`,
    details: 'Pass the SEC1 point stored at registration: 33 bytes (02/03 ‖ x) or 65 bytes (04 ‖ x ‖ y).',
    cause,
  })
}

export type AssertP256PublicKeyErrorType = VerificationError

/**
 * Throws `INVALID_PUBLIC_KEY` unless `publicKey` is a SEC1-encoded point on P-256 (not the
 * identity, coordinates below p). Run before any backend so every backend sees a valid key and
 * an off-curve key gets its own error rather than a failed signature.
 */
export function assertP256PublicKey(publicKey: Uint8Array): void {
  if (!(publicKey instanceof Uint8Array)) throw invalid(`expected a Uint8Array, got ${typeof publicKey}`)
  const tag = publicKey[0]
  const wellSized = (publicKey.length === 33 && (tag === 0x02 || tag === 0x03)) || (publicKey.length === 65 && tag === 0x04)
  if (!wellSized) throw invalid(`expected 33 bytes starting 02/03 or 65 bytes starting 04, got ${publicKey.length} bytes starting ${tag ?? 'nothing'}`)
  const key = bytesToHex(publicKey)
  if (validPoints.get(key)) return
  try {
    p256.Point.fromBytes(publicKey).assertValidity()
  } catch (cause) {
    throw invalid('the point is not on the curve', cause)
  }
  validPoints.set(key, true)
}
