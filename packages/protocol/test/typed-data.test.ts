import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import {
  type WalletTypedData,
  bindingTypedData,
  hashWalletTypedData,
  requestId,
  typedDataText,
  verifyEvmTypedDataSignature,
  viewTypedData,
  walletTypedData,
} from '../src/index'
import { samplePayload, sampleSite as site } from './sample-request'

const payload = samplePayload([{ type: 'borrow', asset: 'USDC', amount: '12500000', recipient: { chain: 'solana', address: '9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin' } }], { chainId: 'testnet', contractId: 'lending.testnet' })
const binding = {
  accountId: 'pk-0123',
  contractId: 'lending.testnet',
  chainId: 'testnet' as const,
  wallet: { chain: 'evm' as const, address: '0x8ba1f109551bD432803012645Ac136ddd64DBA72' },
  nonce: 'B'.repeat(43),
  origin: site,
  deadline: Date.UTC(2026, 11, 1, 21, 0, 0),
}
const account = privateKeyToAccount(`0x${'42'.repeat(32)}`)

/**
 * EIP-712 written out by hand from the spec, with keccak256 alone, the way a Rust contract would
 * with NEAR's `keccak256` host function: no viem. The protocol's digest must be this one.
 */
function eip712Digest(typed: WalletTypedData): Uint8Array {
  const { types } = typed
  const dependencies = (name: string, found = new Set<string>()): Set<string> => {
    if (found.has(name) || !types[name]) return found
    found.add(name)
    for (const field of types[name]!) dependencies(field.type.replace(/\[\]$/, ''), found)
    return found
  }
  const encodeType = (name: string) => {
    const rest = [...dependencies(name)].filter((dependency) => dependency !== name).sort()
    return [name, ...rest].map((type) => `${type}(${types[type]!.map((field) => `${field.type} ${field.name}`).join(',')})`).join('')
  }
  const word = (type: string, value: unknown): Uint8Array => {
    if (type.endsWith('[]')) return keccak_256(concatBytes(...(value as unknown[]).map((item) => word(type.slice(0, -2), item))))
    if (types[type]) return hashStruct(type, value as Record<string, unknown>)
    if (type === 'string') return keccak_256(utf8ToBytes(value as string))
    if (type === 'uint256') return hexToBytes(BigInt(value as string).toString(16).padStart(64, '0'))
    if (type === 'bytes32') return hexToBytes((value as string).slice(2))
    if (type === 'address') return hexToBytes((value as string).slice(2).toLowerCase().padStart(64, '0'))
    throw new Error(`type ${type} not covered`)
  }
  const hashStruct = (name: string, data: Record<string, unknown>): Uint8Array =>
    keccak_256(concatBytes(keccak_256(utf8ToBytes(encodeType(name))), ...types[name]!.map((field) => word(field.type, data[field.name]))))
  return keccak_256(concatBytes(new Uint8Array([0x19, 0x01]), hashStruct('EIP712Domain', typed.domain), hashStruct(typed.primaryType, typed.message)))
}

