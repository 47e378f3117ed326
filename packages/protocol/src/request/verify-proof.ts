import { fromBase64Url } from '../encoding'
import { BaseError, ErrorCode } from '../errors'
import { parseP256PublicKey } from '../p256-key'
import { verifyPasskeyAssertion } from '../verify/passkey-assertion'
import { parseP256Signature } from '../verify/p256-signature'
import { type VerifyWalletSignatureReturnType, type WalletChain, verifyWalletSignature } from '../verify/wallet-signature'
import type { PasskeyProof, WalletProof } from './envelope'
import { type WalletMessageRole, walletMessage } from './wallet-messages'

/**
 * How a request's proof is checked, written once for everyone who checks it: the contract (the
 * authority) and the relayer (which refuses before paying gas). Which key or wallet may sign
 * is the caller's question; this answers whether it did, over this exact payload.
 */
export type ProofContext = {
  /** The contract's RP ID and wallet origins: passkey assertions must be for them. */
  rpId: string
  walletOrigins: readonly string[]
  /** NEAR wallets sign NEP-413 with the contract as recipient. */
  contractId: string
}

/** A passkey's assertion over sha256(payload) (`challenge`): RP ID, origin, UP and UV, low-S, signature. */
export function verifyPasskeyProof(proof: PasskeyProof, publicKey: string, challenge: Uint8Array, context: ProofContext): void {
  verifyPasskeyAssertion({
    publicKey: parseP256PublicKey(publicKey),
    authenticatorData: decodeBase64Url(proof.authenticatorData, 'proof.authenticatorData'),
    clientDataJSON: proof.clientDataJSON,
    signature: parseP256Signature(proof.signature),
    expectedChallenge: challenge,
    expectedRpId: context.rpId,
    expectedOrigins: context.walletOrigins,
    requireUserVerification: true,
    allowHighS: false,
  })
}

/** A bound wallet as the contract records it. */
export type BoundWalletKey = { chain: WalletChain; address: string; publicKey?: string }

/**
 * A bound wallet's chain signature over the request's readable message in `role`
 * (wallet-messages.ts): EIP-191, Solana signMessage, SEP-53, or for NEAR, NEP-413 with the
 * request's nonce (its 32 bytes) and the contract as recipient, by the key recorded at binding.
 * The role is the checker's: a co-signature (`cosign`) never verifies as a request's proof, nor
 * a proof as a co-signature. The result says whether a NEAR key still needs the chain's word.
 */
export async function verifyWalletProof(
  proof: WalletProof,
  wallet: BoundWalletKey,
  payload: string,
  nonce: string,
  context: ProofContext,
  role: WalletMessageRole,
): Promise<VerifyWalletSignatureReturnType> {
  const message = walletMessage(role, payload)
  if (wallet.chain === 'near') {
    if (!wallet.publicKey) {
      throw new BaseError({ code: ErrorCode.UnknownSigner, shortMessage: 'The bound NEAR wallet has no key on record.' })
    }
    if (proof.publicKey !== undefined && proof.publicKey !== wallet.publicKey) {
      throw new BaseError({ code: ErrorCode.UnknownSigner, shortMessage: 'The NEAR key that signed is not the one bound to this account.' })
    }
    return verifyWalletSignature({
      chain: 'near',
      address: wallet.address,
      message,
      signature: proof.signature,
      publicKey: wallet.publicKey,
      nep413: { nonce: decodeBase64Url(nonce, 'nonce'), recipient: context.contractId },
    })
  }
  return verifyWalletSignature({ chain: wallet.chain, address: wallet.address, message, signature: proof.signature } as Parameters<typeof verifyWalletSignature>[0])
}

function decodeBase64Url(text: string, field: string): Uint8Array {
  try {
    return fromBase64Url(text)
  } catch {
    throw new BaseError({ code: ErrorCode.InvalidRequest, shortMessage: `The request's ${field} is not base64url.` })
  }
}
