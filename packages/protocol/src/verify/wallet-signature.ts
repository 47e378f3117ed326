import { VerificationError, VerificationErrorCode, assertParametersObject } from './errors'
import { type VerifyNep413SignatureParameters, type VerifyNep413SignatureReturnType, verifyNep413Signature } from './near-nep413'
import { type VerifySolanaSignatureParameters, type VerifySolanaSignatureReturnType, verifySolanaSignature } from './solana'
import { type VerifyStellarSignatureParameters, type VerifyStellarSignatureReturnType, verifyStellarSignature } from './stellar-sep53'

import { type WalletChain, walletChains } from '../chains'

export { type WalletChain, walletChains }

/**
 * The chains whose wallets sign text. EVM is not among them: an EVM wallet signs EIP-712 typed
 * data, checked by `verifyEvmTypedDataSignature` (evm.ts); no role signs EIP-191 text.
 */
export type VerifyWalletSignatureParameters =
  | ({ chain: 'solana' } & VerifySolanaSignatureParameters)
  | ({ chain: 'near' } & VerifyNep413SignatureParameters)
  | ({ chain: 'stellar' } & VerifyStellarSignatureParameters)

type ReturnTypes = VerifySolanaSignatureReturnType | VerifyNep413SignatureReturnType | VerifyStellarSignatureReturnType

/** The normalized signer for `chain`; a NEAR result also says whether its key needs an on-chain check. */
export type VerifyWalletSignatureReturnType<chain extends TextSigningChain = TextSigningChain> = Extract<ReturnTypes, { chain: chain }>

/** The chains `verifyWalletSignature` checks. */
export type TextSigningChain = VerifyWalletSignatureParameters['chain']

export type VerifyWalletSignatureErrorType = VerificationError

/**
 * Checks that `address` signed the text `message` on `chain`, in the chain's wallet convention:
 * raw Ed25519 signMessage (solana), NEP-413 (near), SEP-53 (stellar). EVM is refused here
 * (UNSUPPORTED_CHAIN, pointing at typed data). Resolves with the normalized signer; rejects with a `VerificationError` on a
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
  if ((parameters as { chain: unknown }).chain === 'evm') {
    throw new VerificationError({
      code: VerificationErrorCode.UnsupportedChain,
      shortMessage: 'EVM wallets sign this product\'s messages as EIP-712 typed data, never as personal_sign text.',
      details: 'Verify them with verifyEvmTypedDataSignature.',
    })
  }
  throw new VerificationError({
    code: VerificationErrorCode.UnsupportedChain,
    shortMessage: `Wallet signatures on ${JSON.stringify((parameters as { chain: unknown }).chain)} are not supported.`,
    details: `Text signatures are checked for: ${walletChains.filter((chain) => chain !== 'evm').join(', ')}.`,
  })
}
