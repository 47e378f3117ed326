import type { Address } from 'viem'
import { getAddress, recoverMessageAddress } from 'viem/utils'
import { bytesToNumberBE } from '@noble/curves/utils.js'
import { VerificationError, VerificationErrorCode, assertParametersObject } from './errors'
import { decodeSignatureCandidates } from './signature-encoding'
import { type WalletMessage, walletMessageBytes } from './wallet-message'

/** The order n of secp256k1 (SEC 2). */
const secp256k1Order = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n

const addressPattern = /^0x[0-9a-fA-F]{40}$/

export type VerifyEvmSignatureParameters = {
  /** The claimed signer: 0x + 40 hex digits, all lower case, all upper case or EIP-55 checksummed. */
  address: string
  /** What was passed to personal_sign: text (signed as UTF-8) or raw bytes. */
  message: WalletMessage
  /** 65 bytes r‖s‖v as `0x` hex (what personal_sign returns) or bytes; v is 27/28 or 0/1. */
  signature: string | Uint8Array
}

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

/**
 * Verifies an EIP-191 `personal_sign` signature: keccak256("\x19Ethereum Signed Message:\n" ‖
 * byte length ‖ message), recovered with viem and compared with `address`. High-S signatures
 * are refused, as OpenZeppelin's ECDSA does, so a signature has one accepted form; every
 * wallet produces low-S. Smart-contract wallets (EIP-1271) need an on-chain call and are not
 * covered here.
 */
export async function verifyEvmSignature(parameters: VerifyEvmSignatureParameters): Promise<VerifyEvmSignatureReturnType> {
  assertParametersObject(parameters, 'verifyEvmSignature')
  const { address, message, signature } = parameters
  const expected = parseEvmAddress(address)
  const bytes = walletMessageBytes(message)
  const [decoded] = decodeSignatureCandidates(signature, { length: 65, encodings: ['hex'], label: 'EVM' })
  const sig = decoded!
  const v = sig[64]!
  if (v !== 27 && v !== 28 && v !== 0 && v !== 1) {
    throw new VerificationError({
      code: VerificationErrorCode.InvalidRecoveryId,
      shortMessage: `The signature's recovery byte v is ${v}; personal_sign signatures use 27 or 28 (or 0 or 1).`,
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
    recovered = await recoverMessageAddress({ message: { raw: bytes }, signature: normalized })
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
