import { VerificationError, VerificationErrorCode, assertParametersObject } from './errors'
import { type VerifyEvmSignatureParameters, type VerifyEvmSignatureReturnType, verifyEvmSignature } from './evm'
import { type VerifyNep413SignatureParameters, type VerifyNep413SignatureReturnType, verifyNep413Signature } from './near-nep413'
import { type VerifySolanaSignatureParameters, type VerifySolanaSignatureReturnType, verifySolanaSignature } from './solana'
import { type VerifyStellarSignatureParameters, type VerifyStellarSignatureReturnType, verifyStellarSignature } from './stellar-sep53'

import { type WalletChain, walletChains } from '../chains'

export { type WalletChain, walletChains }

export type VerifyWalletSignatureParameters =
  | ({ chain: 'evm' } & VerifyEvmSignatureParameters)
  | ({ chain: 'solana' } & VerifySolanaSignatureParameters)
  | ({ chain: 'near' } & VerifyNep413SignatureParameters)
  | ({ chain: 'stellar' } & VerifyStellarSignatureParameters)

type ReturnTypes = VerifyEvmSignatureReturnType | VerifySolanaSignatureReturnType | VerifyNep413SignatureReturnType | VerifyStellarSignatureReturnType

/** The normalized signer for `chain`; a NEAR result also says whether its key needs an on-chain check. */
export type VerifyWalletSignatureReturnType<chain extends WalletChain = WalletChain> = Extract<ReturnTypes, { chain: chain }>

export type VerifyWalletSignatureErrorType = VerificationError

/**
 * Checks that `address` signed `message` on `chain`, in the chain's wallet convention:
 * EIP-191 personal_sign (evm), raw Ed25519 signMessage (solana), NEP-413 (near), SEP-53
 * (stellar). Resolves with the normalized signer; rejects with a `VerificationError` on a
 * wrong signature or malformed input, never with an untyped error.
 */
export async function verifyWalletSignature<const parameters extends VerifyWalletSignatureParameters>(
  parameters: parameters,
): Promise<VerifyWalletSignatureReturnType<parameters['chain']>> {
  assertParametersObject(parameters, 'verifyWalletSignature')
  const result = await verifyForChain(parameters)
  return result as VerifyWalletSignatureReturnType<parameters['chain']>
}

async function verifyForChain(parameters: VerifyWalletSignatureParameters): Promise<ReturnTypes> {
  try {
    switch (parameters.chain) {
      case 'evm':
        return await verifyEvmSignature(parameters)
      case 'solana':
        return verifySolanaSignature(parameters)
      case 'near':
        return verifyNep413Signature(parameters)
      case 'stellar':
        return verifyStellarSignature(parameters)
    }
  } catch (error) {
    if (error instanceof VerificationError) throw error
    // A library refusing input in a way not anticipated above still reaches the caller typed.
    throw new VerificationError({
      code: VerificationErrorCode.InvalidVerificationInput,
      shortMessage: `The ${String((parameters as { chain: unknown }).chain)} signature could not be checked: the input is malformed.`,
      details: error instanceof Error ? error.message : String(error),
      cause: error,
    })
  }
  throw new VerificationError({
    code: VerificationErrorCode.UnsupportedChain,
    shortMessage: `Wallet signatures on ${JSON.stringify((parameters as { chain: unknown }).chain)} are not supported.`,
    details: `Supported chains: ${walletChains.join(', ')}.`,
  })
}
