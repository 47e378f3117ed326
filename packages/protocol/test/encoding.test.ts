import { base58 } from '@scure/base'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromBase58Expecting, fromBase58Fixed } from '../src/encoding'

describe('fixed-length base58', () => {
  it('behavior: decodes exactly what the general decoder decodes, leading zero bytes included', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 70 }), fc.integer({ min: 0, max: 4 }), (body, zeros) => {
        const bytes = new Uint8Array([...new Uint8Array(zeros), ...body])
        const text = base58.encode(bytes)
        expect(fromBase58Fixed(text, bytes.length)).toEqual(bytes)
      }),
      { numRuns: 2000 },
    )
  })

  it('error: a wrong length or a character outside the alphabet throws; the fallback keeps the general answer', () => {
    const text = base58.encode(new Uint8Array(64).fill(7))
    expect(() => fromBase58Fixed(text, 63)).toThrow(/expected 63 bytes/)
    expect(() => fromBase58Fixed(`${text.slice(0, -1)}0`, 64)).toThrow(/invalid base58/)
    expect(() => fromBase58Fixed('l', 1)).toThrow(/invalid base58/)
    expect(fromBase58Expecting(text, 63)).toHaveLength(64)
    expect(() => fromBase58Expecting('0OIl', 4)).toThrow()
  })
})
