import { sha256 } from '../hash'
import { bytesEqual, toBase64Url } from '../encoding'
import { parseAuthenticatorData } from './authenticator-data'
import { parseClientDataJSON } from './client-data'
import { VerificationError, VerificationErrorCode, assertParametersObject } from './errors'
import { LruCache } from './lru-cache'
import { assertP256PublicKey } from './p256-public-key'
import { decodeP256Signature, encodeRawP256Signature, isHighS } from './p256-signature'
import { type P256Verifier, getP256Verifier } from './p256-verifier'

export type VerifyPasskeyAssertionParameters = {
  /** The credential's SEC1 P-256 point: 33 bytes compressed or 65 uncompressed. */
  publicKey: Uint8Array
  /** `response.authenticatorData`, unmodified. */
  authenticatorData: Uint8Array
  /** `response.clientDataJSON` as the browser returned it: the UTF-8 text, or its bytes. */
  clientDataJSON: string | Uint8Array
  /** `response.signature`: ASN.1 DER as browsers return it, or raw 64-byte r‖s. */
  signature: Uint8Array
  /** The challenge bytes the ceremony was started with; clientData.challenge is their unpadded base64url. */
  expectedChallenge: Uint8Array
  /** When given, authenticatorData must start with sha256(expectedRpId). */
  expectedRpId?: string | undefined
  /** When given, clientData.origin must be one of these, compared exactly. */
  expectedOrigins?: readonly string[] | undefined
  /** Refuse assertions without the UV flag. Default true. */
  requireUserVerification?: boolean | undefined
  /** Accept s > n/2. Default false: NEAR Intents refuses those, so the relayer should too. */
  allowHighS?: boolean | undefined
  /** The P-256 backend for this call; default `getP256Verifier()` (portable unless changed). */
  verifier?: P256Verifier | undefined
}

/** What the assertion proved, for the caller's own policy (sign-count rollback, backup state). */
export type VerifyPasskeyAssertionReturnType = {
  userVerified: boolean
  backupEligible: boolean
  backedUp: boolean
  /** The authenticator's counter; 0 when it keeps none (as synced passkeys do). */
  signCount: number
  origin: string
  /** True when the ceremony ran in a cross-origin iframe (the wallet's normal case). */
  crossOrigin: boolean
  /** The top-level origin, when the browser reported one. */
  topOrigin?: string
}

export type VerifyPasskeyAssertionErrorType = VerificationError

const utf8 = new TextEncoder()

// A deployment has one RP ID or a handful; hashing it once each saves work on every assertion.
const rpIdHashes = new LruCache<string, Uint8Array>(16)

function rpIdHash(rpId: string): Uint8Array {
  let hash = rpIdHashes.get(rpId)
  if (!hash) {
    hash = sha256(utf8.encode(rpId))
    rpIdHashes.set(rpId, hash)
  }
  return hash
}

function fail(code: VerificationErrorCode, shortMessage: string, details?: string, cause?: unknown): never {
  throw new VerificationError({ code, shortMessage, details, cause })
}

function assertInputs(parameters: VerifyPasskeyAssertionParameters): void {
  assertParametersObject(parameters, 'verifyPasskeyAssertion')
  const { expectedChallenge, expectedRpId, expectedOrigins, signature, verifier } = parameters
  if (!(expectedChallenge instanceof Uint8Array)) fail(VerificationErrorCode.InvalidVerificationInput, 'expectedChallenge must be the challenge bytes (Uint8Array).')
  if (!(signature instanceof Uint8Array)) fail(VerificationErrorCode.InvalidVerificationInput, 'signature must be a Uint8Array (DER or raw r‖s).')
  if (expectedRpId !== undefined && (typeof expectedRpId !== 'string' || expectedRpId === '')) {
    fail(VerificationErrorCode.InvalidVerificationInput, 'expectedRpId must be a non-empty string, for example wallet.example.com.')
  }
  if (expectedOrigins !== undefined) {
    // An empty list would refuse every assertion; that is a configuration mistake, not a policy.
    if (!Array.isArray(expectedOrigins) || expectedOrigins.length === 0 || !expectedOrigins.every((origin) => typeof origin === 'string')) {
      fail(VerificationErrorCode.InvalidVerificationInput, 'expectedOrigins must be a non-empty array of origin strings, or left out.')
    }
  }
  if (verifier !== undefined && typeof verifier !== 'function') fail(VerificationErrorCode.InvalidVerificationInput, 'verifier must be a P256Verifier function.')
}

