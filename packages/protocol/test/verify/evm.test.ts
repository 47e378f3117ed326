import { bytesToHex, hexToBytes } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { asyncRefusal as refusal } from './support'
import { verifyEvmTypedDataSignature } from '../../src/verify/evm'
import { walletTypedData } from '../../src/request/typed-data'
import { samplePayload } from '../sample-request'

const account = privateKeyToAccount(generatePrivateKey())
const other = privateKeyToAccount(generatePrivateKey())
const typedData = walletTypedData('request', samplePayload([{ type: 'supply', asset: 'USDC', amount: '1000000', collateral: true }], { chainId: 'testnet', contractId: 'lending.testnet' }))
const signature = await account.signTypedData(typedData as never)
const secp256k1Order = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
const verify = (parameters: { address: string; signature: unknown; typedData?: typeof typedData }) =>
  verifyEvmTypedDataSignature({ typedData, ...parameters } as Parameters<typeof verifyEvmTypedDataSignature>[0])

function withByte(hex: string, index: number, value: number): `0x${string}` {
  const bytes = hexToBytes(hex as `0x${string}`)
  bytes[index] = value
  return bytesToHex(bytes)
}

describe('verifyEvmTypedDataSignature: the signature rules every EVM signature meets', () => {
  it('behavior: a viem-signed typed-data message verifies and returns the checksummed address, whatever case it was given in', async () => {
    for (const address of [account.address, account.address.toLowerCase(), `0x${account.address.slice(2).toUpperCase()}`]) {
      expect(await verify({ address, signature })).toEqual({ chain: 'evm', address: account.address })
    }
  })

  it('behavior: byte signatures, v as 0/1 and hex without 0x are accepted', async () => {
    expect((await verify({ address: account.address, signature: hexToBytes(signature) })).address).toBe(account.address)
    const v = hexToBytes(signature)[64]!
    expect((await verify({ address: account.address, signature: withByte(signature, 64, v - 27) })).address).toBe(account.address)
    expect((await verify({ address: account.address, signature: signature.slice(2) })).address).toBe(account.address)
  })

  it('error: another signer, other typed data, or a flipped signature byte gets INVALID_SIGNATURE', async () => {
    expect(await refusal(() => verify({ address: other.address, signature }))).toBe('INVALID_SIGNATURE')
    const otherSite = { ...typedData, message: { ...typedData.message, site: 'https://other.example' } }
    expect(await refusal(() => verify({ address: account.address, signature, typedData: otherSite }))).toBe('INVALID_SIGNATURE')
    const flipped = withByte(signature, 5, hexToBytes(signature)[5]! ^ 0x10)
    expect(await refusal(() => verify({ address: account.address, signature: flipped }))).toBe('INVALID_SIGNATURE')
  })

  it('error: the recovery byte v = 29 (or 2, or 37) gets INVALID_RECOVERY_ID', async () => {
    for (const v of [29, 2, 26, 37, 255]) {
      expect(await refusal(() => verify({ address: account.address, signature: withByte(signature, 64, v) }))).toBe('INVALID_RECOVERY_ID')
    }
  })

  it('error: the malleable high-S twin of a valid signature gets SIGNATURE_HIGH_S', async () => {
    const bytes = hexToBytes(signature)
    const s = BigInt(bytesToHex(bytes.subarray(32, 64)))
    const twin = new Uint8Array(65)
    twin.set(bytes.subarray(0, 32))
    twin.set(hexToBytes(`0x${(secp256k1Order - s).toString(16).padStart(64, '0')}`), 32)
    twin[64] = bytes[64] === 27 ? 28 : 27
    expect(await refusal(() => verify({ address: account.address, signature: twin }))).toBe('SIGNATURE_HIGH_S')
  })

  it('error: bad hex, wrong lengths and out-of-range scalars get MALFORMED_SIGNATURE', async () => {
    const bad = [
      `${signature.slice(0, -2)}zz`,
      signature.slice(0, -2),
      `${signature}00`,
      `${signature.slice(0, -1)}`,
      '0x',
      '',
      'not a signature',
      `0x${'00'.repeat(32)}${signature.slice(66)}`, // r = 0
      `0x${'ff'.repeat(32)}${signature.slice(66)}`, // r ≥ n
      new Uint8Array(64),
      42,
      null,
    ]
    for (const sig of bad) {
      expect(await refusal(() => verify({ address: account.address, signature: sig }))).toBe('MALFORMED_SIGNATURE')
    }
  })

  it('error: a malformed address gets INVALID_ADDRESS and a wrong EIP-55 checksum gets INVALID_ADDRESS_CHECKSUM', async () => {
    for (const address of [account.address.slice(0, -1), `${account.address}0`, account.address.slice(2), `0x${'g'.repeat(40)}`, '', 7]) {
      expect(await refusal(() => verify({ address: address as string, signature }))).toBe('INVALID_ADDRESS')
    }
    const digits = account.address.slice(2)
    const letter = [...digits].findIndex((char) => /[a-fA-F]/.test(char))
    const swapped = `0x${digits.slice(0, letter)}${digits[letter] === digits[letter]!.toUpperCase() ? digits[letter]!.toLowerCase() : digits[letter]!.toUpperCase()}${digits.slice(letter + 1)}`
    // Only mixed-case addresses carry a checksum; skip the rare key whose swap makes a single-case string.
    if (swapped.slice(2) !== swapped.slice(2).toLowerCase() && swapped.slice(2) !== swapped.slice(2).toUpperCase()) {
      expect(await refusal(() => verify({ address: swapped, signature }))).toBe('INVALID_ADDRESS_CHECKSUM')
    }
    expect(await refusal(() => verify({ address: '0x52908400098527886E0F7030069857D2E4169EE7'.replace('E7', 'e7'), signature }))).toBe('INVALID_ADDRESS_CHECKSUM')
  })

  it('error: typed data that does not follow its own types gets INVALID_VERIFICATION_INPUT', async () => {
    const broken = { ...typedData, message: { ...typedData.message, actions: 'not an array' } }
    expect(await refusal(() => verify({ address: account.address, signature, typedData: broken as never }))).toBe('INVALID_VERIFICATION_INPUT')
  })
})
