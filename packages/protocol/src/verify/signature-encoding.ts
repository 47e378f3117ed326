import { base58, base64nopad, hex } from '@scure/base'
import { bytesEqual } from '../encoding'
import { VerificationError, VerificationErrorCode } from './errors'

/** The text forms wallets return signatures in. */
export type SignatureEncoding = 'hex' | 'base64' | 'base58'

const hexPattern = /^(?:0x)?[0-9a-fA-F]*$/
const base64Pattern = /^[A-Za-z0-9+/_-]*={0,2}$/

function decodeAs(encoding: SignatureEncoding, text: string): Uint8Array | undefined {
  try {
    if (encoding === 'hex') {
      if (!hexPattern.test(text)) return undefined
      return hex.decode((text.startsWith('0x') ? text.slice(2) : text).toLowerCase())
    }
    if (encoding === 'base64') {
      if (!base64Pattern.test(text)) return undefined
      // Wallets disagree on padding and on the URL-safe alphabet; the bytes are what matter,
      // and the signature check that follows is what makes them trustworthy.
      return base64nopad.decode(text.replace(/=+$/, '').replaceAll('-', '+').replaceAll('_', '/'))
    }
    return base58.decode(text)
  } catch {
    return undefined
  }
}

export type DecodeSignatureParameters = {
  /** Exact byte length of the signature. */
  length: number
  /** Text forms to try, in order. */
  encodings: readonly SignatureEncoding[]
  /** For the error message, e.g. "Solana". */
  label: string
}

/**
 * Every distinct reading of `signature` that has the right length. Text forms can overlap (86
 * characters can be both base58 and unpadded base64 of 64 bytes), so rather than guess, the
 * caller verifies each reading: whichever one verifies is a genuine signature by the key.
 * Throws `MALFORMED_SIGNATURE` when no reading has the right length.
 */
export function decodeSignatureCandidates(signature: string | Uint8Array, { length, encodings, label }: DecodeSignatureParameters): Uint8Array[] {
  if (signature instanceof Uint8Array) {
    if (signature.length === length) return [signature]
    throw new VerificationError({
      code: VerificationErrorCode.MalformedSignature,
      shortMessage: `A ${label} signature is ${length} bytes; this one is ${signature.length}.`,
      details: 'Pass the signature exactly as the wallet returned it.',
    })
  }
  if (typeof signature !== 'string') {
    throw new VerificationError({
      code: VerificationErrorCode.MalformedSignature,
      shortMessage: `The ${label} signature must be a string or a Uint8Array, got ${signature === null ? 'null' : typeof signature}.`,
    })
  }
  const candidates: Uint8Array[] = []
  const lengths: number[] = []
  for (const encoding of encodings) {
    const bytes = decodeAs(encoding, signature.trim())
    if (!bytes) continue
    lengths.push(bytes.length)
    if (bytes.length === length && !candidates.some((other) => bytesEqual(other, bytes))) {
      candidates.push(bytes)
    }
  }
  if (candidates.length > 0) return candidates
  throw new VerificationError({
    code: VerificationErrorCode.MalformedSignature,
    shortMessage:
      lengths.length === 0
        ? `The ${label} signature is not ${encodings.join(', ').replace(/, ([^,]*)$/, ' or $1')} text.`
        : `A ${label} signature is ${length} bytes; this one decodes to ${lengths.join(' or ')}.`,
    details: 'Pass the signature exactly as the wallet returned it.',
  })
}
