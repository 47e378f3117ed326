import { BaseError, type BaseErrorParameters, ErrorCode } from '@crosschain-lending/protocol'

/** Codes only the relayer produces: its part of the shared `ErrorCode` table. */
export const RelayerErrorCode = {
  RateLimited: ErrorCode.RateLimited,
  ChainUnavailable: ErrorCode.ChainUnavailable,
  PayloadTooLarge: ErrorCode.PayloadTooLarge,
  RouteNotFound: ErrorCode.RouteNotFound,
} as const

export type RelayerErrorParameters = BaseErrorParameters & {
  /** Overrides the status `httpStatusFor` derives from the code. */
  httpStatus?: number | undefined
  /** Extra response headers (`Retry-After`, `Allow`). */
  headers?: Record<string, string> | undefined
}

/** A refusal or failure of the relayer itself, with what the HTTP layer needs to report it. */
export class RelayerError extends BaseError {
  override name = 'RelayerError'
  readonly httpStatus: number | undefined
  readonly headers: Record<string, string>

  constructor({ httpStatus, headers, ...parameters }: RelayerErrorParameters) {
    super(parameters)
    this.httpStatus = httpStatus
    this.headers = headers ?? {}
  }
}

/**
 * A refusal the contract itself returned (from a transaction or a view). Kept apart from the
 * relayer's own errors because it is never retried: the chain has decided.
 */
export class ContractRefusal extends BaseError {
  override name = 'ContractRefusal'
}

/** `INVALID_REQUEST`, naming what is wrong with the request's HTTP body or parameters. */
export function invalidHttpRequest(shortMessage: string, details?: string, httpStatus = 400): RelayerError {
  return new RelayerError({ code: ErrorCode.InvalidRequest, shortMessage, details, httpStatus })
}

/**
 * 429, with `Retry-After` in whole seconds (at least 1), said in the message too. `what` names
 * the limit that refused, e.g. "Too many requests from this address".
 */
export function rateLimited(what: string, retryAfterMs: number): RelayerError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000))
  return new RelayerError({
    code: RelayerErrorCode.RateLimited,
    shortMessage: `${what}. Retry in ${seconds} s.`,
    details: `Retry-After: ${seconds} (seconds). Nothing was sent to the chain.`,
    headers: { 'retry-after': String(seconds) },
  })
}

// Codes whose HTTP status is not 422 (the default for a refusal of a well-formed request).
const statusByCode = new Map<string, number>([
  [ErrorCode.InvalidRequest, 400],
  [ErrorCode.InvalidVerificationInput, 400],
  [ErrorCode.OriginNotAllowed, 403],
  [ErrorCode.NonceAlreadyUsed, 409],
  [RelayerErrorCode.RouteNotFound, 404],
  [RelayerErrorCode.PayloadTooLarge, 413],
  [RelayerErrorCode.RateLimited, 429],
  [RelayerErrorCode.ChainUnavailable, 503],
  [ErrorCode.InvalidConfiguration, 500],
  [ErrorCode.Unknown, 500],
])

/** The HTTP status for an error: 4xx for what the caller can fix, 5xx for what the operator must. */
export function httpStatusFor(error: BaseError): number {
  if (error instanceof RelayerError && error.httpStatus !== undefined) return error.httpStatus
  return statusByCode.get(error.code) ?? 422
}

/** What every error response carries. Never a stack trace, never an internal object. */
export type ErrorBody = { error: { code: ErrorCode; message: string; details?: string } }

export function errorBody(error: BaseError): ErrorBody {
  const body: ErrorBody = { error: { code: error.code, message: error.shortMessage } }
  if (error.details) body.error.details = error.details
  return body
}

/**
 * Anything that is not a `BaseError` is a bug or an unexpected library failure: its message may
 * name internals, so the caller gets a generic one and the operator's log gets the rest.
 */
export function asBaseError(error: unknown): BaseError {
  if (error instanceof BaseError) return error
  return new RelayerError({
    code: ErrorCode.Unknown,
    shortMessage: 'The relayer failed unexpectedly. Try again; if it keeps failing, tell the operator.',
    httpStatus: 500,
    cause: error,
  })
}
