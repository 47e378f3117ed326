import { BaseError, ErrorCode } from './errors'
import { bytesEqual, fromBase58Expecting, toBase58 } from './encoding'

/**
 * DER header of a SubjectPublicKeyInfo holding an uncompressed P-256 point: SEQUENCE, the
 * algorithm (id-ecPublicKey, prime256v1), then a 66-byte BIT STRING (0 unused bits, 0x04, x, y).
 * WebAuthn's `getPublicKey()` returns exactly this for ES256 credentials.
 */
const p256SpkiHeader = Uint8Array.from([
  0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce,
  0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
])

function invalidKey(why: string): BaseError {
  return new BaseError({
    code: ErrorCode.InvalidCredential,
    shortMessage: `The passkey's public key is not a usable P-256 key: ${why}.`,
    details: 'Only ES256 (P-256) passkeys can control an account. Try another authenticator.',
  })
}

/** Extracts the 65-byte uncompressed point (`04 ‖ x ‖ y`) from a P-256 SubjectPublicKeyInfo. */
export function p256PointFromSpki(spki: Uint8Array): Uint8Array {
  if (spki.length !== p256SpkiHeader.length + 65) throw invalidKey(`expected 91 bytes of SPKI, got ${spki.length}`)
  if (!bytesEqual(spki.subarray(0, p256SpkiHeader.length), p256SpkiHeader)) throw invalidKey('the SPKI header is not id-ecPublicKey on prime256v1')
  const point = spki.slice(p256SpkiHeader.length)
  if (point[0] !== 0x04) throw invalidKey('the point is not in uncompressed form')
  return point
}

/** SEC1 compression: `02 ‖ x` for even y, `03 ‖ x` for odd y. Accepts 33- or 65-byte input. */
export function compressP256Point(point: Uint8Array): Uint8Array {
  if (point.length === 33 && (point[0] === 0x02 || point[0] === 0x03)) return point.slice()
  if (point.length !== 65 || point[0] !== 0x04) throw invalidKey(`expected a 33- or 65-byte SEC1 point, got ${point.length} bytes`)
  const out = new Uint8Array(33)
  out[0] = (point[64]! & 1) === 0 ? 0x02 : 0x03
  out.set(point.subarray(1, 33), 1)
  return out
}

/** `p256:<base58 of the compressed point>`, the key format of NEAR Intents' webauthn payloads. */
export function formatP256PublicKey(point: Uint8Array): string {
  return `p256:${toBase58(compressP256Point(point))}`
}

/** Parses `p256:<base58>` back to the 33-byte compressed point. */
export function parseP256PublicKey(text: string): Uint8Array {
  if (!text.startsWith('p256:')) throw invalidKey('expected the form p256:<base58>')
  let bytes: Uint8Array
  try {
    bytes = fromBase58Expecting(text.slice(5), 33)
  } catch {
    throw invalidKey('the part after p256: is not base58')
  }
  if (bytes.length !== 33 || (bytes[0] !== 0x02 && bytes[0] !== 0x03)) throw invalidKey('expected a 33-byte compressed point')
  return bytes
}
