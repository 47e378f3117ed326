import { BaseError, ErrorCode } from '@crosschain-lending/protocol'

type BrowserErrorLike = { name?: unknown; message?: unknown; code?: unknown; cause?: unknown }

/**
 * Maps what `navigator.credentials` (directly or through @simplewebauthn/browser, which wraps
 * DOMExceptions in a WebAuthnError with its own code) throws onto the product's error codes,
 * with a message that says what the person can do next.
 */
export function toPasskeyError(error: unknown, rpId: string): BaseError {
  if (error instanceof BaseError) return error
  const outer = (error ?? {}) as BrowserErrorLike
  const inner = (outer.cause ?? outer) as BrowserErrorLike
  const name = typeof inner.name === 'string' ? inner.name : ''
  const message = typeof inner.message === 'string' ? inner.message : String(error)
  const libraryCode = typeof outer.code === 'string' ? outer.code : ''

  if (/user activation/i.test(message)) {
    return new BaseError({
      code: ErrorCode.UserActivationRequired,
      shortMessage: 'Creating a passkey needs a click inside the wallet. Use the button in the wallet panel.',
      details: message,
      docsPath: '/docs/integrate.md#user-activation',
      cause: error,
    })
  }
  if (/not supported in this browser|publickeycredential is not defined/i.test(message) || name === 'NotSupportedError' && /webauthn/i.test(message)) {
    return new BaseError({
      code: ErrorCode.WebAuthnUnsupported,
      shortMessage: 'This browser cannot use passkeys here. Try an up-to-date Chrome, Safari, Edge or Firefox.',
      details: message,
      cause: error,
    })
  }
  if (libraryCode === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED' || name === 'InvalidStateError') {
    return new BaseError({
      code: ErrorCode.PasskeyAlreadyRegistered,
      shortMessage: 'This device already holds a passkey for this account. Sign in with it instead.',
      details: message,
      cause: error,
    })
  }
  if (libraryCode === 'ERROR_INVALID_DOMAIN' || libraryCode === 'ERROR_INVALID_RP_ID' || name === 'SecurityError') {
    return new BaseError({
      code: ErrorCode.InvalidRpId,
      shortMessage: `The browser refused the passkey's domain (RP ID "${rpId}"). The wallet origin is misconfigured.`,
      details: message,
      docsPath: '/docs/operate.md#rp-id',
      cause: error,
    })
  }
  if (/feature is not enabled|permissions policy/i.test(message)) {
    return new BaseError({
      code: ErrorCode.WebAuthnUnsupported,
      shortMessage: 'The page embedding the wallet does not allow passkeys in its iframe.',
      details: `${message} The iframe needs allow="publickey-credentials-create; publickey-credentials-get" for the wallet origin.`,
      docsPath: '/docs/integrate.md#iframe-permissions',
      cause: error,
    })
  }
  if (name === 'NotAllowedError' || name === 'AbortError' || libraryCode === 'ERROR_CEREMONY_ABORTED') {
    return new BaseError({
      code: ErrorCode.PasskeyCancelled,
      shortMessage: 'The passkey prompt was cancelled or timed out. Nothing was created; you can try again.',
      details: message,
      cause: error,
    })
  }
  return new BaseError({
    code: ErrorCode.Unknown,
    shortMessage: 'The passkey could not be created.',
    details: message,
    cause: error,
  })
}
