import type { WalletChain } from '../chains'
import { BaseError, ErrorCode } from '../errors'
import { type VerifyEvmSignatureReturnType, verifyEvmTypedDataSignature } from '../verify/evm'
import type { Nep413Fields } from '../verify/near-nep413'
import { type VerifyWalletSignatureReturnType, verifyWalletSignature } from '../verify/wallet-signature'
import type { WalletProof } from './envelope'
import { type ProofContext, decodeBase64Url } from './verify-proof'
import { type WalletSignable, requestSignable } from './wallet-signable'
import type { WalletMessageRole } from './wallet-roles'

/** The verified signer of any chain: EVM's from typed data, the others' from text. */
export type VerifiedWalletSigner = VerifyEvmSignatureReturnType | VerifyWalletSignatureReturnType

/** A bound wallet as the contract records it. */
export type BoundWalletKey = { chain: WalletChain; address: string; publicKey?: string }

/**
 * A bound wallet's chain signature over the request's message in `role` (wallet-signable.ts):
 * EIP-712 typed data for EVM, Solana signMessage or SEP-53 text, or for NEAR, NEP-413 text with
 * the request's nonce (its 32 bytes) and the contract as recipient, by the key recorded at
 * binding. The role is the checker's: a co-signature (`cosign`) never verifies as a request's
 * proof, nor a proof as a co-signature. The result says whether a NEAR key still needs the chain's word.
 */
export async function verifyWalletProof(
  proof: WalletProof,
  wallet: BoundWalletKey,
  payload: string,
  nonce: string,
  context: ProofContext,
  role: WalletMessageRole,
): Promise<VerifiedWalletSigner> {
  const signable = requestSignable(wallet.chain, role, payload)
  if (wallet.chain === 'near') {
    if (!wallet.publicKey) {
      throw new BaseError({ code: ErrorCode.UnknownSigner, shortMessage: 'The bound NEAR wallet has no key on record.' })
    }
    if (proof.publicKey !== undefined && proof.publicKey !== wallet.publicKey) {
      throw new BaseError({ code: ErrorCode.UnknownSigner, shortMessage: 'The NEAR key that signed is not the one bound to this account.' })
    }
    return verifySignable({
      chain: 'near',
      address: wallet.address,
      signable,
      signature: proof.signature,
      publicKey: wallet.publicKey,
      nep413: { nonce: decodeBase64Url(nonce, 'nonce'), recipient: context.contractId },
    })
  }
  return verifySignable({ chain: wallet.chain, address: wallet.address, signable, signature: proof.signature })
}

export type VerifySignableParameters = {
  chain: WalletChain
  address: string
  signable: WalletSignable
  signature: string
  /** NEAR (and optionally Solana, Stellar): the key that signed. */
  publicKey?: string
  /** NEAR: the NEP-413 nonce and recipient the text was signed with. */
  nep413?: Nep413Fields
}

/**
 * A wallet's signature over a signable, in its chain's convention: typed data only for EVM (a
 * `personal_sign` over any text is refused), text only for the others.
 */
export async function verifySignable(parameters: VerifySignableParameters): Promise<VerifiedWalletSigner> {
  const { chain, address, signable, signature } = parameters
  if (chain === 'evm') {
    if (!signable.typedData) throw new BaseError({ code: ErrorCode.InvalidSignature, shortMessage: 'EVM wallets sign this product\'s messages as EIP-712 typed data, not as text.' })
    return verifyEvmTypedDataSignature({ address, typedData: signable.typedData, signature })
  }
  if (signable.message === undefined) throw new BaseError({ code: ErrorCode.InvalidSignature, shortMessage: `${chain} wallets sign this product's messages as text.` })
  if (chain === 'near') {
    if (!parameters.publicKey || !parameters.nep413) throw new BaseError({ code: ErrorCode.InvalidSignature, shortMessage: 'A NEAR signature needs the signing key and its NEP-413 nonce and recipient.' })
    return verifyWalletSignature({ chain, address, message: signable.message, signature, publicKey: parameters.publicKey, nep413: parameters.nep413 })
  }
  return verifyWalletSignature({ chain, address, message: signable.message, signature } as Parameters<typeof verifyWalletSignature>[0])
}
