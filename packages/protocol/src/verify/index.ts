/**
 * Signature verification that is safe to load in a browser. The Node.js P-256 backend lives in
 * `./p256-node` and is deliberately not re-exported here: it imports `node:crypto`.
 */
export {
  VerificationError,
  VerificationErrorCode,
  isVerificationError,
  type VerificationErrorParameters,
} from './errors'
export {
  verifyPasskeyAssertion,
  type VerifyPasskeyAssertionErrorType,
  type VerifyPasskeyAssertionParameters,
  type VerifyPasskeyAssertionReturnType,
} from './passkey-assertion'
export { AuthenticatorFlag, parseAuthenticatorData, type AuthenticatorData, type ParseAuthenticatorDataErrorType } from './authenticator-data'
export { parseClientDataJSON, type ClientData, type ParseClientDataJSONErrorType } from './client-data'
export { assertP256PublicKey, type AssertP256PublicKeyErrorType } from './p256-public-key'
export {
  decodeP256Signature,
  formatP256Signature,
  isHighS,
  normalizeP256Signature,
  p256Order,
  parseP256Signature,
  type FormatP256SignatureErrorType,
  type NormalizeP256SignatureErrorType,
  type ParseP256SignatureErrorType,
} from './p256-signature'
export { decodeDerSignature, encodeDerSignature, type EcdsaScalars } from './der'
export { getP256Verifier, nobleP256Verifier, setP256Verifier, type P256Verifier } from './p256-verifier'
export {
  verifyWalletSignature,
  walletChains,
  type VerifyWalletSignatureErrorType,
  type VerifyWalletSignatureParameters,
  type VerifyWalletSignatureReturnType,
  type TextSigningChain,
  type WalletChain,
} from './wallet-signature'
export {
  hashWalletTypedData,
  parseEvmAddress,
  verifyEvmTypedDataSignature,
  type VerifyEvmTypedDataSignatureParameters,
  type VerifyEvmSignatureErrorType,
  type VerifyEvmSignatureReturnType,
} from './evm'
export {
  verifySolanaSignature,
  type VerifySolanaSignatureErrorType,
  type VerifySolanaSignatureParameters,
  type VerifySolanaSignatureReturnType,
} from './solana'
export {
  hashNep413Payload,
  nep413Tag,
  parseNearEd25519PublicKey,
  serializeNep413Payload,
  verifyNep413Signature,
  type Nep413Fields,
  type Nep413Payload,
  type SerializeNep413PayloadErrorType,
  type VerifyNep413SignatureErrorType,
  type VerifyNep413SignatureParameters,
  type VerifyNep413SignatureReturnType,
} from './near-nep413'
export { isNearImplicitAccountId, isValidNearAccountId } from './near-account-id'
export {
  hashSep53Message,
  verifyStellarSignature,
  type VerifyStellarSignatureErrorType,
  type VerifyStellarSignatureParameters,
  type VerifyStellarSignatureReturnType,
} from './stellar-sep53'
export { decodeStellarAddress, encodeStellarAddress, type DecodeStellarAddressErrorType } from './stellar-strkey'
export { type WalletMessage } from './wallet-message'
