import { bytesToNumberBE } from '@noble/curves/utils.js'
import { VerificationError, VerificationErrorCode } from './errors'

/** The two scalars of an ECDSA signature. */
export type EcdsaScalars = { r: bigint; s: bigint }

// A P-256 DER signature is at most 2 + 2 × (2 + 33) = 72 bytes, so every length fits the
// one-byte short form; a long-form length here can only be malformed or hostile.
const maxShortLength = 0x7f

function malformed(why: string): VerificationError {
  return new VerificationError({
    code: VerificationErrorCode.MalformedSignature,
    shortMessage: `The signature is not valid ASN.1 DER: ${why}.`,
    details: 'Pass the signature exactly as the authenticator returned it (DER), or as raw 64-byte r‖s.',
  })
}

/**
 * Reads one INTEGER at `offset`. Strict DER: positive, minimally encoded (a leading zero only
 * when the next byte has its top bit set), and at most `maxBytes` bytes of magnitude, so two
 * encodings of the same signature cannot both be accepted.
 */
function readInteger(der: Uint8Array, offset: number, maxBytes: number, name: string): { value: bigint; next: number } {
  if (der[offset] !== 0x02) throw malformed(`expected INTEGER ${name}`)
  const length = der[offset + 1]
  if (length === undefined || length === 0 || length > maxShortLength) throw malformed(`INTEGER ${name} has an invalid length`)
  const start = offset + 2
  const end = start + length
  if (end > der.length) throw malformed(`INTEGER ${name} runs past the end`)
  const first = der[start]!
  if (first & 0x80) throw malformed(`INTEGER ${name} is negative`)
  if (first === 0 && length > 1 && (der[start + 1]! & 0x80) === 0) throw malformed(`INTEGER ${name} has a superfluous leading zero`)
  const magnitude = first === 0 && length > 1 ? der.subarray(start + 1, end) : der.subarray(start, end)
  if (magnitude.length > maxBytes) throw malformed(`INTEGER ${name} is longer than ${maxBytes} bytes`)
  return { value: bytesToNumberBE(magnitude), next: end }
}

/**
 * Decodes `SEQUENCE { r INTEGER, s INTEGER }`. Range checks against the curve order belong to
 * the caller, which knows the curve. Throws `MALFORMED_SIGNATURE` on anything else.
 */
export function decodeDerSignature(der: Uint8Array, scalarBytes = 32): EcdsaScalars {
  if (der.length < 8) throw malformed(`${der.length} bytes is too short`)
  if (der[0] !== 0x30) throw malformed('it does not start with a SEQUENCE')
  const length = der[1]!
  if (length > maxShortLength) throw malformed('the SEQUENCE length is not in short form')
  if (length !== der.length - 2) throw malformed(`the SEQUENCE says ${length} bytes but ${der.length - 2} follow`)
  const r = readInteger(der, 2, scalarBytes, 'r')
  const s = readInteger(der, r.next, scalarBytes, 's')
  if (s.next !== der.length) throw malformed('bytes follow the second INTEGER')
  return { r: r.value, s: s.value }
}

function encodeInteger(value: bigint): number[] {
  if (value < 0n) throw new RangeError('DER INTEGER must be non-negative')
  const bytes: number[] = []
  for (let rest = value; rest > 0n; rest >>= 8n) bytes.unshift(Number(rest & 0xffn))
  if (bytes.length === 0 || bytes[0]! & 0x80) bytes.unshift(0)
  return [0x02, bytes.length, ...bytes]
}

/** Encodes r and s as the DER an authenticator would return (the inverse of `decodeDerSignature`). */
export function encodeDerSignature({ r, s }: EcdsaScalars): Uint8Array {
  const body = [...encodeInteger(r), ...encodeInteger(s)]
  if (body.length > maxShortLength) throw new RangeError('DER signature scalars are too large')
  return Uint8Array.from([0x30, body.length, ...body])
}
