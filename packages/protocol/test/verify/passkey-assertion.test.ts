import { readFileSync } from 'node:fs'
import { p256 } from '@noble/curves/nist.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { describe, expect, it } from 'vitest'
import { toBase64Url } from '../../src/encoding'
import { encodeDerSignature } from '../../src/verify/der'
import { type VerifyPasskeyAssertionParameters, verifyPasskeyAssertion } from '../../src/verify/passkey-assertion'
import { nodeP256Verifier, useNodeP256 } from '../../src/verify/p256-node'
import { decodeP256Signature, normalizeP256Signature } from '../../src/verify/p256-signature'
import { type P256Verifier, getP256Verifier, nobleP256Verifier, setP256Verifier } from '../../src/verify/p256-verifier'
import { refusal } from './support'

type ChromeCase = {
  userVerified: boolean
  publicKey: string
  challengeUtf8: string
  authenticatorData: string
  clientDataJSON: string
  signature: string
  highS: boolean
}
const vectorsUrl = new URL('../vectors/webauthn-chrome-assertions.json', import.meta.url)
const { cases } = JSON.parse(readFileSync(vectorsUrl, 'utf8')) as { cases: ChromeCase[] }

const hex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'))
const utf8 = (text: string) => new TextEncoder().encode(text)

/** Verify parameters for a Chrome vector, with the signature as Chrome's authenticator made it. */
function chromeParameters(vector: ChromeCase, overrides: Partial<VerifyPasskeyAssertionParameters> = {}): VerifyPasskeyAssertionParameters {
  return {
    publicKey: hex(vector.publicKey),
    authenticatorData: hex(vector.authenticatorData),
    clientDataJSON: vector.clientDataJSON,
    signature: hex(vector.signature),
    expectedChallenge: utf8(vector.challengeUtf8),
    expectedRpId: 'localhost',
    expectedOrigins: ['http://localhost:5000'],
    requireUserVerification: vector.userVerified,
    ...overrides,
  }
}

/** The code of the VerificationError `run` throws; fails the test on success or on any other throw. */

// A key of our own, to sign assertions in which exactly one thing is wrong: the check under test
// must be what refuses them, not a signature broken by the edit.
const secretKey = p256.utils.randomSecretKey()
const ownPublicKey = p256.getPublicKey(secretKey, false)
const ownChallenge = utf8('challenge for a fresh assertion')

type FreshAssertion = { flags?: number; rpId?: string; signCount?: number; clientData?: Record<string, unknown>; rawClientDataJSON?: string }

function freshAssertion({ flags = 0x05, rpId = 'wallet.example.com', signCount = 7, clientData = {}, rawClientDataJSON }: FreshAssertion = {}): VerifyPasskeyAssertionParameters {
  const authenticatorData = new Uint8Array(37)
  authenticatorData.set(sha256(utf8(rpId)), 0)
  authenticatorData[32] = flags
  new DataView(authenticatorData.buffer).setUint32(33, signCount, false)
  const clientDataJSON =
    rawClientDataJSON ??
    JSON.stringify({ type: 'webauthn.get', challenge: toBase64Url(ownChallenge), origin: 'https://wallet.example.com', crossOrigin: false, ...clientData })
  const message = new Uint8Array([...authenticatorData, ...sha256(utf8(clientDataJSON))])
  const signature = p256.sign(message, secretKey, { prehash: true, lowS: true, format: 'der' })
  return {
    publicKey: ownPublicKey,
    authenticatorData,
    clientDataJSON,
    signature,
    expectedChallenge: ownChallenge,
    expectedRpId: 'wallet.example.com',
    expectedOrigins: ['https://wallet.example.com'],
  }
}

const backends: [string, P256Verifier][] = [
  ['noble (portable)', nobleP256Verifier],
  ['node:crypto', nodeP256Verifier],
]

