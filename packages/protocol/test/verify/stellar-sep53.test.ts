import { ed25519 } from '@noble/curves/ed25519.js'
import { base32nopad, base64 } from '@scure/base'
import { describe, expect, it } from 'vitest'
import { crc16Xmodem } from '../../src/verify/crc16'
import { hashSep53Message, verifyStellarSignature } from '../../src/verify/stellar-sep53'
import { decodeStellarAddress, encodeStellarAddress } from '../../src/verify/stellar-strkey'
import { refusal } from './support'

const hex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'))

// The SEP-53 specification's test cases, as listed in the project's shared vectors README (beside the repository).
const specAddress = 'GBXFXNDLV4LSWA4VB7YIL5GBD7BVNR22SGBTDKMO2SBZZHDXSKZYCP7L'
const specCases: { message: string | Uint8Array; signature: string }[] = [
  { message: 'Hello, World!', signature: '7cee5d6d885752104c85eea421dfdcb95abf01f1271d11c4bec3fcbd7874dccd6e2e98b97b8eb23b643cac4073bb77de5d07b0710139180ae9f3cbba78f2ba04' },
  { message: 'こんにちは、世界！', signature: '083536eb95ecf32dce59b07fe7a1fd8cf814b2ce46f40d2a16e4ea1f6cecd980e04e6fbef9d21f98011c785a81edb85f3776a6e7d942b435eb0adc07da4d4604' },
  {
    message: hex('db36433f5b1ad415417cb3fb4de78c937b146dac4091484184388d76b92c685a'),
    signature: '540d7eee179f370bf634a49c1fa9fe4a58e3d7990b0207be336c04edfcc539ff8bd0c31bb2c0359b07c9651cb2ae104e4504657b5d17d43c69c7e50e23811b0d',
  },
]


describe('Stellar StrKey and CRC16', () => {
  it('behavior: CRC-16/XMODEM gives the catalogue check value 0x31C3 for "123456789"', () => {
    expect(crc16Xmodem(new TextEncoder().encode('123456789'))).toBe(0x31c3)
    expect(crc16Xmodem(new Uint8Array(0))).toBe(0)
  })

  it('behavior: G addresses round-trip through their 32-byte key', () => {
    expect(encodeStellarAddress(decodeStellarAddress(specAddress))).toBe(specAddress)
    for (let i = 0; i < 20; i++) {
      const { publicKey } = ed25519.keygen()
      const address = encodeStellarAddress(publicKey)
      expect(address).toMatch(/^G[A-Z2-7]{55}$/)
      expect(decodeStellarAddress(address)).toEqual(publicKey)
    }
  })

  it('error: a changed character or a corrupted checksum gets INVALID_ADDRESS_CHECKSUM', () => {
    const changed = `${specAddress.slice(0, 10)}${specAddress[10] === 'A' ? 'B' : 'A'}${specAddress.slice(11)}`
    expect(refusal(() => decodeStellarAddress(changed))).toBe('INVALID_ADDRESS_CHECKSUM')
    const bytes = base32nopad.decode(specAddress)
    bytes[34]! ^= 1
    expect(refusal(() => decodeStellarAddress(base32nopad.encode(bytes)))).toBe('INVALID_ADDRESS_CHECKSUM')
  })

  it('error: wrong length, lower case, bad alphabet and other key kinds (S…, M…) get INVALID_ADDRESS', () => {
    const secretKind = new Uint8Array(35)
    secretKind[0] = 18 << 3
    const checksum = crc16Xmodem(secretKind.subarray(0, 33))
    secretKind[33] = checksum & 0xff
    secretKind[34] = checksum >> 8
    const secret = base32nopad.encode(secretKind)
    expect(secret.startsWith('S')).toBe(true)
    for (const bad of [specAddress.slice(1), `${specAddress}A`, specAddress.toLowerCase(), specAddress.replace(/.$/, '1'), secret, `M${specAddress.slice(1)}`, '', 12]) {
      expect(refusal(() => decodeStellarAddress(bad as string))).toBe('INVALID_ADDRESS')
    }
  })
})

describe('verifyStellarSignature (SEP-53)', () => {
  it('behavior: the three SEP-53 specification vectors verify, signatures given as hex, base64 or bytes', () => {
    for (const { message, signature } of specCases) {
      for (const sig of [signature, base64.encode(hex(signature)), hex(signature)]) {
        expect(verifyStellarSignature({ address: specAddress, message, signature: sig })).toMatchObject({ chain: 'stellar', address: specAddress })
      }
    }
  })

  it('behavior: keys of our own sign sha256("Stellar Signed Message:\\n" ‖ message)', () => {
    const { secretKey, publicKey } = ed25519.keygen()
    const message = 'Bind my Stellar account'
    const digest = hashSep53Message(message)
    expect(digest).toHaveLength(32)
    const signature = ed25519.sign(digest, secretKey)
    expect(verifyStellarSignature({ address: encodeStellarAddress(publicKey), message, signature }).publicKey).toEqual(publicKey)
    // Signing the bare message (no SEP-53 prefix) is a different thing and must not pass.
    const bare = ed25519.sign(new TextEncoder().encode(message), secretKey)
    expect(refusal(() => verifyStellarSignature({ address: encodeStellarAddress(publicKey), message, signature: bare }))).toBe('INVALID_SIGNATURE')
  })

  it('error: another message, another address or a flipped byte gets INVALID_SIGNATURE', () => {
    const [first, second] = specCases
    expect(refusal(() => verifyStellarSignature({ address: specAddress, message: second!.message, signature: first!.signature }))).toBe('INVALID_SIGNATURE')
    const other = encodeStellarAddress(ed25519.keygen().publicKey)
    expect(refusal(() => verifyStellarSignature({ address: other, message: first!.message, signature: first!.signature }))).toBe('INVALID_SIGNATURE')
    const flipped = hex(first!.signature)
    flipped[0]! ^= 1
    expect(refusal(() => verifyStellarSignature({ address: specAddress, message: first!.message, signature: flipped }))).toBe('INVALID_SIGNATURE')
  })

  it('error: bad hex, bad base64 and wrong lengths get MALFORMED_SIGNATURE', () => {
    const { message, signature } = specCases[0]!
    for (const bad of [signature.slice(1), `${signature}00`, signature.replace(/^../, 'zz'), 'not base64!', base64.encode(new Uint8Array(63)), '', new Uint8Array(63)]) {
      expect(refusal(() => verifyStellarSignature({ address: specAddress, message, signature: bad }))).toBe('MALFORMED_SIGNATURE')
    }
  })
})
