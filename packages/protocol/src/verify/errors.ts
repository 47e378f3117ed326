import { BaseError, ErrorCode } from '../errors'

function pick<const T extends Record<string, string>, const K extends keyof T>(table: T, keys: readonly K[]): { readonly [P in K]: T[P] } {
  return Object.fromEntries(keys.map((key) => [key, table[key]])) as { readonly [P in K]: T[P] }
}

/**
 * Why a signature or a passkey assertion was refused: the subset of the project-wide
 * `ErrorCode` table that verification can produce.
 */
export const VerificationErrorCode = pick(ErrorCode, [
  'InvalidVerificationInput',
  'InvalidAuthenticatorData',
  'InvalidClientData',
  'ClientDataTypeMismatch',
  'ChallengeMismatch',
  'OriginMismatch',
  'RpIdHashMismatch',
  'UserNotPresent',
  'UserNotVerified',
  'InvalidBackupFlags',
  'InvalidPublicKey',
  'MalformedSignature',
  'SignatureHighS',
  'InvalidSignature',
  'UnsupportedChain',
  'InvalidAddress',
  'InvalidAddressChecksum',
  'InvalidRecoveryId',
  'PublicKeyMismatch',
  'InvalidNonce',
])

export type VerificationErrorCode = (typeof VerificationErrorCode)[keyof typeof VerificationErrorCode]

export type VerificationErrorParameters = {
  code: VerificationErrorCode
  /** One sentence: what was wrong and what to do. */
  shortMessage: string
  details?: string | undefined
  cause?: unknown
}

/**
 * Every refusal from `verify/` is one of these, so callers switch on `code` and never see an
 * untyped exception from a decoder or a curve library.
 */
export class VerificationError extends BaseError {
  override name = 'VerificationError'

  constructor({ code, shortMessage, details, cause }: VerificationErrorParameters) {
    super({ code, shortMessage, details, cause })
  }
}

export function isVerificationError(error: unknown): error is VerificationError {
  return error instanceof VerificationError
}

/** Guards the destructuring of a parameters object, so `fn(undefined)` is a typed refusal too. */
export function assertParametersObject(parameters: unknown, functionName: string): asserts parameters is object {
  if (typeof parameters !== 'object' || parameters === null) {
    throw new VerificationError({
      code: VerificationErrorCode.InvalidVerificationInput,
      shortMessage: `${functionName} expects a parameters object, got ${parameters === null ? 'null' : typeof parameters}.`,
    })
  }
}
