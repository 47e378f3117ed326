import { ed25519 } from '@noble/curves/ed25519.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { verifyEd25519 } from '../src/ed25519-verify'

describe('native Ed25519 verification of transactions', () => {
  it('behavior: agrees with the portable verifier on valid and corrupted signatures', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 0, maxLength: 300 }), fc.nat(63), (seed, message, flip) => {
        const publicKey = ed25519.getPublicKey(seed)
        const signature = ed25519.sign(message, seed)
        expect(verifyEd25519(signature, message, publicKey)).toBe(true)
        const corrupted = signature.slice()
        corrupted[flip]! ^= 0x01
        expect(verifyEd25519(corrupted, message, publicKey)).toBe(ed25519.verify(corrupted, message, publicKey))
      }),
      { numRuns: 300 },
    )
  })

  it('error: wrong lengths and malformed keys are refused, not thrown', () => {
    expect(verifyEd25519(new Uint8Array(63), new Uint8Array(1), new Uint8Array(32))).toBe(false)
    expect(verifyEd25519(new Uint8Array(64), new Uint8Array(1), new Uint8Array(31))).toBe(false)
    expect(verifyEd25519(new Uint8Array(64), new Uint8Array(1), new Uint8Array(32).fill(0xff))).toBe(false)
  })
})
