import { fromBase58, toBase58 } from '../encoding'
import { isEd25519PublicKey, verifyEd25519 } from './ed25519'
import { VerificationError, VerificationErrorCode, assertParametersObject } from './errors'
import { decodeSignatureCandidates } from './signature-encoding'
import { type WalletMessage, walletMessageBytes } from './wallet-message'

export type VerifySolanaSignatureParameters = {
  /** The signer's address: base58 of its 32-byte Ed25519 public key. */
  address: string
  /** What was passed to `signMessage`: text (signed as UTF-8) or raw bytes. */
  message: WalletMessage
  /** 64 bytes, or their base58 or base64 text. */
  signature: string | Uint8Array
}

export type VerifySolanaSignatureReturnType = {
  chain: 'solana'
  address: string
  /** The 32-byte Ed25519 key the address encodes. */
  publicKey: Uint8Array
}

export type VerifySolanaSignatureErrorType = VerificationError

function invalidAddress(address: unknown, why: string): VerificationError {
  return new VerificationError({
    code: VerificationErrorCode.InvalidAddress,
    shortMessage: `${JSON.stringify(address)} is not a Solana wallet address: ${why}.`,
    details: 'Pass the base58 public key of the account that signed (publicKey.toBase58()).',
  })
}

function parseAddress(address: string): Uint8Array {
  if (typeof address !== 'string') throw invalidAddress(address, 'expected a string')
  let key: Uint8Array
  try {
    key = fromBase58(address)
  } catch {
    throw invalidAddress(address, 'it is not base58')
  }
  if (key.length !== 32) throw invalidAddress(address, `it decodes to ${key.length} bytes instead of 32`)
  // A program-derived address is deliberately off the curve: no one holds its key.
  if (!isEd25519PublicKey(key)) throw invalidAddress(address, 'it is not an Ed25519 public key (a program-derived address cannot sign)')
  return key
}

/**
 * Verifies what Solana wallets' `signMessage` produces: Ed25519 over the message bytes
 * themselves, no prefix and no hashing. (Sign-In With Solana messages are such text too.)
 */
export function verifySolanaSignature(parameters: VerifySolanaSignatureParameters): VerifySolanaSignatureReturnType {
  assertParametersObject(parameters, 'verifySolanaSignature')
  const { address, message, signature } = parameters
  const publicKey = parseAddress(address)
  const bytes = walletMessageBytes(message)
  const candidates = decodeSignatureCandidates(signature, { length: 64, encodings: ['base58', 'base64'], label: 'Solana' })
  if (!candidates.some((candidate) => verifyEd25519(candidate, bytes, publicKey))) {
    throw new VerificationError({
      code: VerificationErrorCode.InvalidSignature,
      shortMessage: `The signature was not made by ${address} over this message.`,
      details: 'Pass the exact message bytes given to signMessage and the signature it returned.',
    })
  }
  return { chain: 'solana', address: toBase58(publicKey), publicKey }
}
