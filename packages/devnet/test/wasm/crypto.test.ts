import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { p256 } from '@noble/curves/nist.js'
import { hashMessage, hexToBytes, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { extCosts } from '../../src/wasm/protocol-parameters'
import { returnedBytes, returnedU64s, run, watFile } from './harness'

const code = watFile('crypto')
const hex = (text: string) => Buffer.from(text, 'hex')
const digestOf = (method: string, input: Uint8Array | string) => returnedBytes(run(code, method, { args: input })).toString('hex')

/** The verification methods' input: three u32 lengths, then signature, message, key. */
function verificationInput(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): Uint8Array {
  const lengths = Buffer.alloc(12)
  lengths.writeUInt32LE(signature.length, 0)
  lengths.writeUInt32LE(message.length, 4)
  lengths.writeUInt32LE(publicKey.length, 8)
  return Buffer.concat([lengths, signature, message, publicKey])
}

const verify = (method: string, signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => run(code, method, { args: verificationInput(signature, message, publicKey) })
const verified = (method: string, signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => returnedU64s(verify(method, signature, message, publicKey))[0]

describe('hashes', () => {
  it('behavior: sha256, keccak256, keccak512 and ripemd160 of known inputs', () => {
    expect(digestOf('sha256', 'abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(digestOf('keccak256', '')).toBe('c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470')
    expect(digestOf('keccak512', '')).toBe(
      '0eab42de4c3ceb9235fc91acffe746b29c29a8c366b7c60e4e67c466f36a4304c00fa9caf9d87976ba469bcbe06713b435f091ef2769fb160cdab33d3670680e',
    )
    expect(digestOf('ripemd160', 'abc')).toBe('8eb208f7e05d987a9b044a8e98c6b087f15a0bfc')
  })

  it('behavior: ripemd160 is charged per 64-byte block of the padded message', () => {
    // (55 + 8) / 64 + 1 = 1 block, (56 + 8) / 64 + 1 = 2 blocks.
    expect(run(code, 'ripemd160', { args: 'a'.repeat(55) }).profile.ripemd160_block).toBe(extCosts.ripemd160_block)
    expect(run(code, 'ripemd160', { args: 'a'.repeat(56) }).profile.ripemd160_block).toBe(2 * extCosts.ripemd160_block)
  })
})

describe('ed25519_verify', () => {
  // Stellar SEP-53 test cases (../shared/vectors/README.md): Ed25519 over sha256("Stellar Signed Message:\n" ‖ message).
  const address = 'GBXFXNDLV4LSWA4VB7YIL5GBD7BVNR22SGBTDKMO2SBZZHDXSKZYCP7L'
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  const bits = [...address].map((char) => alphabet.indexOf(char).toString(2).padStart(5, '0')).join('')
  const publicKey = Buffer.from(Array.from({ length: 35 }, (_, i) => parseInt(bits.slice(i * 8, i * 8 + 8), 2))).subarray(1, 33)
  const signed = (message: Uint8Array) => createHash('sha256').update(Buffer.concat([Buffer.from('Stellar Signed Message:\n'), message])).digest()
  const cases: Array<[Uint8Array, string]> = [
    [Buffer.from('Hello, World!'), '7cee5d6d885752104c85eea421dfdcb95abf01f1271d11c4bec3fcbd7874dccd6e2e98b97b8eb23b643cac4073bb77de5d07b0710139180ae9f3cbba78f2ba04'],
    [Buffer.from('こんにちは、世界！'), '083536eb95ecf32dce59b07fe7a1fd8cf814b2ce46f40d2a16e4ea1f6cecd980e04e6fbef9d21f98011c785a81edb85f3776a6e7d942b435eb0adc07da4d4604'],
    [hex('db36433f5b1ad415417cb3fb4de78c937b146dac4091484184388d76b92c685a'), '540d7eee179f370bf634a49c1fa9fe4a58e3d7990b0207be336c04edfcc539ff8bd0c31bb2c0359b07c9651cb2ae104e4504657b5d17d43c69c7e50e23811b0d'],
  ]

  it('behavior: the SEP-53 signatures verify; a changed message does not', () => {
    for (const [message, signature] of cases) {
      expect(verified('ed25519', hex(signature), signed(message), publicKey)).toBe(1n)
      expect(verified('ed25519', hex(signature), signed(Buffer.concat([message, Buffer.from('!')])), publicKey)).toBe(0n)
    }
  })

  it('behavior: gas is the base plus a unit per message byte', () => {
    const outcome = verify('ed25519', hex(cases[0]![1]), signed(cases[0]![0]), publicKey)
    expect(outcome.profile.ed25519_verify_base).toBe(extCosts.ed25519_verify_base)
    expect(outcome.profile.ed25519_verify_byte).toBe(32 * extCosts.ed25519_verify_byte)
  })

  it('error: a signature or key of the wrong length aborts the call', () => {
    const [message, signature] = cases[0]!
    expect(verify('ed25519', hex(signature).subarray(1), signed(message), publicKey).error).toEqual({
      type: 'HostError',
      error: { type: 'Ed25519VerifyInvalidInput', msg: 'invalid signature length' },
    })
    expect(verify('ed25519', hex(signature), signed(message), publicKey.subarray(1)).error).toEqual({
      type: 'HostError',
      error: { type: 'Ed25519VerifyInvalidInput', msg: 'invalid public key length' },
    })
  })
})

describe('p256_verify', () => {
  type Assertion = { publicKey: string; authenticatorData: string; clientDataJSON: string; signature: string; highS: boolean }
  const assertions: Assertion[] = JSON.parse(readFileSync(new URL('../../../protocol/test/vectors/webauthn-chrome-assertions.json', import.meta.url), 'utf8')).cases
  const signedData = (a: Assertion) => Buffer.concat([hex(a.authenticatorData), createHash('sha256').update(a.clientDataJSON).digest()])
  const compressed = (a: Assertion) => p256.Point.fromBytes(hex(a.publicKey)).toBytes(true)

  it('behavior: all 100 Chrome WebAuthn assertions verify, high-S ones included (NEAR accepts high S)', () => {
    expect(assertions.filter((a) => a.highS).length).toBe(48)
    for (const a of assertions) expect(verified('p256_of_sha256', hex(a.signature), signedData(a), compressed(a))).toBe(1n)
  })

  it('behavior: a bare digest (no sha256 in the call) verifies too, by the JavaScript verifier', () => {
    for (const a of assertions.slice(0, 5)) {
      const digest = createHash('sha256').update(signedData(a)).digest()
      expect(verified('p256', hex(a.signature), digest, compressed(a))).toBe(1n)
    }
  })

  it('behavior: a changed signature, message or key gives 0', () => {
    const [a, b] = assertions
    const signature = hex(a!.signature)
    signature[40]! ^= 1
    expect(verified('p256_of_sha256', signature, signedData(a!), compressed(a!))).toBe(0n)
    expect(verified('p256_of_sha256', hex(a!.signature), signedData(b!), compressed(a!))).toBe(0n)
    expect(verified('p256_of_sha256', hex(a!.signature), signedData(a!), compressed(b!))).toBe(0n)
    // r = 0 does not parse: 0 before the message is even charged.
    const zero = verify('p256_of_sha256', new Uint8Array(64), signedData(a!), compressed(a!))
    expect(returnedU64s(zero)).toEqual([0n])
    expect(zero.profile.p256_verify_byte).toBeUndefined()
  })

  it('behavior: a digest shorter than 16 bytes never verifies (RustCrypto refuses it); longer ones are cut to 32', () => {
    const a = assertions[0]!
    const digest = createHash('sha256').update(signedData(a)).digest()
    const short = verify('p256', hex(a.signature), digest.subarray(0, 15), compressed(a))
    expect(returnedU64s(short)).toEqual([0n])
    expect(short.profile.p256_verify_byte).toBe(15 * extCosts.p256_verify_byte)
    expect(verified('p256', hex(a.signature), Buffer.concat([digest, Buffer.from('tail')]), compressed(a))).toBe(1n)
  })

  it('behavior: gas is 1.3 Tgas plus 13 Mgas per digest byte', () => {
    const a = assertions[0]!
    const outcome = verify('p256_of_sha256', hex(a.signature), signedData(a), compressed(a))
    expect(outcome.profile.p256_verify_base).toBe(1_300_000_000_000)
    expect(outcome.profile.p256_verify_byte).toBe(32 * 13_000_000)
  })

  it('error: a signature other than 64 bytes or a key other than 33 aborts the call', () => {
    const a = assertions[0]!
    expect(verify('p256_of_sha256', hex(a.signature).subarray(1), signedData(a), compressed(a)).error).toEqual({
      type: 'HostError',
      error: { type: 'P256VerifyInvalidInput', msg: 'invalid signature length' },
    })
    expect(verify('p256_of_sha256', hex(a.signature), signedData(a), hex(a.publicKey)).error).toEqual({
      type: 'HostError',
      error: { type: 'P256VerifyInvalidInput', msg: 'invalid public key length' },
    })
  })
})

describe('ecrecover', () => {
  const account = privateKeyToAccount('0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318')
  const message = 'Sign in to the lending protocol'

  async function input(v?: number, flag = 0): Promise<{ args: Uint8Array; publicKey: Buffer }> {
    const signature = hexToBytes(await account.signMessage({ message }))
    const recovery = v ?? signature[64]! - 27
    return {
      args: Buffer.concat([hexToBytes(hashMessage(message)), signature.subarray(0, 64), Uint8Array.from([recovery, flag])]),
      publicKey: Buffer.from(hexToBytes(account.publicKey as Hex)).subarray(1),
    }
  }

  it('behavior: recovers the 64-byte key of an EIP-191 signature', async () => {
    const { args, publicKey } = await input()
    const bytes = returnedBytes(run(code, 'ecrecover', { args }))
    expect(bytes.readBigUInt64LE(0)).toBe(1n)
    expect(bytes.subarray(8).toString('hex')).toBe(publicKey.toString('hex'))
  })

  it('behavior: the other recovery id gives another key, or none', async () => {
    const { args, publicKey } = await input()
    args[96] = args[96]! ^ 1
    const bytes = returnedBytes(run(code, 'ecrecover', { args }))
    expect(bytes.subarray(8).toString('hex')).not.toBe(publicKey.toString('hex'))
  })

  it('error: v above 3 or a malleability flag other than 0 or 1 aborts the call', async () => {
    expect(run(code, 'ecrecover', { args: (await input(4)).args }).error).toEqual({
      type: 'HostError',
      error: { type: 'ECRecoverError', msg: 'V recovery byte 0 through 3 are valid but was provided 4' },
    })
    expect(run(code, 'ecrecover', { args: (await input(undefined, 2)).args }).error).toEqual({
      type: 'HostError',
      error: { type: 'ECRecoverError', msg: 'Malleability flag needs to be 0 or 1, but is instead 2' },
    })
  })

  it('behavior: costs ecrecover_base', async () => {
    expect(run(code, 'ecrecover', { args: (await input()).args }).profile.ecrecover_base).toBe(extCosts.ecrecover_base)
  })
})