describe('EIP-712 typed data for EVM wallets', () => {
  it('behavior: a co-signature names the account, each action in the asset\'s units beside its exact smallest units, the recipient, the site, the deadline in ISO UTC and the request id', () => {
    const typed = walletTypedData('cosign', payload)
    expect(typed.primaryType).toBe('CoSignBorrow')
    expect(typed.domain).toEqual({ name: 'CrossChain Lending', version: '1' })
    expect(typed.message).toEqual({
      notice: 'Co-sign a Borrow to another address. This only co-signs the request below; your passkey must sign it too. It cannot act on its own.',
      account: 'pk-0123',
      actions: [{ action: 'Borrow', amount: '12.5 USDC', smallestUnits: '12500000', recipient: 'Solana 9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin' }],
      site,
      deadline: '2026-12-01T21:00:00.000Z',
      requestId: `0x${requestId(payload)}`,
      contract: 'lending.testnet',
      network: 'NEAR testnet',
    })
  })

  it('behavior: the domain has no chainId and no verifyingContract (the verifier is a NEAR contract, named in the message)', () => {
    const typed = walletTypedData('request', payload)
    expect(typed.types.EIP712Domain!.map((field) => field.name)).toEqual(['name', 'version'])
    expect(typed.message).toMatchObject({ contract: 'lending.testnet', network: 'NEAR testnet' })
  })

  it('error: every role has its own primary type, so the same request gives five different digests', () => {
    const digests = (['cosign', 'recover', 'remove', 'request'] as const).map((role) => hashWalletTypedData(walletTypedData(role, payload)))
    digests.push(hashWalletTypedData(bindingTypedData(binding)))
    expect(new Set(digests).size).toBe(5)
    expect(new Set(['cosign', 'recover', 'remove', 'request'].map((role) => walletTypedData(role as 'cosign', payload).primaryType))).toEqual(new Set(['CoSignBorrow', 'RecoverAccount', 'RemoveAccess', 'WalletRequest']))
  })

  it('behavior: the digest is EIP-712 exactly as keccak256 alone computes it (what a Rust contract with NEAR\'s keccak256 and ecrecover would rebuild)', () => {
    for (const typed of [walletTypedData('cosign', payload), walletTypedData('recover', payload), bindingTypedData(binding)]) {
      expect(hashWalletTypedData(typed)).toBe(`0x${bytesToHex(eip712Digest(typed))}`)
    }
  })

  it('behavior: a real key\'s eth_signTypedData_v4 signature over the JSON form verifies; over any other role or field it does not', async () => {
    const typed = walletTypedData('cosign', payload)
    const signature = await account.signTypedData(JSON.parse(JSON.stringify(typed)))
    await expect(verifyEvmTypedDataSignature({ address: account.address, typedData: typed, signature })).resolves.toEqual({ chain: 'evm', address: account.address })
    await expect(verifyEvmTypedDataSignature({ address: account.address, typedData: walletTypedData('request', payload), signature })).rejects.toMatchObject({ code: 'INVALID_SIGNATURE' })
    const cheaper = { ...typed, message: { ...typed.message, actions: [{ ...(typed.message.actions as object[])[0], amount: '1.25 USDC' }] } }
    await expect(verifyEvmTypedDataSignature({ address: account.address, typedData: cheaper, signature })).rejects.toMatchObject({ code: 'INVALID_SIGNATURE' })
  })

  it('behavior: the binding names the account, the wallet (as an address), the site, the deadline and the nonce', () => {
    const typed = bindingTypedData(binding)
    expect(typed.primaryType).toBe('BindWallet')
    expect(typed.message).toMatchObject({ account: 'pk-0123', wallet: binding.wallet.address, site, deadline: '2026-12-01T21:00:00.000Z', nonce: binding.nonce, contract: 'lending.testnet', network: 'NEAR testnet' })
  })
})

describe('typed data as a person reads it', () => {
  it('behavior: every field of the primary type, in order, read from the typed data\'s own types, arrays nested', () => {
    const view = viewTypedData(walletTypedData('cosign', payload))
    expect(view.heading).toBe('CoSignBorrow · CrossChain Lending (version 1)')
    expect(view.entries.map((entry) => entry.label)).toEqual(['Notice', 'Account', 'Actions', 'Site', 'Deadline', 'Request id', 'Contract', 'Network'])
    const text = typedDataText(walletTypedData('cosign', payload))
    expect(text).toContain('Actions:\n  1.\n    Action: Borrow\n    Amount: 12.5 USDC\n    Smallest units: 12500000\n    Recipient: Solana 9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin')
    expect(text).toContain(`Site: ${site}`)
  })

  it('behavior: an action without an amount or recipient (a removal) shows its action alone, no empty Amount, Smallest units or Recipient rows; the digest still covers them', () => {
    const removal = samplePayload([{ type: 'remove_wallet', wallet: { chain: 'evm', address: '0x52908400098527886e0f7030069857d2e4169ee7' } }], { chainId: 'testnet', contractId: 'lending.testnet' })
    const typed = walletTypedData('remove', removal)
    const [actions] = viewTypedData(typed).entries.filter((entry) => entry.label === 'Actions')
    expect(actions).toBeDefined()
    const [action] = (actions as { items: { label: string; value?: string }[][] }).items
    expect(action!.map((entry) => entry.label)).toEqual(['Action'])
    expect(typedDataText(typed)).not.toMatch(/Amount:|Recipient:|Smallest units:/)
    // Hidden from view, not from the signature: an amount put into the struct changes the digest.
    const withAmount = { ...typed, message: { ...typed.message, actions: [{ ...(typed.message.actions as object[])[0], amount: '1 USDC' }] } }
    expect(hashWalletTypedData(withAmount)).not.toBe(hashWalletTypedData(typed))
  })

  it('error: a field the types name but the message lacks, or a type named after an inherited member, is refused (INVALID_REQUEST), never shown as empty', () => {
    const typed = walletTypedData('cosign', payload)
    const { site: _site, ...withoutSite } = typed.message
    expect(() => viewTypedData({ ...typed, message: withoutSite })).toThrowError(expect.objectContaining({ code: 'INVALID_REQUEST' }))
    expect(() => viewTypedData({ ...typed, primaryType: 'constructor' })).toThrowError(expect.objectContaining({ code: 'INVALID_REQUEST' }))
  })
})
