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

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}
