import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { compressP256Point, formatP256PublicKey, p256PointFromSpki, parseP256PublicKey } from '../src/p256-key'

const hex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'))
const vectors = JSON.parse(readFileSync(new URL('./vectors/webauthn-chrome-assertions.json', import.meta.url), 'utf8')) as {
  cases: { publicKey: string }[]
}
const spkiHeader = hex('3059301306072a8648ce3d020106082a8648ce3d030107034200')

describe('P-256 public keys', () => {
  it('behavior: compression keeps x and encodes the parity of y, for all 100 real Chrome keys', () => {
    expect(vectors.cases).toHaveLength(100)
    for (const { publicKey } of vectors.cases) {
      const point = hex(publicKey)
      const compressed = compressP256Point(point)
      expect(compressed).toHaveLength(33)
      expect(compressed[0]).toBe(point[64]! % 2 === 0 ? 0x02 : 0x03)
      expect(Buffer.from(compressed.subarray(1)).equals(Buffer.from(point.subarray(1, 33)))).toBe(true)
      expect(parseP256PublicKey(formatP256PublicKey(point))).toEqual(compressed)
    }
  })

  it('behavior: the point is taken from a P-256 SubjectPublicKeyInfo', () => {
    const point = hex(vectors.cases[0]!.publicKey)
    const spki = new Uint8Array([...spkiHeader, ...point])
    expect(p256PointFromSpki(spki)).toEqual(point)
  })

  it('error: SPKI of the wrong length, curve or form is refused with INVALID_CREDENTIAL', () => {
    const point = hex(vectors.cases[0]!.publicKey)
    const wrongCurve = new Uint8Array([...spkiHeader, ...point])
    wrongCurve[24] = 0x08
    const compressedInside = new Uint8Array([...spkiHeader, ...point])
    compressedInside[26] = 0x02
    for (const bad of [point, wrongCurve, compressedInside, new Uint8Array(91)]) {
      expect(() => p256PointFromSpki(bad)).toThrowError(expect.objectContaining({ code: 'INVALID_CREDENTIAL' }))
    }
  })

  it('error: malformed p256: strings are refused with INVALID_CREDENTIAL', () => {
    for (const bad of ['ed25519:abc', 'p256:', 'p256:0OIl', 'p256:2222', `p256:${'1'.repeat(45)}`]) {
      expect(() => parseP256PublicKey(bad)).toThrowError(expect.objectContaining({ code: 'INVALID_CREDENTIAL' }))
    }
    expect(() => compressP256Point(new Uint8Array(64))).toThrowError(expect.objectContaining({ code: 'INVALID_CREDENTIAL' }))
  })
})
