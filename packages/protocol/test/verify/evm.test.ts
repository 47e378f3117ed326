import { bytesToHex, hexToBytes } from 'viem'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { asyncRefusal as refusal } from './support'
import { verifyEvmSignature } from '../../src/verify/evm'

const account = privateKeyToAccount(generatePrivateKey())
const other = privateKeyToAccount(generatePrivateKey())
const message = 'Bind 0xabc to my lending account, nonce 42 ✓'
const signature = await account.signMessage({ message })
const secp256k1Order = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n


function withByte(hex: string, index: number, value: number): `0x${string}` {
  const bytes = hexToBytes(hex as `0x${string}`)
  bytes[index] = value
  return bytesToHex(bytes)
}

describe('verifyEvmSignature (EIP-191 personal_sign)', () => {
  it('behavior: a viem-signed text message verifies and returns the checksummed address, whatever case it was given in', async () => {
    for (const address of [account.address, account.address.toLowerCase(), `0x${account.address.slice(2).toUpperCase()}`]) {
      expect(await verifyEvmSignature({ address, message, signature })).toEqual({ chain: 'evm', address: account.address })
    }
  })

  it('behavior: raw bytes messages, byte signatures and v as 0/1 are accepted', async () => {
    const raw = Uint8Array.from([0, 1, 2, 0xff, 0x19])
    const rawSignature = await account.signMessage({ message: { raw } })
    expect((await verifyEvmSignature({ address: account.address, message: raw, signature: hexToBytes(rawSignature) })).address).toBe(account.address)
    const v = hexToBytes(signature)[64]!
    expect((await verifyEvmSignature({ address: account.address, message, signature: withByte(signature, 64, v - 27) })).address).toBe(account.address)
    expect((await verifyEvmSignature({ address: account.address, message, signature: signature.slice(2) })).address).toBe(account.address)
  })

  it('error: another signer, another message, or a flipped signature byte gets INVALID_SIGNATURE', async () => {
    expect(await refusal(() => verifyEvmSignature({ address: other.address, message, signature }))).toBe('INVALID_SIGNATURE')
    expect(await refusal(() => verifyEvmSignature({ address: account.address, message: `${message}.`, signature }))).toBe('INVALID_SIGNATURE')
    expect(await refusal(() => verifyEvmSignature({ address: account.address, message: new TextEncoder().encode(message).subarray(1), signature }))).toBe('INVALID_SIGNATURE')
    const flipped = withByte(signature, 5, hexToBytes(signature)[5]! ^ 0x10)
    expect(await refusal(() => verifyEvmSignature({ address: account.address, message, signature: flipped }))).toBe('INVALID_SIGNATURE')
  })

  it('error: the recovery byte v = 29 (or 2, or 37) gets INVALID_RECOVERY_ID', async () => {
    for (const v of [29, 2, 26, 37, 255]) {
      expect(await refusal(() => verifyEvmSignature({ address: account.address, message, signature: withByte(signature, 64, v) }))).toBe('INVALID_RECOVERY_ID')
    }
  })

  it('error: the malleable high-S twin of a valid signature gets SIGNATURE_HIGH_S', async () => {
    const bytes = hexToBytes(signature)
    const s = BigInt(bytesToHex(bytes.subarray(32, 64)))
    const twin = new Uint8Array(65)
    twin.set(bytes.subarray(0, 32))
    twin.set(hexToBytes(`0x${(secp256k1Order - s).toString(16).padStart(64, '0')}`), 32)
    twin[64] = bytes[64] === 27 ? 28 : 27
    expect(await refusal(() => verifyEvmSignature({ address: account.address, message, signature: twin }))).toBe('SIGNATURE_HIGH_S')
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
      expect(await refusal(() => verifyEvmSignature({ address: account.address, message, signature: sig as string }))).toBe('MALFORMED_SIGNATURE')
    }
  })

  it('error: a malformed address gets INVALID_ADDRESS and a wrong EIP-55 checksum gets INVALID_ADDRESS_CHECKSUM', async () => {
    for (const address of [account.address.slice(0, -1), `${account.address}0`, account.address.slice(2), `0x${'g'.repeat(40)}`, '', 7]) {
      expect(await refusal(() => verifyEvmSignature({ address: address as string, message, signature }))).toBe('INVALID_ADDRESS')
    }
    const digits = account.address.slice(2)
    const letter = [...digits].findIndex((char) => /[a-fA-F]/.test(char))
    const swapped = `0x${digits.slice(0, letter)}${digits[letter] === digits[letter]!.toUpperCase() ? digits[letter]!.toLowerCase() : digits[letter]!.toUpperCase()}${digits.slice(letter + 1)}`
    // Only mixed-case addresses carry a checksum; skip the rare key whose swap makes a single-case string.
    if (swapped.slice(2) !== swapped.slice(2).toLowerCase() && swapped.slice(2) !== swapped.slice(2).toUpperCase()) {
      expect(await refusal(() => verifyEvmSignature({ address: swapped, message, signature }))).toBe('INVALID_ADDRESS_CHECKSUM')
    }
    expect(await refusal(() => verifyEvmSignature({ address: '0x52908400098527886E0F7030069857D2E4169EE7'.replace('E7', 'e7'), message, signature }))).toBe('INVALID_ADDRESS_CHECKSUM')
  })

  it('error: a message that is neither text nor bytes gets INVALID_VERIFICATION_INPUT', async () => {
    expect(await refusal(() => verifyEvmSignature({ address: account.address, message: 5 as unknown as string, signature }))).toBe('INVALID_VERIFICATION_INPUT')
  })
})
