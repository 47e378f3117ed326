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
  /**
   * The partner sites allowed to embed the wallet. A browser running the ceremony in a
   * cross-origin iframe names the page around it as clientData.topOrigin; when it does, it must
   * be one of these (or a wallet origin). Missing means none: every embedded assertion is refused.
   */
  partnerOrigins?: readonly string[] | undefined
}

/** What a verified passkey assertion told about itself, for the caller's own rules (the sign counter). */
export type PasskeyProofResult = { signCount: number; topOrigin?: string }

/**
 * A passkey's assertion over `challenge` (sha256 of the payload): RP ID, origin, UP and UV,
 * low-S, signature, and the page it ran in (topOrigin) on the partner allowlist.
 */
export function verifyPasskeyProof(proof: PasskeyProof, publicKey: string, challenge: Uint8Array, context: ProofContext): PasskeyProofResult {
  const result = verifyPasskeyAssertion({
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
  assertTopOriginAllowed(result.topOrigin, context)
  return { signCount: result.signCount, ...(result.topOrigin === undefined ? {} : { topOrigin: result.topOrigin }) }
}

/**
 * A page on a site the wallet does not serve (frame-ancestors misconfigured, or a browser that
 * ignores it) must not get a signature counted. Browsers name that page only in cross-origin
 * ceremonies; a top-level ceremony on the wallet origin (the passkey window) has none to check.
 */
function assertTopOriginAllowed(topOrigin: string | undefined, context: ProofContext): void {
  if (topOrigin === undefined) return
  if (context.partnerOrigins?.includes(topOrigin) || context.walletOrigins.includes(topOrigin)) return
  throw new BaseError({
    code: ErrorCode.TopOriginNotAllowed,
    shortMessage: `The passkey was used inside ${JSON.stringify(topOrigin)}, which is not a partner site this contract allows. Use the wallet from an allowed site.`,
    details: context.partnerOrigins?.length ? `Allowed partner sites: ${context.partnerOrigins.join(', ')}.` : 'The contract has no partner sites configured (partnerOrigins).',
    docsPath: '/docs/contract.md#errors',
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