describe('verifyPasskeyAssertion on 100 real Chrome assertions', () => {
  it('behavior: the vector file is the unedited copy of the shared one and holds the documented mix', () => {
    // The hash of shared/vectors/webauthn-chrome-assertions.json: the copy cannot drift or be "fixed".
    expect(Buffer.from(sha256(readFileSync(vectorsUrl))).toString('hex')).toBe('e0535297d4db17f1f427720417fb5be0a18c5a4c83f7f93d4b025a7224d5058c')
    expect(cases).toHaveLength(100)
    expect(cases.filter((vector) => vector.highS)).toHaveLength(48)
    expect(cases.filter((vector) => !vector.userVerified)).toHaveLength(56)
  })

  for (const [name, verifier] of backends) {
    it(`behavior: ${name} accepts every vector once its signature is normalized to low S, and reports what it learned`, () => {
      for (const vector of cases) {
        const result = verifyPasskeyAssertion(chromeParameters(vector, { signature: normalizeP256Signature(hex(vector.signature)), verifier }))
        const authData = hex(vector.authenticatorData)
        expect(result).toEqual({
          userVerified: vector.userVerified,
          backupEligible: false,
          backedUp: false,
          signCount: new DataView(authData.buffer).getUint32(33),
          origin: 'http://localhost:5000',
          crossOrigin: false,
        })
      }
    })

    it(`behavior: ${name} accepts the DER form browsers return and a compressed key`, () => {
      for (const vector of cases) {
        const der = encodeDerSignature(decodeP256Signature(normalizeP256Signature(hex(vector.signature))))
        const compressed = p256.Point.fromBytes(hex(vector.publicKey)).toBytes(true)
        expect(() => verifyPasskeyAssertion(chromeParameters(vector, { signature: der, publicKey: compressed, verifier }))).not.toThrow()
      }
    })

    it(`error: ${name} refuses all 48 high-S signatures by default with SIGNATURE_HIGH_S, and accepts them with allowHighS`, () => {
      const highS = cases.filter((vector) => vector.highS)
      for (const vector of highS) {
        expect(refusal(() => verifyPasskeyAssertion(chromeParameters(vector, { verifier })))).toBe('SIGNATURE_HIGH_S')
        expect(verifyPasskeyAssertion(chromeParameters(vector, { verifier, allowHighS: true })).origin).toBe('http://localhost:5000')
      }
    })

    it(`error: ${name} refuses the 56 assertions without UV unless requireUserVerification is false`, () => {
      for (const vector of cases.filter((candidate) => !candidate.userVerified)) {
        const signature = normalizeP256Signature(hex(vector.signature))
        expect(refusal(() => verifyPasskeyAssertion(chromeParameters(vector, { signature, verifier, requireUserVerification: undefined })))).toBe('USER_NOT_VERIFIED')
        expect(verifyPasskeyAssertion(chromeParameters(vector, { signature, verifier, requireUserVerification: false })).userVerified).toBe(false)
      }
    })
  }

  it('behavior: the two backends agree on every vector, mutated or not, at the primitive level', () => {
    for (const vector of cases) {
      const message = new Uint8Array([...hex(vector.authenticatorData), ...sha256(utf8(vector.clientDataJSON))])
      const key = hex(vector.publicKey)
      for (const signature of [hex(vector.signature), normalizeP256Signature(hex(vector.signature))]) {
        expect(nobleP256Verifier(key, message, signature)).toBe(true)
        expect(nodeP256Verifier(key, message, signature)).toBe(true)
      }
      const flipped = message.slice()
      flipped[0]! ^= 1
      expect(nobleP256Verifier(key, flipped, hex(vector.signature))).toBe(false)
      expect(nodeP256Verifier(key, flipped, hex(vector.signature))).toBe(false)
    }
  })
})

