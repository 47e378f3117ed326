import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeDerSignature } from '../../src/verify/der'
import { VerificationError, VerificationErrorCode } from '../../src/verify/errors'
import { type VerifyPasskeyAssertionParameters, verifyPasskeyAssertion } from '../../src/verify/passkey-assertion'
import { nodeP256Verifier } from '../../src/verify/p256-node'
import { decodeP256Signature, normalizeP256Signature } from '../../src/verify/p256-signature'
import { type P256Verifier, nobleP256Verifier } from '../../src/verify/p256-verifier'

type ChromeCase = { userVerified: boolean; publicKey: string; challengeUtf8: string; authenticatorData: string; clientDataJSON: string; signature: string }
const { cases } = JSON.parse(readFileSync(new URL('../vectors/webauthn-chrome-assertions.json', import.meta.url), 'utf8')) as { cases: ChromeCase[] }
const hex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'))
const utf8 = (text: string) => new TextEncoder().encode(text)
const knownCodes = new Set<string>(Object.values(VerificationErrorCode))

/** A valid assertion for every vector, with the signature in DER as browsers send it. */
const valid: VerifyPasskeyAssertionParameters[] = cases.map((vector) => ({
  publicKey: hex(vector.publicKey),
  authenticatorData: hex(vector.authenticatorData),
  clientDataJSON: utf8(vector.clientDataJSON),
  signature: encodeDerSignature(decodeP256Signature(normalizeP256Signature(hex(vector.signature)))),
  expectedChallenge: utf8(vector.challengeUtf8),
  expectedRpId: 'localhost',
  expectedOrigins: ['http://localhost:5000'],
  requireUserVerification: false,
}))

type Field = 'signature' | 'authenticatorData' | 'clientDataJSON'

const mutation = fc.record({
  vector: fc.nat({ max: valid.length - 1 }),
  field: fc.constantFrom<Field>('signature', 'authenticatorData', 'clientDataJSON'),
  position: fc.nat(),
  xor: fc.integer({ min: 1, max: 255 }),
})

type Mutation = { vector: number; field: Field; position: number; xor: number }

function mutate({ vector, field, position, xor }: Mutation, verifier: P256Verifier): VerifyPasskeyAssertionParameters {
  const params = valid[vector]!
  const bytes = (params[field] as Uint8Array).slice()
  bytes[position % bytes.length]! ^= xor
  return { ...params, [field]: bytes, verifier }
}

function expectTypedRefusal(params: VerifyPasskeyAssertionParameters): void {
  let thrown: unknown
  try {
    verifyPasskeyAssertion(params)
  } catch (error) {
    thrown = error
  }
  expect(thrown, 'a changed assertion was accepted').toBeDefined()
  expect(thrown).toBeInstanceOf(VerificationError)
  expect(knownCodes.has((thrown as VerificationError).code)).toBe(true)
}

describe('verifyPasskeyAssertion under single-byte mutations', () => {
  it('behavior: the unmutated DER assertions all verify (so refusals below come from the mutation)', () => {
    for (const params of valid) expect(() => verifyPasskeyAssertion({ ...params, verifier: nodeP256Verifier })).not.toThrow()
  })

  it('property: any one byte changed in signature, authenticatorData or clientDataJSON is refused with a typed error (node backend)', () => {
    fc.assert(
      fc.property(mutation, (m) => expectTypedRefusal(mutate(m, nodeP256Verifier))),
      { numRuns: 3000 },
    )
  })

  it('property: the same holds with the portable noble backend', () => {
    fc.assert(
      fc.property(mutation, (m) => expectTypedRefusal(mutate(m, nobleP256Verifier))),
      { numRuns: 150 },
    )
  })

  it('property: arbitrary junk in any parameter is refused with a typed error, never an untyped crash', () => {
    const junk = fc.oneof(fc.anything(), fc.uint8Array({ maxLength: 100 }), fc.string())
    const key = fc.constantFrom<keyof VerifyPasskeyAssertionParameters>(
      'publicKey',
      'authenticatorData',
      'clientDataJSON',
      'signature',
      'expectedChallenge',
      'expectedRpId',
      'expectedOrigins',
    )
    fc.assert(
      // Leaving an optional check out (undefined) is allowed, so that case is not junk.
      fc.property(fc.nat({ max: valid.length - 1 }), key, junk, (vector, field, value) => {
        fc.pre(!(value === undefined && (field === 'expectedRpId' || field === 'expectedOrigins')))
        expectTypedRefusal({ ...valid[vector]!, [field]: value, verifier: nodeP256Verifier } as VerifyPasskeyAssertionParameters)
      }),
      { numRuns: 2000 },
    )
  })
})
