import { ed25519 } from '@noble/curves/ed25519.js'
import { base58, base64 } from '@scure/base'
import { describe, expect, it } from 'vitest'
import { isValidNearAccountId } from '../../src/verify/near-account-id'
import { hashNep413Payload, serializeNep413Payload, verifyNep413Signature } from '../../src/verify/near-nep413'
import { refusal } from './support'

const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')


// Published NEP-413 signatures from NEAR wallets (used as fixtures by near-api-js and
// near-api-rs): "Hello NEAR!" for example.near, with and without a callback URL.
const published = {
  publicKey: 'ed25519:2RM3EotCzEiVobm6aMjaup43k8cFffR4KHFtrqbZ79Qy',
  nonce: 'KNV0cOpvJ50D5vfF9pqWom8wo2sliQ4W+Wa7uZ3Uk6Y=',
  withCallback: 'zzZQ/GwAjrZVrTIFlvmmQbDQHllfzrr8urVWHaRt5cPfcXaCSZo35c5LDpPpTKivR6BxLyb3lcPM0FfCW5lcBQ==',
  withoutCallback: 'NnJgPU1Ql7ccRTITIoOVsIfElmvH1RV7QAT4a9Vh6ShCOnjIzRwxqX54JzoQ/nK02p7VBMI2vJn48rpImIJwAw==',
}

const { secretKey, publicKey } = ed25519.keygen()
const implicitAccount = toHex(publicKey)
const publicKeyText = `ed25519:${base58.encode(publicKey)}`
const nonce = Uint8Array.from({ length: 32 }, (_, i) => i * 7)
const nep413 = { nonce, recipient: 'lending.example', callbackUrl: undefined }
const message = 'Bind alice.near to my passkey account ✓'
const signature = ed25519.sign(hashNep413Payload({ message, ...nep413 }), secretKey)

describe('NEP-413 payload', () => {
  it('behavior: the Borsh layout is tag ‖ message ‖ nonce ‖ recipient ‖ Option<callbackUrl>', () => {
    const bytes = serializeNep413Payload({ message: 'hi', nonce: new Uint8Array(32).fill(0xaa), recipient: 'app', callbackUrl: 'cb' })
    const expected = [
      '9d010080', // u32 LE 2^31 + 413
      '02000000' + '6869', // "hi"
      'aa'.repeat(32), // [u8; 32], no length prefix
      '03000000' + '617070', // "app"
      '01' + '02000000' + '6362', // Some("cb")
    ].join('')
    expect(toHex(bytes)).toBe(expected)
    expect(toHex(serializeNep413Payload({ message: 'hi', nonce: new Uint8Array(32).fill(0xaa), recipient: 'app' })).endsWith('61707000')).toBe(true)
    expect(serializeNep413Payload({ message: 'hi', nonce: new Uint8Array(32), recipient: 'app', callbackUrl: null })).toEqual(
      serializeNep413Payload({ message: 'hi', nonce: new Uint8Array(32), recipient: 'app' }),
    )
  })

  it('behavior: the hash matches the published near-api-js vector', () => {
    const hash = hashNep413Payload({ message: 'Hello NEAR!', recipient: 'round-toad.testnet', nonce: published.nonce })
    expect([...hash]).toEqual([1, 152, 236, 223, 103, 218, 230, 0, 34, 54, 210, 18, 244, 68, 108, 252, 140, 166, 102, 57, 242, 4, 202, 234, 205, 94, 246, 245, 198, 141, 23, 250])
  })
})