describe('verifyPasskeyAssertion: each check refuses with its own code', () => {
  const lowS = cases.find((vector) => !vector.highS && vector.userVerified)!
  const base = () => chromeParameters(lowS, { verifier: nodeP256Verifier })

  it('behavior: a fresh assertion signed by our own key passes every check', () => {
    expect(verifyPasskeyAssertion(freshAssertion())).toEqual({
      userVerified: true,
      backupEligible: false,
      backedUp: false,
      signCount: 7,
      origin: 'https://wallet.example.com',
      crossOrigin: false,
    })
  })

  it('behavior: browsers may add members and reorder them; crossOrigin and topOrigin are reported', () => {
    const result = verifyPasskeyAssertion(
      freshAssertion({
        rawClientDataJSON: JSON.stringify({
          other_keys_can_be_added_here: 'do not compare clientDataJSON against a template.',
          crossOrigin: true,
          origin: 'https://wallet.example.com',
          topOrigin: 'https://partner.example',
          challenge: toBase64Url(ownChallenge),
          type: 'webauthn.get',
        }),
      }),
    )
    expect(result.crossOrigin).toBe(true)
    expect(result.topOrigin).toBe('https://partner.example')
  })

  it('behavior: clientDataJSON may be passed as the bytes the browser returned', () => {
    const params = freshAssertion()
    expect(verifyPasskeyAssertion({ ...params, clientDataJSON: utf8(params.clientDataJSON as string) }).signCount).toBe(7)
  })

  it('behavior: rpId and origins are optional; without them only the signature and flags are checked', () => {
    expect(() => verifyPasskeyAssertion({ ...base(), expectedRpId: undefined, expectedOrigins: undefined })).not.toThrow()
  })

  it('behavior: backed up with backup eligibility is accepted and reported', () => {
    const result = verifyPasskeyAssertion(freshAssertion({ flags: 0x05 | 0x08 | 0x10 }))
    expect(result).toMatchObject({ backupEligible: true, backedUp: true })
  })

  it('error: type webauthn.create gets CLIENT_DATA_TYPE_MISMATCH', () => {
    expect(refusal(() => verifyPasskeyAssertion(freshAssertion({ clientData: { type: 'webauthn.create' } })))).toBe('CLIENT_DATA_TYPE_MISMATCH')
  })

  it('error: another challenge gets CHALLENGE_MISMATCH', () => {
    expect(refusal(() => verifyPasskeyAssertion({ ...base(), expectedChallenge: utf8(`${lowS.challengeUtf8}x`) }))).toBe('CHALLENGE_MISMATCH')
    expect(refusal(() => verifyPasskeyAssertion({ ...freshAssertion(), expectedChallenge: new Uint8Array(0) }))).toBe('CHALLENGE_MISMATCH')
    // Padded base64url of the right bytes is not what browsers write, so it is not accepted either.
    const padded = freshAssertion({ clientData: { challenge: `${toBase64Url(ownChallenge)}=` } })
    expect(refusal(() => verifyPasskeyAssertion(padded))).toBe('CHALLENGE_MISMATCH')
  })

  it('error: an origin outside the list gets ORIGIN_MISMATCH', () => {
    expect(refusal(() => verifyPasskeyAssertion({ ...base(), expectedOrigins: ['https://localhost:5000', 'http://localhost:5001'] }))).toBe('ORIGIN_MISMATCH')
    expect(refusal(() => verifyPasskeyAssertion(freshAssertion({ clientData: { origin: 'https://evil.example' } })))).toBe('ORIGIN_MISMATCH')
  })

  it('error: another RP ID gets RP_ID_HASH_MISMATCH', () => {
    expect(refusal(() => verifyPasskeyAssertion({ ...base(), expectedRpId: 'example.com' }))).toBe('RP_ID_HASH_MISMATCH')
    expect(refusal(() => verifyPasskeyAssertion(freshAssertion({ rpId: 'other.example.com' })))).toBe('RP_ID_HASH_MISMATCH')
  })

  it('error: UP cleared gets USER_NOT_PRESENT', () => {
    expect(refusal(() => verifyPasskeyAssertion(freshAssertion({ flags: 0x04 })))).toBe('USER_NOT_PRESENT')
    const authenticatorData = hex(lowS.authenticatorData)
    authenticatorData[32]! &= ~0x01
    expect(refusal(() => verifyPasskeyAssertion({ ...base(), authenticatorData }))).toBe('USER_NOT_PRESENT')
  })

  it('error: UV cleared gets USER_NOT_VERIFIED when verification is required (the default)', () => {
    expect(refusal(() => verifyPasskeyAssertion(freshAssertion({ flags: 0x01 })))).toBe('USER_NOT_VERIFIED')
    expect(verifyPasskeyAssertion({ ...freshAssertion({ flags: 0x01 }), requireUserVerification: false }).userVerified).toBe(false)
  })

  it('error: BS without BE gets INVALID_BACKUP_FLAGS', () => {
    expect(refusal(() => verifyPasskeyAssertion(freshAssertion({ flags: 0x05 | 0x10 })))).toBe('INVALID_BACKUP_FLAGS')
  })

  it('error: authenticator data shorter than 37 bytes gets INVALID_AUTHENTICATOR_DATA', () => {
    for (const length of [0, 1, 32, 36]) {
      expect(refusal(() => verifyPasskeyAssertion({ ...base(), authenticatorData: hex(lowS.authenticatorData).slice(0, length) }))).toBe('INVALID_AUTHENTICATOR_DATA')
    }
  })

  it('error: a key off the curve or of the wrong shape gets INVALID_PUBLIC_KEY', () => {
    const offCurve = hex(lowS.publicKey)
    offCurve[64]! ^= 1
    const compressedOffCurve = new Uint8Array(33).fill(0xff)
    compressedOffCurve[0] = 0x02 // x = 2^256 - 1 is not below p
    const bad = [offCurve, compressedOffCurve, firstXWithoutPoint(), hex(lowS.publicKey).slice(0, 64), new Uint8Array(65), Uint8Array.of(0x00), hex(lowS.publicKey).slice(1)]
    for (const publicKey of bad) expect(refusal(() => verifyPasskeyAssertion({ ...base(), publicKey }))).toBe('INVALID_PUBLIC_KEY')
  })

  it('error: malformed DER gets MALFORMED_SIGNATURE, never a crash', () => {
    const der = encodeDerSignature(decodeP256Signature(hex(lowS.signature)))
    const withLength = (bytes: Uint8Array, at: number, value: number) => {
      const copy = bytes.slice()
      copy[at] = value
      return copy
    }
    const malformed = [
      new Uint8Array(0),
      Uint8Array.of(0x30),
      der.slice(0, der.length - 1), // truncated
      Uint8Array.from([...der, 0x00]), // trailing byte
      withLength(der, 0, 0x31), // SET, not SEQUENCE
      withLength(der, 1, der[1]! + 1), // SEQUENCE length disagrees
      withLength(der, 2, 0x03), // BIT STRING where INTEGER r belongs
      encodeDerSignature({ r: 0n, s: 1n }), // r = 0
      encodeDerSignature({ r: 1n, s: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n }), // s = n
      Uint8Array.from([0x30, 0x08, 0x02, 0x02, 0x00, 0x01, 0x02, 0x02, 0x00, 0x01]), // non-minimal INTEGERs
      Uint8Array.from([0x30, 0x06, 0x02, 0x01, 0x81, 0x02, 0x01, 0x01]), // negative r
      Uint8Array.from([0x30, 0x81, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]), // long-form length
      new Uint8Array(63),
      new Uint8Array(65),
    ]
    for (const signature of malformed) expect(refusal(() => verifyPasskeyAssertion({ ...base(), signature }))).toBe('MALFORMED_SIGNATURE')
  })

  it('error: clientDataJSON that is not a JSON object, or lacks typed members, gets INVALID_CLIENT_DATA', () => {
    const bad = ['', 'not json', lowS.clientDataJSON.slice(0, -1), '[]', 'null', '"webauthn.get"', '{"type":"webauthn.get"}', JSON.stringify({ type: 'webauthn.get', challenge: 1, origin: 'x' })]
    bad.push(JSON.stringify({ type: 'webauthn.get', challenge: 'x', origin: 'x', crossOrigin: 'false' }))
    bad.push(JSON.stringify({ type: 'webauthn.get', challenge: 'x', origin: 'x', topOrigin: 5 }))
    for (const clientDataJSON of bad) expect(refusal(() => verifyPasskeyAssertion({ ...base(), clientDataJSON }))).toBe('INVALID_CLIENT_DATA')
    expect(refusal(() => verifyPasskeyAssertion({ ...base(), clientDataJSON: Uint8Array.of(0x7b, 0xff, 0x7d) }))).toBe('INVALID_CLIENT_DATA')
  })

  it('error: one flipped byte of the signature, of the authenticator data or of clientDataJSON gets INVALID_SIGNATURE', () => {
    const signature = hex(lowS.signature)
    signature[10]! ^= 0x40
    expect(refusal(() => verifyPasskeyAssertion({ ...base(), signature }))).toBe('INVALID_SIGNATURE')
    const authenticatorData = hex(lowS.authenticatorData)
    authenticatorData[36]! ^= 0x01 // the sign counter: no check reads it, only the signature covers it
    expect(refusal(() => verifyPasskeyAssertion({ ...base(), authenticatorData }))).toBe('INVALID_SIGNATURE')
    const clientDataJSON = lowS.clientDataJSON.replace('"crossOrigin":false', '"crossOrigin":false ')
    expect(refusal(() => verifyPasskeyAssertion({ ...base(), clientDataJSON }))).toBe('INVALID_SIGNATURE')
    expect(refusal(() => verifyPasskeyAssertion({ ...base(), publicKey: ownPublicKey }))).toBe('INVALID_SIGNATURE')
  })

  it('error: wrong parameter types get INVALID_VERIFICATION_INPUT', () => {
    const call = (changes: Record<string, unknown>) => refusal(() => verifyPasskeyAssertion({ ...base(), ...changes } as VerifyPasskeyAssertionParameters))
    expect(call({ expectedChallenge: toBase64Url(utf8(lowS.challengeUtf8)) })).toBe('INVALID_VERIFICATION_INPUT')
    expect(call({ signature: lowS.signature })).toBe('INVALID_VERIFICATION_INPUT')
    expect(call({ authenticatorData: lowS.authenticatorData })).toBe('INVALID_VERIFICATION_INPUT')
    expect(call({ expectedOrigins: [] })).toBe('INVALID_VERIFICATION_INPUT')
    expect(call({ expectedOrigins: 'http://localhost:5000' })).toBe('INVALID_VERIFICATION_INPUT')
    expect(call({ expectedRpId: '' })).toBe('INVALID_VERIFICATION_INPUT')
    expect(call({ verifier: 'node' })).toBe('INVALID_VERIFICATION_INPUT')
    expect(refusal(() => verifyPasskeyAssertion(undefined as unknown as VerifyPasskeyAssertionParameters))).toBe('INVALID_VERIFICATION_INPUT')
  })
})

