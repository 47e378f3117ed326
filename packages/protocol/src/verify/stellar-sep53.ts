import { sha256 } from '@noble/hashes/sha2.js'
import { isEd25519PublicKey, verifyEd25519 } from './ed25519'
import { VerificationError, VerificationErrorCode, assertParametersObject } from './errors'
import { decodeSignatureCandidates } from './signature-encoding'
import { decodeStellarAddress, encodeStellarAddress } from './stellar-strkey'
import { type WalletMessage, walletMessageBytes } from './wallet-message'

const sep53Prefix = new TextEncoder().encode('Stellar Signed Message:\n')

/** SEP-53: sha256("Stellar Signed Message:\n" ‖ message), the 32 bytes the account key signs. */
export function hashSep53Message(message: WalletMessage): Uint8Array {
  const bytes = walletMessageBytes(message)
  const prefixed = new Uint8Array(sep53Prefix.length + bytes.length)
  prefixed.set(sep53Prefix, 0)
  prefixed.set(bytes, sep53Prefix.length)
  return sha256(prefixed)
}

export type VerifyStellarSignatureParameters = {
  /** The signer's `G…` address. */
  address: string
  /** What was passed to signMessage: text (signed as UTF-8) or raw bytes. */
  message: WalletMessage
  /** 64 bytes, or their base64 or hex text. */
  signature: string | Uint8Array
}

export type VerifyStellarSignatureReturnType = {
  chain: 'stellar'
  address: string
  /** The 32-byte Ed25519 key the address encodes. */
  publicKey: Uint8Array
}

export type VerifyStellarSignatureErrorType = VerificationError

/** Verifies a SEP-53 signed message (Freighter and other wallets' `signMessage`). */
export function verifyStellarSignature(parameters: VerifyStellarSignatureParameters): VerifyStellarSignatureReturnType {
  assertParametersObject(parameters, 'verifyStellarSignature')
  const { address, message, signature } = parameters
  const publicKey = decodeStellarAddress(address)
  if (!isEd25519PublicKey(publicKey)) {
    throw new VerificationError({
      code: VerificationErrorCode.InvalidAddress,
      shortMessage: `${address} does not hold an Ed25519 public key, so it cannot sign.`,
    })
  }
  const digest = hashSep53Message(message)
  const candidates = decodeSignatureCandidates(signature, { length: 64, encodings: ['hex', 'base64'], label: 'Stellar' })
  if (!candidates.some((candidate) => verifyEd25519(candidate, digest, publicKey))) {
    throw new VerificationError({
      code: VerificationErrorCode.InvalidSignature,
      shortMessage: `The signature was not made by ${address} over this message.`,
      details: 'Pass the exact message given to signMessage and the signature it returned.',
    })
  }
  return { chain: 'stellar', address: encodeStellarAddress(publicKey), publicKey }
}