describe('verifyNep413Signature', () => {
  it('behavior: published wallet signatures verify, with and without callbackUrl; a named account needs an on-chain key check', () => {
    const common = { address: 'round-toad.testnet', message: 'Hello NEAR!', publicKey: published.publicKey }
    expect(
      verifyNep413Signature({ ...common, signature: published.withCallback, nep413: { nonce: published.nonce, recipient: 'example.near', callbackUrl: 'http://localhost:3000' } }),
    ).toEqual({ chain: 'near', address: 'round-toad.testnet', publicKey: published.publicKey, keyMustBeCheckedOnChain: true })
    expect(verifyNep413Signature({ ...common, signature: published.withoutCallback, nep413: { nonce: published.nonce, recipient: 'example.near' } }).keyMustBeCheckedOnChain).toBe(true)
    // Swapping the two signatures breaks both: the callback URL is part of what is signed.
    expect(refusal(() => verifyNep413Signature({ ...common, signature: published.withoutCallback, nep413: { nonce: published.nonce, recipient: 'example.near', callbackUrl: 'http://localhost:3000' } }))).toBe('INVALID_SIGNATURE')
  })

  it('behavior: an implicit account equal to the key hex is fully verified offline', () => {
    const result = verifyNep413Signature({ address: implicitAccount, message, signature: base64.encode(signature), publicKey: publicKeyText, nep413 })
    expect(result).toEqual({ chain: 'near', address: implicitAccount, publicKey: publicKeyText, keyMustBeCheckedOnChain: false })
  })

  it('behavior: the signature may be bytes, base64 or ed25519:<base58>; the nonce bytes or base64; the key text or bytes', () => {
    for (const sig of [signature, base64.encode(signature), `ed25519:${base58.encode(signature)}`]) {
      expect(verifyNep413Signature({ address: implicitAccount, message, signature: sig, publicKey, nep413: { ...nep413, nonce: base64.encode(nonce) } }).publicKey).toBe(publicKeyText)
    }
    expect(verifyNep413Signature({ address: implicitAccount, message: new TextEncoder().encode(message), signature, publicKey: publicKeyText, nep413 }).address).toBe(implicitAccount)
  })

  it('error: an implicit account that is not the hex of the key gets PUBLIC_KEY_MISMATCH', () => {
    const otherImplicit = toHex(ed25519.keygen().publicKey)
    expect(refusal(() => verifyNep413Signature({ address: otherImplicit, message, signature, publicKey: publicKeyText, nep413 }))).toBe('PUBLIC_KEY_MISMATCH')
  })

  it('error: another message, recipient, nonce or callbackUrl, or another key, gets INVALID_SIGNATURE', () => {
    const base = { address: 'alice.near', message, signature, publicKey: publicKeyText, nep413 }
    expect(refusal(() => verifyNep413Signature({ ...base, message: `${message}!` }))).toBe('INVALID_SIGNATURE')
    expect(refusal(() => verifyNep413Signature({ ...base, nep413: { ...nep413, recipient: 'evil.example' } }))).toBe('INVALID_SIGNATURE')
    expect(refusal(() => verifyNep413Signature({ ...base, nep413: { ...nep413, nonce: new Uint8Array(32) } }))).toBe('INVALID_SIGNATURE')
    expect(refusal(() => verifyNep413Signature({ ...base, nep413: { ...nep413, callbackUrl: 'https://lending.example/cb' } }))).toBe('INVALID_SIGNATURE')
    expect(refusal(() => verifyNep413Signature({ ...base, publicKey: `ed25519:${base58.encode(ed25519.keygen().publicKey)}` }))).toBe('INVALID_SIGNATURE')
    // Ed25519 over the bare payload, without the sha256 NEP-413 prescribes, is not accepted.
    const unhashed = ed25519.sign(serializeNep413Payload({ message, ...nep413 }), secretKey)
    expect(refusal(() => verifyNep413Signature({ ...base, signature: unhashed }))).toBe('INVALID_SIGNATURE')
  })

  it('error: a nonce that is not 32 bytes or not base64 gets INVALID_NONCE', () => {
    const base = { address: implicitAccount, message, signature, publicKey: publicKeyText }
    for (const badNonce of [new Uint8Array(31), new Uint8Array(33), base64.encode(new Uint8Array(31)), 'not base64!', '', 32]) {
      expect(refusal(() => verifyNep413Signature({ ...base, nep413: { ...nep413, nonce: badNonce as string } }))).toBe('INVALID_NONCE')
    }
  })

  it('error: a malformed, missing or non-ed25519 public key gets INVALID_PUBLIC_KEY', () => {
    const base = { address: implicitAccount, message, signature, nep413 }
    for (const key of [
      base58.encode(publicKey),
      `secp256k1:${base58.encode(new Uint8Array(64))}`,
      'ed25519:0OIl',
      `ed25519:${base58.encode(publicKey.subarray(1))}`,
      `ed25519:${base58.encode(new Uint8Array(32))}`, // small-order point
      new Uint8Array(31),
      undefined,
    ]) {
      expect(refusal(() => verifyNep413Signature({ ...base, publicKey: key as string }))).toBe('INVALID_PUBLIC_KEY')
    }
  })

  it('error: a malformed account ID gets INVALID_ADDRESS', () => {
    for (const address of ['Alice.near', 'a', 'alice..near', '.alice', 'alice.', 'al ice.near', 'a--b.near', `${'a'.repeat(65)}`, '', 5]) {
      expect(refusal(() => verifyNep413Signature({ address: address as string, message, signature, publicKey: publicKeyText, nep413 }))).toBe('INVALID_ADDRESS')
    }
    for (const address of ['alice.near', 'a-b_c.tg', 'aa', '0x1234567890abcdef1234567890abcdef12345678', implicitAccount]) expect(isValidNearAccountId(address)).toBe(true)
  })

  it('error: malformed signatures get MALFORMED_SIGNATURE; missing nep413 fields and bad messages get INVALID_VERIFICATION_INPUT', () => {
    const base = { address: implicitAccount, message, publicKey: publicKeyText, nep413 }
    for (const sig of ['', 'not base64!', base64.encode(signature.subarray(1)), 'ed25519:0OIl', `ed25519:${base58.encode(signature.subarray(2))}`, new Uint8Array(65)]) {
      expect(refusal(() => verifyNep413Signature({ ...base, signature: sig }))).toBe('MALFORMED_SIGNATURE')
    }
    expect(refusal(() => verifyNep413Signature({ ...base, signature, nep413: undefined as unknown as typeof nep413 }))).toBe('INVALID_VERIFICATION_INPUT')
    expect(refusal(() => verifyNep413Signature({ ...base, signature, nep413: { nonce, recipient: '' } }))).toBe('INVALID_VERIFICATION_INPUT')
    expect(refusal(() => verifyNep413Signature({ ...base, signature, nep413: { nonce, recipient: 'x', callbackUrl: 5 as unknown as string } }))).toBe('INVALID_VERIFICATION_INPUT')
    expect(refusal(() => verifyNep413Signature({ ...base, signature, message: Uint8Array.of(0xff) }))).toBe('INVALID_VERIFICATION_INPUT')
    expect(refusal(() => verifyNep413Signature({ ...base, signature, message: null as unknown as string }))).toBe('INVALID_VERIFICATION_INPUT')
  })
})