/**
 * Verifies a WebAuthn assertion made with a P-256 passkey, as the relayer and the wallet need
 * it: every check of WebAuthn L3 §7.2 that does not need server state (the caller keeps sign
 * counts and credential ids), each failing with its own `VerificationErrorCode`.
 *
 * Checks, in order: input types; authenticator data ≥ 37 bytes; the key is on P-256; the
 * signature decodes; clientDataJSON parses; type is `webauthn.get`; the challenge matches;
 * the origin is allowed; the RP ID hash matches; UP; UV unless `requireUserVerification:
 * false`; BS only with BE; S is low unless `allowHighS`; and the ECDSA signature over
 * `authenticatorData ‖ sha256(clientDataJSON)`. The cheap checks run before the curve work,
 * which also makes a hostile flood of malformed requests cheap to refuse.
 */
export function verifyPasskeyAssertion(parameters: VerifyPasskeyAssertionParameters): VerifyPasskeyAssertionReturnType {
  assertInputs(parameters)
  const {
    publicKey,
    authenticatorData,
    clientDataJSON,
    signature,
    expectedChallenge,
    expectedRpId,
    expectedOrigins,
    requireUserVerification = true,
    allowHighS = false,
    verifier = getP256Verifier(),
  } = parameters

  const authData = parseAuthenticatorData(authenticatorData)
  assertP256PublicKey(publicKey)
  const { r, s } = decodeP256Signature(signature)
  const clientData = parseClientDataJSON(clientDataJSON)

  if (clientData.type !== 'webauthn.get') {
    fail(
      VerificationErrorCode.ClientDataTypeMismatch,
      `clientDataJSON.type is "${clientData.type}", not "webauthn.get".`,
      'Only assertions (navigator.credentials.get) can authorize; a registration response cannot.',
    )
  }
  if (clientData.challenge !== toBase64Url(expectedChallenge)) {
    fail(VerificationErrorCode.ChallengeMismatch, 'The assertion was made for another challenge.', 'Start a new ceremony with a fresh challenge and verify against that one.')
  }
  if (expectedOrigins !== undefined && !expectedOrigins.includes(clientData.origin)) {
    fail(VerificationErrorCode.OriginMismatch, `The assertion comes from ${JSON.stringify(clientData.origin)}, which is not an allowed origin.`, `Allowed: ${expectedOrigins.join(', ')}.`)
  }
  if (expectedRpId !== undefined && !bytesEqual(authData.rpIdHash, rpIdHash(expectedRpId))) {
    fail(VerificationErrorCode.RpIdHashMismatch, `The assertion was made for another relying party than ${expectedRpId}.`, 'The passkey belongs to another RP ID; check the wallet RP ID configuration.')
  }
  if (!authData.userPresent) {
    fail(VerificationErrorCode.UserNotPresent, 'The authenticator did not confirm user presence.', 'Ask the person to touch or unlock the authenticator and try again.')
  }
  if (requireUserVerification && !authData.userVerified) {
    fail(
      VerificationErrorCode.UserNotVerified,
      'The authenticator did not verify the user (no PIN, biometric or passcode).',
      'Request userVerification: "required" in the ceremony, or pass requireUserVerification: false where presence suffices.',
    )
  }
  if (authData.backedUp && !authData.backupEligible) {
    fail(VerificationErrorCode.InvalidBackupFlags, 'The authenticator data says the credential is backed up but not backup-eligible, which WebAuthn forbids.')
  }
  if (!allowHighS && isHighS(s)) {
    fail(
      VerificationErrorCode.SignatureHighS,
      'The signature has a high S value, which is refused to keep signatures non-malleable.',
      'Normalize it with normalizeP256Signature before submitting, or pass allowHighS: true.',
    )
  }

  const clientDataBytes = typeof clientDataJSON === 'string' ? utf8.encode(clientDataJSON) : clientDataJSON
  const message = new Uint8Array(authenticatorData.length + 32)
  message.set(authenticatorData, 0)
  message.set(sha256(clientDataBytes), authenticatorData.length)
  const rawSignature = signature.length === 64 ? signature : encodeRawP256Signature({ r, s })

  let verified: boolean
  try {
    verified = verifier(publicKey, message, rawSignature) === true
  } catch (cause) {
    fail(VerificationErrorCode.InvalidSignature, 'The P-256 backend could not verify the signature.', undefined, cause)
  }
  if (!verified) {
    fail(VerificationErrorCode.InvalidSignature, 'The passkey signature does not verify for this key and these bytes.', 'Pass the authenticatorData, clientDataJSON and signature of one assertion, unmodified, with the key registered for that credential.')
  }

  const result: VerifyPasskeyAssertionReturnType = {
    userVerified: authData.userVerified,
    backupEligible: authData.backupEligible,
    backedUp: authData.backedUp,
    signCount: authData.signCount,
    origin: clientData.origin,
    crossOrigin: clientData.crossOrigin,
  }
  if (clientData.topOrigin !== undefined) result.topOrigin = clientData.topOrigin
  return result
}
