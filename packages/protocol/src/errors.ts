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
  /** The browser blocked the window the wallet opens for passkey prompts (see passkeyWindow). */
  PasskeyWindowBlocked: 'PASSKEY_WINDOW_BLOCKED',
  /** The wallet paused confirmations this page asks for, after the person cancelled several in a row; wait and ask again. */
  ConfirmationsPaused: 'CONFIRMATIONS_PAUSED',
  /** The person declined what the wallet asked them to confirm. */
  UserRejected: 'USER_REJECTED',
  /** The host page has no wallet for that chain (no extension announced one), or it is not responding. */
  ExternalWalletNotFound: 'EXTERNAL_WALLET_NOT_FOUND',
  /** The page's wallet is connected to another account than the one the wallet panel asked to sign with. */
  ExternalWalletMismatch: 'EXTERNAL_WALLET_MISMATCH',
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
  /** A signed request or one of its actions is malformed: the message names the field. */
  InvalidRequest: 'INVALID_REQUEST',
  // Signature and assertion checks (verify/). Each check has its own code.
  /** A verification parameter has the wrong type or is missing (a caller bug, not a bad signature). */
  InvalidVerificationInput: 'INVALID_VERIFICATION_INPUT',
  /** The authenticator data is shorter than the 37 bytes every assertion carries. */
  InvalidAuthenticatorData: 'INVALID_AUTHENTICATOR_DATA',
  /** clientDataJSON is not JSON, not an object, or a member has the wrong type. */
  InvalidClientData: 'INVALID_CLIENT_DATA',
  /** clientDataJSON.type is not webauthn.get. */
  ClientDataTypeMismatch: 'CLIENT_DATA_TYPE_MISMATCH',
  /** clientDataJSON.challenge is not the expected challenge. */
  ChallengeMismatch: 'CHALLENGE_MISMATCH',
  /** clientDataJSON.origin is not one of the expected origins. */
  OriginMismatch: 'ORIGIN_MISMATCH',
  /** The authenticator data was made for another RP ID. */
  RpIdHashMismatch: 'RP_ID_HASH_MISMATCH',
  /** The UP (user present) flag is clear. */
  UserNotPresent: 'USER_NOT_PRESENT',
  /** User verification was required but the UV flag is clear. */
  UserNotVerified: 'USER_NOT_VERIFIED',
  /** BS (backed up) is set without BE (backup eligible). */
  InvalidBackupFlags: 'INVALID_BACKUP_FLAGS',
  /** The public key is malformed, off its curve, or missing. */
  InvalidPublicKey: 'INVALID_PUBLIC_KEY',
  /** The signature cannot be decoded: bad encoding, wrong length, malformed DER, scalar out of range. */
  MalformedSignature: 'MALFORMED_SIGNATURE',
  /** An ECDSA signature has s > n/2 and is refused as malleable. */
  SignatureHighS: 'SIGNATURE_HIGH_S',
  /** The signature is well formed but not by this key or address over this message. */
  InvalidSignature: 'INVALID_SIGNATURE',
  /** verifyWalletSignature got a chain it does not support. */
  UnsupportedChain: 'UNSUPPORTED_CHAIN',
  /** The address's checksum (EIP-55 letter case, Stellar StrKey CRC16) is wrong. */
  InvalidAddressChecksum: 'INVALID_ADDRESS_CHECKSUM',
  /** An EVM signature's v is not 27, 28, 0 or 1. */
  InvalidRecoveryId: 'INVALID_RECOVERY_ID',
  /** The key does not control the account (a NEAR implicit account must be the hex of its key). */
  PublicKeyMismatch: 'PUBLIC_KEY_MISMATCH',
  /** A NEP-413 nonce is not 32 bytes, or not base64. */
  InvalidNonce: 'INVALID_NONCE',
  // The contract's refusals. Each message says what to do.
  /** The request names another network (devnet, testnet, mainnet) than this contract's. */
  WrongChain: 'WRONG_CHAIN',
  /** The request names another contract. */
  WrongContract: 'WRONG_CONTRACT',
  /** The request's deadline has passed. */
  RequestExpired: 'REQUEST_EXPIRED',
  /** The request's deadline is further ahead than the contract accepts. */
  DeadlineTooFar: 'DEADLINE_TOO_FAR',
  /** The request's nonce was already used by this account: a replay. */
  NonceAlreadyUsed: 'NONCE_ALREADY_USED',
  /** No account with that id, credential or wallet. */
  AccountNotFound: 'ACCOUNT_NOT_FOUND',
  /** The signer is not one of the account's passkeys or bound wallets. */
  UnknownSigner: 'UNKNOWN_SIGNER',
  /** The signer's kind may not perform this action (see the policy table). */
  ActionNotAllowed: 'ACTION_NOT_ALLOWED',
  /** Supply or Borrow before a wallet is bound. */
  WalletNotBound: 'WALLET_NOT_BOUND',
  /** Borrow by passkey to an address that is not bound needs the bound wallet's co-signature. */
  CosignatureRequired: 'COSIGNATURE_REQUIRED',
  /** The co-signature is missing, not from a bound wallet, or not over this request. */
  InvalidCosignature: 'INVALID_COSIGNATURE',
  /** The binding proof does not name this account, contract, network, wallet and nonce. */
  InvalidBindingProof: 'INVALID_BINDING_PROOF',
  /** The wallet is already bound (to this or another account). */
  WalletAlreadyBound: 'WALLET_ALREADY_BOUND',
  /** The passkey credential already controls an account. */
  CredentialInUse: 'CREDENTIAL_IN_USE',
  /** Removing it would leave the account with no control method. */
  LastControlMethod: 'LAST_CONTROL_METHOD',
  /** A passkey or wallet added less than the contract's security period ago may not yet do this (remove an older method, move assets). */
  InSecurityPeriod: 'IN_SECURITY_PERIOD',
  /** The credential id belonged to a passkey that was removed; a removed credential can never be registered again. */
  CredentialRetired: 'CREDENTIAL_RETIRED',
  /** Account creation without a valid proof that the creator holds the passkey's private key. */
  InvalidCreationProof: 'INVALID_CREATION_PROOF',
  /** The passkey's signature counter did not increase since its last use: a cloned authenticator, or a replay. */
  SignCountRegressed: 'SIGN_COUNT_REGRESSED',
  /** The passkey ceremony ran inside a page (topOrigin) that is not on the contract's partner allowlist. */
  TopOriginNotAllowed: 'TOP_ORIGIN_NOT_ALLOWED',
  /** The site a request names (the partner page it was made on) is not on the contract's partner allowlist. */
  SiteNotAllowed: 'SITE_NOT_ALLOWED',
  /** The passkey approved the request inside another page (topOrigin) than the site the request names. */
  SiteMismatch: 'SITE_MISMATCH',
  /** The sign-in assertion does not verify against the key the chain holds for that passkey: nothing was signed in. */
  SignInFailed: 'SIGN_IN_FAILED',
  /** No market for that asset. */
  UnknownAsset: 'UNKNOWN_ASSET',
  /** The asset cannot be sent to that chain. */
  UnsupportedDestination: 'UNSUPPORTED_DESTINATION',
  /** The address is not valid on its chain. */
  InvalidAddress: 'INVALID_ADDRESS',
  /** Not enough wallet balance, supplied, or collateral for the amount. */
  InsufficientFunds: 'INSUFFICIENT_FUNDS',
  /** Repay with no debt in that asset. */
  NothingToRepay: 'NOTHING_TO_REPAY',
  /** An amount is not a positive decimal in the asset's units, or has more decimals than the asset. */
  InvalidAmount: 'INVALID_AMOUNT',
  /** A theme from the host is not exactly the schema (hex colors, a radius, a font from the list). */
  InvalidTheme: 'INVALID_THEME',
  /** A signed operation is still on its way to the chain; it is finished (or expires) before another starts. */
  OperationPending: 'OPERATION_PENDING',
  /** The amount is too small to be represented in the pool (rounds to zero shares). */
  AmountTooSmall: 'AMOUNT_TOO_SMALL',
  /** The pool does not hold enough of the asset to lend. */
  InsufficientLiquidity: 'INSUFFICIENT_LIQUIDITY',
  /** The operation would leave the health factor below 1.0. */
  HealthFactorTooLow: 'HEALTH_FACTOR_TOO_LOW',
  /** The caller may not call this host method (oracle, bridge, owner). */
  Unauthorized: 'UNAUTHORIZED',
  /** An account is at one of its storage caps (passkeys, wallets, removed passkeys, requests in flight). */
  LimitReached: 'LIMIT_REACHED',
  /** The NEAR attached (or an account's storage stake) does not cover the storage the change needs. */
  InsufficientStorageDeposit: 'INSUFFICIENT_STORAGE_DEPOSIT',
  /** The contract's own balance cannot stake its state after the change; the operator must fund it. */
  ContractStorageExhausted: 'CONTRACT_STORAGE_EXHAUSTED',
  /** The contract build cannot check this kind of signature, so it refuses the request (fail closed). */
  VerificationUnavailable: 'VERIFICATION_UNAVAILABLE',
  // The relayer's own refusals.
  /** Too many requests from this client or for this account; retry after `Retry-After` seconds. */
  RateLimited: 'RATE_LIMITED',
  /** The chain's RPC did not answer, or answered with a server error, after the retries. */
  ChainUnavailable: 'CHAIN_UNAVAILABLE',
  /** The request body is larger than the relayer accepts. */
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  /** No such route, or the route does not serve that HTTP method. */
  RouteNotFound: 'ROUTE_NOT_FOUND',
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
