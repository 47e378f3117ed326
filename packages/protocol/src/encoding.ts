import { base58, base64urlnopad } from '@scure/base'

/** Unpadded base64url, the encoding WebAuthn uses for ids and challenges. */
export function toBase64Url(bytes: Uint8Array): string {
  return base64urlnopad.encode(bytes)
}

/** Decodes unpadded base64url; throws on padding or characters outside the alphabet. */
export function fromBase64Url(text: string): Uint8Array {
  return base64urlnopad.decode(text)
}

export function toBase58(bytes: Uint8Array): string {
  return base58.encode(bytes)
}

export function fromBase58(text: string): Uint8Array {
  return base58.decode(text)
}

const base58Alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
const base58Digit = new Int8Array(128).fill(-1)
for (let i = 0; i < base58Alphabet.length; i++) base58Digit[base58Alphabet.charCodeAt(i)] = i
const base58Chunk = 58n ** 9n

/**
 * Decodes base58 that must hold exactly `length` bytes (keys, signatures). Nine digits at a time
 * in plain numbers, then a few BigInt steps: several times faster than a general decoder on the
 * signature hot path. Same result as `fromBase58`, or a throw, for every input.
 */
export function fromBase58Fixed(text: string, length: number): Uint8Array {
  let leadingZeros = 0
  while (leadingZeros < text.length && text.charCodeAt(leadingZeros) === 49) leadingZeros++
  let value = 0n
  for (let start = leadingZeros; start < text.length; start += 9) {
    const end = Math.min(start + 9, text.length)
    let chunk = 0
    for (let i = start; i < end; i++) {
      const code = text.charCodeAt(i)
      const digit = code < 128 ? base58Digit[code]! : -1
      if (digit < 0) throw new Error(`invalid base58 character at ${i}`)
      chunk = chunk * 58 + digit
    }
    value = value * (end - start === 9 ? base58Chunk : 58n ** BigInt(end - start)) + BigInt(chunk)
  }
  const hex = value === 0n ? '' : value.toString(16)
  const significant = Math.ceil(hex.length / 2)
  if (leadingZeros + significant !== length) throw new Error(`expected ${length} bytes of base58, got ${leadingZeros + significant}`)
  const out = new Uint8Array(length)
  const padded = hex.length % 2 ? `0${hex}` : hex
  for (let i = 0; i < significant; i++) out[leadingZeros + i] = parseInt(padded.slice(i * 2, i * 2 + 2), 16)
  return out
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}

/**
 * Decodes base58 expected to hold `length` bytes: the fast fixed-length path, and on any
 * surprise the general decoder, so a malformed input still gets its precise error (a wrong
 * length reads as a wrong length, not as bad base58).
 */
export function fromBase58Expecting(text: string, length: number): Uint8Array {
  try {
    return fromBase58Fixed(text, length)
  } catch {
    return fromBase58(text)
  }
}
