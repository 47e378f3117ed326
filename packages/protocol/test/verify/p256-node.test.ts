import { readFileSync } from 'node:fs'
import { p256 } from '@noble/curves/nist.js'
import { sha256 } from '@noble/hashes/sha2.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createNodeP256Verifier, nodeP256Verifier } from '../../src/verify/p256-node'
import { nobleP256Verifier } from '../../src/verify/p256-verifier'

const { cases } = JSON.parse(readFileSync(new URL('../vectors/webauthn-chrome-assertions.json', import.meta.url), 'utf8')) as {
  cases: { publicKey: string; authenticatorData: string; clientDataJSON: string; signature: string }[]
}
const hex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'))
const signed = cases.map((vector) => ({
  key: hex(vector.publicKey),
  message: new Uint8Array([...hex(vector.authenticatorData), ...sha256(new TextEncoder().encode(vector.clientDataJSON))]),
  signature: hex(vector.signature),
}))

describe('the node:crypto P-256 backend', () => {
  it('behavior: a one-key cache still verifies correctly while keys alternate (eviction rebuilds keys)', () => {
    const verifier = createNodeP256Verifier({ cacheSize: 1 })
    for (let round = 0; round < 2; round++) {
      for (const { key, message, signature } of signed.slice(0, 10)) expect(verifier(key, message, signature)).toBe(true)
    }
    // A signature checked under another vector's key fails even when that key is cached.
    expect(verifier(signed[0]!.key, signed[1]!.message, signed[1]!.signature)).toBe(false)
  })

  it('behavior: compressed and uncompressed encodings of one key verify the same', () => {
    for (const { key, message, signature } of signed.slice(0, 20)) {
      const compressed = p256.Point.fromBytes(key).toBytes(true)
      expect(nodeP256Verifier(compressed, message, signature)).toBe(true)
    }
  })

  it('behavior: both backends return false rather than throwing on a key OpenSSL cannot parse or a signature of the wrong size', () => {
    const offCurve = signed[0]!.key.slice()
    offCurve[64]! ^= 1
    expect(nodeP256Verifier(offCurve, signed[0]!.message, signed[0]!.signature)).toBe(false)
    expect(nodeP256Verifier(signed[0]!.key, signed[0]!.message, signed[0]!.signature.subarray(0, 63))).toBe(false)
    expect(nobleP256Verifier(offCurve, signed[0]!.message, signed[0]!.signature)).toBe(false)
    expect(nobleP256Verifier(signed[0]!.key, signed[0]!.message, signed[0]!.signature.subarray(0, 63))).toBe(false)
  })

  it('property: for keys of our own, noble and node agree on valid, high-S and tampered signatures', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 200 }), fc.nat(), (seed, message, at) => {
        // A 48-byte seed is reduced into [1, n-1], so every seed gives a key.
        const secretKey = p256.utils.randomSecretKey(new Uint8Array([...seed, ...seed.subarray(0, 16)]))
        const publicKey = p256.getPublicKey(secretKey, at % 2 === 0)
        const low = p256.sign(message, secretKey, { lowS: true })
        const sig = p256.Signature.fromBytes(low)
        const high = new p256.Signature(sig.r, p256.Point.Fn.ORDER - sig.s).toBytes('compact')
        const tampered = low.slice()
        tampered[at % 64]! ^= 0x01
        for (const candidate of [low, high, tampered]) {
          expect(nodeP256Verifier(publicKey, message, candidate)).toBe(nobleP256Verifier(publicKey, message, candidate))
        }
        expect(nodeP256Verifier(publicKey, message, low)).toBe(true)
        expect(nodeP256Verifier(publicKey, message, high)).toBe(true)
      }),
      { numRuns: 60 },
    )
  })
})
