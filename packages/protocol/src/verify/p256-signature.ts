import { bytesToNumberBE, numberToBytesBE } from '@noble/curves/utils.js'
import { fromBase58Expecting, toBase58 } from '../encoding'
import { decodeDerSignature, type EcdsaScalars } from './der'
import { VerificationError, VerificationErrorCode } from './errors'

/** The order n of the P-256 base point (FIPS 186-5, SEC 2). */
export const p256Order = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n
const halfOrder = p256Order >> 1n

const rawSignatureLength = 64

function malformed(why: string, details?: string): VerificationError {
  return new VerificationError({
    code: VerificationErrorCode.MalformedSignature,
    shortMessage: `The P-256 signature is malformed: ${why}.`,
    details: details ?? 'Pass the signature as the authenticator returned it (ASN.1 DER) or as raw 64-byte r‖s.',
  })
}

/** True when s is in the upper half of the order: the malleable twin of a low-S signature. */
export function isHighS(s: bigint): boolean {
  return s > halfOrder
}

/**
 * Reads a P-256 signature given as raw r‖s (exactly 64 bytes) or as ASN.1 DER (any other
 * length), and checks both scalars are in [1, n-1]. A 64-byte DER encoding would need r and s
 * six bytes short between them (odds about 2^-48), so the length alone decides the form and a
 * raw signature whose first byte happens to be 0x30 is never misread as DER.
 */
export function decodeP256Signature(signature: Uint8Array): EcdsaScalars {
  if (!(signature instanceof Uint8Array)) throw malformed('expected a Uint8Array')
  const scalars =
    signature.length === rawSignatureLength
      ? { r: bytesToNumberBE(signature.subarray(0, 32)), s: bytesToNumberBE(signature.subarray(32)) }
      : decodeDerSignature(signature)
  if (scalars.r === 0n || scalars.r >= p256Order) throw malformed('r is outside [1, n-1]')
  if (scalars.s === 0n || scalars.s >= p256Order) throw malformed('s is outside [1, n-1]')
  return scalars
}

/** Raw 64-byte r‖s, each big-endian and left-padded to 32 bytes. */
export function encodeRawP256Signature({ r, s }: EcdsaScalars): Uint8Array {
  const out = new Uint8Array(rawSignatureLength)
  out.set(numberToBytesBE(r, 32), 0)
  out.set(numberToBytesBE(s, 32), 32)
  return out
}

export type NormalizeP256SignatureErrorType = VerificationError

/**
 * DER or raw in, raw 64-byte low-S r‖s out: the form NEAR Intents accepts. Replacing s by n-s
 * keeps the signature valid (ECDSA cannot tell them apart), so a wallet can normalize any
 * authenticator's output before submitting it.
 */
export function normalizeP256Signature(signature: Uint8Array): Uint8Array {
  const { r, s } = decodeP256Signature(signature)
  return encodeRawP256Signature({ r, s: isHighS(s) ? p256Order - s : s })
}

const prefix = 'p256:'

export type FormatP256SignatureErrorType = VerificationError

/**
 * `p256:<base58 of r‖s>`, the signature format of NEAR Intents' webauthn payloads. Refuses a
 * high-S signature, which the contract would refuse too; run `normalizeP256Signature` first.
 */
export function formatP256Signature(rawSignature: Uint8Array): string {
  if (!(rawSignature instanceof Uint8Array) || rawSignature.length !== rawSignatureLength) {
    throw malformed(`expected raw 64-byte r‖s, got ${rawSignature instanceof Uint8Array ? `${rawSignature.length} bytes` : typeof rawSignature}`, 'Call normalizeP256Signature on the authenticator output first.')
  }
  const { s } = decodeP256Signature(rawSignature)
  if (isHighS(s)) {
    throw new VerificationError({
      code: VerificationErrorCode.SignatureHighS,
      shortMessage: 'The P-256 signature has a high S value, which NEAR Intents refuses.',
      details: 'Call normalizeP256Signature on it first; it replaces s by n - s, which stays valid.',
    })
  }
  return prefix + toBase58(rawSignature)
}

export type ParseP256SignatureErrorType = VerificationError

/** Parses `p256:<base58>` back to raw 64-byte r‖s; checks the form and the scalar ranges, not S's half. */
export function parseP256Signature(text: string): Uint8Array {
  if (typeof text !== 'string' || !text.startsWith(prefix)) throw malformed('expected the form p256:<base58 of r‖s>', 'Write the signature as p256:<base58>.')
  let bytes: Uint8Array
  try {
    bytes = fromBase58Expecting(text.slice(prefix.length), rawSignatureLength)
  } catch (cause) {
    throw new VerificationError({
      code: VerificationErrorCode.MalformedSignature,
      shortMessage: 'The P-256 signature is malformed: the part after p256: is not base58.',
      cause,
    })
  }
  if (bytes.length !== rawSignatureLength) throw malformed(`expected 64 bytes after p256:, got ${bytes.length}`, 'Write the signature as p256:<base58 of r‖s>.')
  decodeP256Signature(bytes)
  return bytes
}