/** A compressed encoding whose x has no y on the curve: about half of all x qualify. */
function firstXWithoutPoint(): Uint8Array {
  for (let x = 1; ; x++) {
    const encoded = Uint8Array.from([0x02, ...new Uint8Array(31), x])
    try {
      p256.Point.fromBytes(encoded)
    } catch {
      return encoded
    }
  }
}

describe('P-256 backend selection', () => {
  const vector = cases.find((candidate) => !candidate.highS)!

  it('behavior: the verifier parameter receives the key, authenticatorData ‖ sha256(clientDataJSON) and raw r‖s', () => {
    const calls: [Uint8Array, Uint8Array, Uint8Array][] = []
    const spy: P256Verifier = (...args) => {
      calls.push(args)
      return true
    }
    const der = encodeDerSignature(decodeP256Signature(hex(vector.signature)))
    verifyPasskeyAssertion(chromeParameters(vector, { signature: der, verifier: spy }))
    expect(calls).toHaveLength(1)
    const [key, message, signature] = calls[0]!
    expect(key).toEqual(hex(vector.publicKey))
    expect(message).toEqual(new Uint8Array([...hex(vector.authenticatorData), ...sha256(utf8(vector.clientDataJSON))]))
    expect(signature).toEqual(hex(vector.signature))
  })

  it('error: a backend that says no, or throws, gives INVALID_SIGNATURE', () => {
    expect(refusal(() => verifyPasskeyAssertion(chromeParameters(vector, { verifier: () => false })))).toBe('INVALID_SIGNATURE')
    const throwing: P256Verifier = () => {
      throw new Error('backend exploded')
    }
    expect(refusal(() => verifyPasskeyAssertion(chromeParameters(vector, { verifier: throwing })))).toBe('INVALID_SIGNATURE')
  })

  it('behavior: useNodeP256 and setP256Verifier change the process-wide default; setP256Verifier() restores noble', () => {
    expect(getP256Verifier()).toBe(nobleP256Verifier)
    try {
      useNodeP256()
      expect(getP256Verifier()).toBe(nodeP256Verifier)
      expect(verifyPasskeyAssertion(chromeParameters(vector)).origin).toBe('http://localhost:5000')
      setP256Verifier(() => false)
      expect(refusal(() => verifyPasskeyAssertion(chromeParameters(vector)))).toBe('INVALID_SIGNATURE')
    } finally {
      setP256Verifier()
    }
    expect(getP256Verifier()).toBe(nobleP256Verifier)
    expect(() => setP256Verifier('node' as unknown as P256Verifier)).toThrow(TypeError)
  })
})
