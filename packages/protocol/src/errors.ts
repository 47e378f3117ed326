/**
 * Every failure the product reports is a `BaseError` with a machine-readable `code`, a short
 * message a person can act on, optional details, and a docs path. The same shape crosses the
 * iframe boundary as a `WireError` (see `toWireError`), so the host never sees a stack trace.
 */

/** Machine-readable error codes. Stable: partners switch on them. */
export const ErrorCode = {
  /** A wallet-origin attribute or configuration value is not an http(s) origin. */
  InvalidOrigin: 'INVALID_ORIGIN',
  /** The wallet origin equals the host page's origin, so the iframe would isolate nothing. */
  WalletNotIsolated: 'WALLET_NOT_ISOLATED',
  /** The penpal handshake with the wallet iframe did not complete in time. */
  WalletConnectionTimeout: 'WALLET_CONNECTION_TIMEOUT',
  /** The connection to the wallet was closed (element removed or disconnect() called). */
  WalletDisconnected: 'WALLET_DISCONNECTED',
  /** A host origin is not on the wallet's partner allowlist. */
  OriginNotAllowed: 'ORIGIN_NOT_ALLOWED',
  /** The method is not in the wallet's policy table, or this caller may not call it. */
  MethodNotAllowed: 'METHOD_NOT_ALLOWED',
  /** The method needs a click inside the wallet iframe; a call from the host page is not one. */
  UserActivationRequired: 'USER_ACTIVATION_REQUIRED',
  /** Another passkey ceremony is already running; only one runs at a time. */
  CeremonyInProgress: 'CEREMONY_IN_PROGRESS',
  /** The person cancelled the passkey prompt, or it timed out. */
  PasskeyCancelled: 'PASSKEY_CANCELLED',
  /** This authenticator already holds a passkey for this account. */
  PasskeyAlreadyRegistered: 'PASSKEY_ALREADY_REGISTERED',
  /** The relying-party ID does not match the wallet's domain. */
  InvalidRpId: 'INVALID_RP_ID',
  /** The browser offers no WebAuthn, or not in this context. */
  WebAuthnUnsupported: 'WEBAUTHN_UNSUPPORTED',
  /** The authenticator returned something the wallet cannot use (wrong algorithm, bad key). */
  InvalidCredential: 'INVALID_CREDENTIAL',
  /** The wallet configuration is missing or malformed. */
  InvalidConfiguration: 'INVALID_CONFIGURATION',
  /** Anything not classified above. The message says what happened. */
  Unknown: 'UNKNOWN',
} as const

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

const errorCodes = new Set<string>(Object.values(ErrorCode))

/** True when `value` is one of the documented error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && errorCodes.has(value)
}

export type BaseErrorParameters = {
  code: ErrorCode
  /** One sentence: what went wrong and what to do. */
  shortMessage: string
  /** More context for developers; safe to show to the host page (never secrets). */
  details?: string | undefined
  /** Path under docs/ that explains the error. */
  docsPath?: string | undefined
  cause?: unknown
}

export class BaseError extends Error {
  override name = 'CclError'
  readonly code: ErrorCode
  readonly shortMessage: string
  readonly details: string | undefined
  readonly docsPath: string | undefined

  constructor({ code, shortMessage, details, docsPath, cause }: BaseErrorParameters) {
    const lines = [shortMessage]
    if (details) lines.push('', `Details: ${details}`)
    if (docsPath) lines.push(`Docs: ${docsPath}`)
    lines.push(`Code: ${code}`)
    super(lines.join('\n'), cause === undefined ? undefined : { cause })
    this.code = code
    this.shortMessage = shortMessage
    this.details = details
    this.docsPath = docsPath
  }
}

/** The shape an error takes when it crosses postMessage: plain data, no stack. */
export type WireError = {
  code: ErrorCode
  message: string
  details?: string
  docsPath?: string
}

/**
 * Turns any thrown value into a `WireError`. Unknown errors keep only their message, so a
 * stack trace or an internal object never reaches the host page.
 */
export function toWireError(error: unknown): WireError {
  if (error instanceof BaseError) {
    const wire: WireError = { code: error.code, message: error.shortMessage }
    if (error.details) wire.details = error.details
    if (error.docsPath) wire.docsPath = error.docsPath
    return wire
  }
  const message = error instanceof Error ? error.message : String(error)
  return { code: ErrorCode.Unknown, message: message || 'An unknown error occurred.' }
}

/** Rebuilds a `BaseError` on the receiving side; malformed input becomes an `UNKNOWN` error. */
export function fromWireError(wire: unknown): BaseError {
  if (typeof wire !== 'object' || wire === null) {
    return new BaseError({ code: ErrorCode.Unknown, shortMessage: 'The wallet returned a malformed error.' })
  }
  const { code, message, details, docsPath } = wire as Record<string, unknown>
  return new BaseError({
    code: isErrorCode(code) ? code : ErrorCode.Unknown,
    shortMessage: typeof message === 'string' && message ? message : 'The wallet returned an error without a message.',
    details: typeof details === 'string' ? details : undefined,
    docsPath: typeof docsPath === 'string' ? docsPath : undefined,
  })
}
