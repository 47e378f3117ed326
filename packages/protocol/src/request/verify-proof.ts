import { fromBase64Url } from '../encoding'
import { BaseError, ErrorCode } from '../errors'
import { parseP256PublicKey } from '../p256-key'
import { verifyPasskeyAssertion } from '../verify/passkey-assertion'
import { parseP256Signature } from '../verify/p256-signature'
import type { PasskeyProof } from './envelope'

/**
 * How a request's proof is checked, written once for everyone who checks it: the contract (the
 * authority) and the relayer (which refuses before paying gas). Which key or wallet may sign
 * is the caller's question; this answers whether it did, over this exact payload. Passkeys and
 * the site here; bound wallets in verify-wallet-proof.ts (which carries the chains' verifiers,
 * so code that checks only passkeys, the wallet's sign-in, does not load them).
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
 * low-S, signature, and the page it ran in (topOrigin) on the partner allowlist. For a request,
 * `site` is the site it names: a passkey that ran inside a page must have run inside that one.
 */
export function verifyPasskeyProof(proof: PasskeyProof, publicKey: string, challenge: Uint8Array, context: ProofContext, site?: string): PasskeyProofResult {
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
  if (site !== undefined && result.topOrigin !== undefined && result.topOrigin !== site) {
    throw new BaseError({
      code: ErrorCode.SiteMismatch,
      shortMessage: `The passkey approved this request inside ${result.topOrigin}, but the request names ${site} as its site. Sign it again on the site you are on.`,
      docsPath: '/docs/contract.md#errors',
    })
  }
  return { signCount: result.signCount, ...(result.topOrigin === undefined ? {} : { topOrigin: result.topOrigin }) }
}

/**
 * A page on a site the wallet does not serve (frame-ancestors misconfigured, or a browser that
 * ignores it) must not get a signature counted. Browsers name that page only in cross-origin
 * ceremonies; a top-level ceremony on the wallet origin (the passkey window) has none to check.
 */
function assertTopOriginAllowed(topOrigin: string | undefined, context: ProofContext): void {
  if (topOrigin !== undefined) assertServed(topOrigin, context, ErrorCode.TopOriginNotAllowed, `The passkey was used inside ${JSON.stringify(topOrigin)}`)
}

/**
 * The site a request names must be one the contract serves: a partner site on its allowlist, or
 * a wallet origin. Every wallet message shows the site, so a request made on (or claiming) any
 * other page is refused before its signatures are looked at.
 */
export function assertSiteAllowed(site: string, context: ProofContext): void {
  assertServed(site, context, ErrorCode.SiteNotAllowed, `The request was made on ${JSON.stringify(site)}`)
}

function assertServed(origin: string, context: ProofContext, code: ErrorCode, what: string): void {
  if (context.partnerOrigins?.includes(origin) || context.walletOrigins.includes(origin)) return
  throw new BaseError({
    code,
    shortMessage: `${what}, which is not a partner site this contract allows. Use the wallet from an allowed site.`,
    details: context.partnerOrigins?.length ? `Allowed partner sites: ${context.partnerOrigins.join(', ')}.` : 'The contract has no partner sites configured (partnerOrigins).',
    docsPath: '/docs/contract.md#errors',
  })
}

export function decodeBase64Url(text: string, field: string): Uint8Array {
  try {
    return fromBase64Url(text)
  } catch {
    throw new BaseError({ code: ErrorCode.InvalidRequest, shortMessage: `The request's ${field} is not base64url.` })
  }
}
