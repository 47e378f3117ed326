import { readFileSync } from 'node:fs'
import { p256 } from '@noble/curves/nist.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toBase58 } from '../../src/encoding'
import { decodeDerSignature, encodeDerSignature } from '../../src/verify/der'
import { VerificationError } from '../../src/verify/errors'
import {
  decodeP256Signature,
  formatP256Signature,
  isHighS,
  normalizeP256Signature,
  p256Order,
  parseP256Signature,
} from '../../src/verify/p256-signature'
import { refusal } from './support'

const { cases } = JSON.parse(readFileSync(new URL('../vectors/webauthn-chrome-assertions.json', import.meta.url), 'utf8')) as {
  cases: { signature: string; highS: boolean }[]
}
const hex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'))


const scalar = fc.bigInt({ min: 1n, max: p256Order - 1n })

describe('P-256 signature encodings', () => {
  it('behavior: the curve order is P-256 n', () => {
    expect(p256Order).toBe(p256.Point.Fn.ORDER)
  })

  it('behavior: DER encoding round-trips any r and s in range and matches noble byte for byte', () => {
    fc.assert(
      fc.property(scalar, scalar, (r, s) => {
        const der = encodeDerSignature({ r, s })
        expect(decodeDerSignature(der)).toEqual({ r, s })
        expect(der).toEqual(new p256.Signature(r, s).toBytes('der'))
      }),
      { numRuns: 500 },
    )
  })

  it('behavior: normalization gives 64 bytes with low S, keeps r, and is idempotent, from raw or DER', () => {
    for (const { signature, highS } of cases) {
      const raw = hex(signature)
      const normalized = normalizeP256Signature(raw)
      expect(normalized).toHaveLength(64)
      expect(normalized.subarray(0, 32)).toEqual(raw.subarray(0, 32))
      const { s } = decodeP256Signature(normalized)
      expect(isHighS(s)).toBe(false)
      expect(isHighS(decodeP256Signature(raw).s)).toBe(highS)
      expect(normalizeP256Signature(normalized)).toEqual(normalized)
      expect(normalizeP256Signature(encodeDerSignature(decodeP256Signature(raw)))).toEqual(normalized)
      if (!highS) expect(normalized).toEqual(raw)
    }
  })

  it('behavior: short r and s (leading zero bytes) survive DER → raw as left-padded 32-byte halves', () => {
    const normalized = normalizeP256Signature(encodeDerSignature({ r: 1n, s: 0x0100n }))
    expect(normalized).toEqual(Uint8Array.from([...new Uint8Array(31), 1, ...new Uint8Array(30), 1, 0]))
  })

  it('behavior: p256:<base58> format and parse round-trip the low-S form', () => {
    for (const { signature } of cases) {
      const normalized = normalizeP256Signature(hex(signature))
      const text = formatP256Signature(normalized)
      expect(text).toMatch(/^p256:[1-9A-HJ-NP-Za-km-z]+$/)
      expect(parseP256Signature(text)).toEqual(normalized)
    }
  })

  it('error: format refuses a high-S signature with SIGNATURE_HIGH_S and anything but 64 raw bytes with MALFORMED_SIGNATURE', () => {
    const high = hex(cases.find((vector) => vector.highS)!.signature)
    expect(refusal(() => formatP256Signature(high))).toBe('SIGNATURE_HIGH_S')
    expect(refusal(() => formatP256Signature(encodeDerSignature(decodeP256Signature(normalizeP256Signature(high)))))).toBe('MALFORMED_SIGNATURE')
    expect(refusal(() => formatP256Signature('p256:abc' as unknown as Uint8Array))).toBe('MALFORMED_SIGNATURE')
  })

  it('error: parse refuses other prefixes, bad base58, wrong lengths and out-of-range scalars with MALFORMED_SIGNATURE', () => {
    const zeroR = `p256:${toBase58(Uint8Array.from([...new Uint8Array(63), 1]))}`
    const thirtyThreeBytes = `p256:${toBase58(new Uint8Array(33).fill(7))}`
    for (const text of ['ed25519:abc', 'p256:', 'p256:0OIl', 'p256:2222', zeroR, thirtyThreeBytes, `p256:${'z'.repeat(100)}`, 5 as unknown as string]) {
      expect(refusal(() => parseP256Signature(text))).toBe('MALFORMED_SIGNATURE')
    }
  })

  it('error: raw signatures with r or s of 0 or ≥ n get MALFORMED_SIGNATURE', () => {
    const raw = (r: bigint, s: bigint) => Uint8Array.from(Buffer.from(r.toString(16).padStart(64, '0') + s.toString(16).padStart(64, '0'), 'hex'))
    for (const [r, s] of [
      [0n, 1n],
      [1n, 0n],
      [p256Order, 1n],
      [1n, p256Order],
      [2n ** 256n - 1n, 1n],
    ] as const) {
      expect(refusal(() => normalizeP256Signature(raw(r, s)))).toBe('MALFORMED_SIGNATURE')
    }
    expect(refusal(() => normalizeP256Signature('00' as unknown as Uint8Array))).toBe('MALFORMED_SIGNATURE')
  })

  it('property: any byte string is either a signature or a MALFORMED_SIGNATURE, never another throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        try {
          const normalized = normalizeP256Signature(bytes)
          expect(normalized).toHaveLength(64)
        } catch (error) {
          expect(error).toBeInstanceOf(VerificationError)
          expect((error as VerificationError).code).toBe('MALFORMED_SIGNATURE')
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('property: a DER-shaped buffer with any single byte changed decodes strictly or is refused as malformed', () => {
    const der = encodeDerSignature(decodeP256Signature(hex(cases[0]!.signature)))
    fc.assert(
      fc.property(fc.nat({ max: der.length - 1 }), fc.integer({ min: 1, max: 255 }), (index, xor) => {
        const mutated = der.slice()
        mutated[index]! ^= xor
        try {
          const { r, s } = decodeDerSignature(mutated)
          // A strict decoder accepts only the canonical encoding of what it returns.
          expect(encodeDerSignature({ r, s })).toEqual(mutated)
        } catch (error) {
          expect((error as VerificationError).code).toBe('MALFORMED_SIGNATURE')
        }
      }),
      { numRuns: 1000 },
    )
  })
})
