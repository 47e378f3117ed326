import { ed25519 } from '@noble/curves/ed25519.js'
import { base58, base64, base64nopad, base64urlnopad } from '@scure/base'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeSignatureCandidates } from '../../src/verify/signature-encoding'
import { verifySolanaSignature } from '../../src/verify/solana'
import { refusal } from './support'

const { secretKey, publicKey } = ed25519.keygen()
const address = base58.encode(publicKey)
const otherAddress = base58.encode(ed25519.keygen().publicKey)
const message = 'Sign in to lending.example\nNonce: 8f2c ✓'
const signature = ed25519.sign(new TextEncoder().encode(message), secretKey)


describe('verifySolanaSignature (raw Ed25519 signMessage)', () => {
  it('behavior: the signature verifies as bytes, base58, padded base64, unpadded base64 and base64url', () => {
    for (const sig of [signature, base58.encode(signature), base64.encode(signature), base64nopad.encode(signature), base64urlnopad.encode(signature)]) {
      expect(verifySolanaSignature({ address, message, signature: sig })).toEqual({ chain: 'solana', address, publicKey })
    }
  })

  it('behavior: binary messages are signed as they are, with no prefix and no hash', () => {
    const bytes = Uint8Array.from([0xff, 0x00, 0x80])
    expect(verifySolanaSignature({ address, message: bytes, signature: ed25519.sign(bytes, secretKey) }).address).toBe(address)
  })

  it('error: another address, another message or a flipped byte gets INVALID_SIGNATURE', () => {
    expect(refusal(() => verifySolanaSignature({ address: otherAddress, message, signature }))).toBe('INVALID_SIGNATURE')
    expect(refusal(() => verifySolanaSignature({ address, message: `${message} `, signature }))).toBe('INVALID_SIGNATURE')
    const flipped = signature.slice()
    flipped[40]! ^= 1
    expect(refusal(() => verifySolanaSignature({ address, message, signature: flipped }))).toBe('INVALID_SIGNATURE')
  })

  it('error: a non-canonical S (S + L) is refused, so a signature has one accepted encoding', () => {
    const order = 2n ** 252n + 27742317777372353535851937790883648493n
    let s = 0n
    for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(signature[i]!)
    const bumped = s + order
    if (bumped < 2n ** 256n) {
      const malleated = signature.slice()
      for (let i = 32, rest = bumped; i < 64; i++, rest >>= 8n) malleated[i] = Number(rest & 0xffn)
      expect(refusal(() => verifySolanaSignature({ address, message, signature: malleated }))).toBe('INVALID_SIGNATURE')
    }
  })

  it('error: bad base58, wrong lengths and a program-derived (off-curve) address get INVALID_ADDRESS', () => {
    let offCurve: Uint8Array | undefined
    for (let i = 0; !offCurve; i++) {
      const candidate = new Uint8Array(32).fill(i)
      try {
        ed25519.Point.fromBytes(candidate)
      } catch {
        offCurve = candidate
      }
    }
    const bad = [`${address}0`, address.replace(/.$/, 'l'), base58.encode(publicKey.subarray(1)), base58.encode(new Uint8Array(33).fill(9)), '', base58.encode(offCurve), base58.encode(new Uint8Array(32)), undefined]
    for (const candidate of bad) {
      expect(refusal(() => verifySolanaSignature({ address: candidate as string, message, signature }))).toBe('INVALID_ADDRESS')
    }
  })

  it('error: bad base58/base64 and signatures of the wrong length get MALFORMED_SIGNATURE', () => {
    // (Not the base58 of 63 random bytes: now and then that is also unpadded base64 of 64 bytes,
    // a reading that is verified and refused as INVALID_SIGNATURE instead. See the next test.)
    for (const sig of ['', '0OIl', '!!!', base58.encode(new Uint8Array(63).fill(1)), base64.encode(new Uint8Array(65)), signature.subarray(1), new Uint8Array(65), 64, null]) {
      expect(refusal(() => verifySolanaSignature({ address, message, signature: sig as string }))).toBe('MALFORMED_SIGNATURE')
    }
  })

  it('behavior: text that is both base58 and unpadded base64 of 64 bytes yields both readings, each then verified', () => {
    // Base58 of 64 bytes is 86 characters only when the bytes start with a zero and a small value;
    // such text can also be unpadded base64 (86 characters = 64 bytes). Rare, but not impossible.
    for (let last = 0; last < 256; last++) {
      const bytes = new Uint8Array(64).fill(0x5a)
      bytes[0] = 0
      bytes[1] = 1
      bytes[63] = last
      const text = base58.encode(bytes)
      let asBase64: Uint8Array
      try {
        asBase64 = base64nopad.decode(text)
      } catch {
        continue
      }
      expect(text).toHaveLength(86)
      const readings = decodeSignatureCandidates(text, { length: 64, encodings: ['base58', 'base64'], label: 'Solana' })
      expect(readings).toEqual([bytes, asBase64])
      // Neither reading is a signature by this key, so the text is refused, typed.
      expect(refusal(() => verifySolanaSignature({ address, message, signature: text }))).toBe('INVALID_SIGNATURE')
      return
    }
    throw new Error('no ambiguous text found')
  })

  it('property: any text or bytes as signature or address is refused with a typed error', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.uint8Array({ maxLength: 70 }), fc.anything()), fc.boolean(), (junk, asAddress) => {
        const code = refusal(() => verifySolanaSignature(asAddress ? { address: junk as string, message, signature } : { address, message, signature: junk as string }))
        expect(['INVALID_ADDRESS', 'MALFORMED_SIGNATURE', 'INVALID_SIGNATURE']).toContain(code)
      }),
      { numRuns: 500 },
    )
  })
})
