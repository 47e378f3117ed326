import type { Address, Hex } from 'viem'
import { getAddress, hashTypedData, recoverAddress } from 'viem/utils'
import { bytesToNumberBE } from '@noble/curves/utils.js'
import { VerificationError, VerificationErrorCode, assertParametersObject } from './errors'
import { decodeSignatureCandidates } from './signature-encoding'
import type { WalletTypedData } from '../request/typed-data'

/** The order n of secp256k1 (SEC 2). */
const secp256k1Order = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n

const addressPattern = /^0x[0-9a-fA-F]{40}$/

export type VerifyEvmSignatureReturnType = {
  chain: 'evm'
  /** The signer, EIP-55 checksummed. */
  address: Address
}

export type VerifyEvmSignatureErrorType = VerificationError

/** Validates an EVM address (EIP-55: single-case, or mixed case with the exact checksum) and checksums it. */
export function parseEvmAddress(address: string): Address {
  if (typeof address !== 'string' || !addressPattern.test(address)) {
    throw new VerificationError({
      code: VerificationErrorCode.InvalidAddress,
      shortMessage: `${JSON.stringify(address)} is not an EVM address.`,
      details: 'Write it as 0x followed by 40 hex digits.',
    })
  }
  const digits = address.slice(2)
  const checksummed = getAddress(address)
  // EIP-55: single-case addresses carry no checksum; mixed case must be the exact checksum.
  const singleCase = digits === digits.toLowerCase() || digits === digits.toUpperCase()
  if (!singleCase && address !== checksummed) {
    throw new VerificationError({
      code: VerificationErrorCode.InvalidAddressChecksum,
      shortMessage: `The EVM address ${address} has a wrong EIP-55 checksum, so it was probably mistyped.`,
      details: `Check the address; a correctly checksummed form of these digits is ${checksummed}.`,
    })
  }
  return checksummed
}

export type VerifyEvmTypedDataSignatureParameters = {
  /** The claimed signer: 0x + 40 hex digits, all lower case, all upper case or EIP-55 checksummed. */
  address: string
  /** What was passed to `eth_signTypedData_v4`, rebuilt by the verifier (never taken from the signer). */
  typedData: WalletTypedData
  /** 65 bytes r‖s‖v as `0x` hex (what eth_signTypedData_v4 returns) or bytes; v is 27/28 or 0/1. */
  signature: string | Uint8Array
}

/**
 * Verifies an EIP-712 `eth_signTypedData_v4` signature: the digest is viem's `hashTypedData`
 * (keccak256 of 0x1901 ‖ domain separator ‖ hashStruct(message)), the signer recovered from it
 * and compared with `address` (see recoverExpectedSigner for the rules on v, r and s). It is the
 * only EVM signature this product accepts: every EVM wallet message is typed data, and there is
 * no EIP-191 (`personal_sign`) verifier to fall back on.
 */
export async function verifyEvmTypedDataSignature(parameters: VerifyEvmTypedDataSignatureParameters): Promise<VerifyEvmSignatureReturnType> {
  assertParametersObject(parameters, 'verifyEvmTypedDataSignature')
  const { address, typedData, signature } = parameters
  const expected = parseEvmAddress(address)
  return recoverExpectedSigner(hashWalletTypedData(typedData), signature, expected)
}

/** The EIP-712 digest of `typedData`, its uint256 fields (decimal strings in the JSON form) as integers. */
export function hashWalletTypedData(typedData: WalletTypedData): Hex {
  let message
  try {
    message = withIntegers(typedData.types, typedData.primaryType, typedData.message)
    return hashTypedData({ ...typedData, message } as Parameters<typeof hashTypedData>[0])
  } catch (cause) {
    throw new VerificationError({
      code: VerificationErrorCode.InvalidVerificationInput,
      shortMessage: 'The typed data does not follow its own types, so it has no EIP-712 digest.',
      details: cause instanceof Error ? cause.message : String(cause),
      cause,
    })
  }
}

/** A copy of `data` with each uint or int field as a bigint (JSON carries them as decimal strings). */
function withIntegers(types: WalletTypedData['types'], typeName: string, data: unknown): Record<string, unknown> {
  const fields = Object.hasOwn(types, typeName) ? types[typeName]! : []
  const record = data as Record<string, unknown>
  const convert = (type: string, value: unknown): unknown => {
    const arrayOf = /^(\w+)\[\]$/.exec(type)?.[1]
    if (arrayOf) return (value as unknown[]).map((item) => convert(arrayOf, item))
    if (Object.hasOwn(types, type)) return withIntegers(types, type, value)
    if (/^u?int\d*$/.test(type) && typeof value === 'string') {
      if (!/^(0|-?[1-9][0-9]*)$/.test(value)) throw new TypeError(`${JSON.stringify(value)} is not a decimal integer`)
      return BigInt(value)
    }
    return value
  }
  return Object.fromEntries(fields.map((field) => [field.name, convert(field.type, record[field.name])]))
}

/**
 * The checks every EVM typed-data signature gets, then recovery from `digest`: 65 bytes, v 27/28
 * (or 0/1), r and s in [1, n-1], and low S, as OpenZeppelin's ECDSA requires, so a signature
 * has one accepted form (every wallet produces low-S). Smart-contract wallets (EIP-1271) need an
 * on-chain call and are not covered here.
 */
async function recoverExpectedSigner(digest: Hex, signature: string | Uint8Array, expected: Address): Promise<VerifyEvmSignatureReturnType> {
  const [decoded] = decodeSignatureCandidates(signature, { length: 65, encodings: ['hex'], label: 'EVM' })
  const sig = decoded!
  const v = sig[64]!
  if (v !== 27 && v !== 28 && v !== 0 && v !== 1) {
    throw new VerificationError({
      code: VerificationErrorCode.InvalidRecoveryId,
      shortMessage: `The signature's recovery byte v is ${v}; message signatures use 27 or 28 (or 0 or 1).`,
      details: 'Chain-specific v values (EIP-155) belong to transactions, not messages; pass the wallet output unmodified.',
    })
  }
  const r = bytesToNumberBE(sig.subarray(0, 32))
  const s = bytesToNumberBE(sig.subarray(32, 64))
  if (r === 0n || r >= secp256k1Order || s === 0n || s >= secp256k1Order) {
    throw new VerificationError({ code: VerificationErrorCode.MalformedSignature, shortMessage: 'The EVM signature has r or s outside [1, n-1].' })
  }
  if (s > secp256k1Order >> 1n) {
    throw new VerificationError({
      code: VerificationErrorCode.SignatureHighS,
      shortMessage: 'The EVM signature has a high S value, which is refused to keep signatures non-malleable.',
      details: 'Wallets produce low-S signatures; this one was altered after signing.',
    })
  }

  const normalized = sig.slice()
  normalized[64] = v < 27 ? v + 27 : v
  let recovered: Address
  try {
    recovered = await recoverAddress({ hash: digest, signature: normalized })
  } catch (cause) {
    // r is not the x of any curve point for this v: no key made this signature.
    throw new VerificationError({ code: VerificationErrorCode.InvalidSignature, shortMessage: `The signature was not made by ${expected}.`, cause })
  }
  if (recovered.toLowerCase() !== expected.toLowerCase()) {
    throw new VerificationError({
      code: VerificationErrorCode.InvalidSignature,
      shortMessage: `The signature was not made by ${expected}.`,
      details: `It recovers to ${recovered}: the message, the address or the signature differs from what the wallet signed.`,
    })
  }
  return { chain: 'evm', address: expected }
}
