export { actionTypes, parseAction, type Action, type ActionType, type AssetSymbol, type BindingProof, type ExternalAddress } from './actions'
export { bindingMessage, parseBindingMessage, type BindingMessageFields } from './binding-message'
export {
  chainIds,
  encodeRequest,
  maxActions,
  maxPayloadBytes,
  parseRequest,
  parseSignedRequest,
  parseWalletProof,
  requestChallenge,
  requestDomain,
  requestId,
  type ChainId,
  type PasskeyProof,
  type RequestFields,
  type RequestSigner,
  type SignedRequest,
  type WalletProof,
} from './envelope'
export { actionPolicy, policyDecision, type PolicyDecision, type PolicyRow, type SignerKind } from './action-policy'
export { assertSiteAllowed, verifyPasskeyProof, type PasskeyProofResult, type ProofContext } from './verify-proof'
export { verifySignable, verifyWalletProof, type BoundWalletKey, type VerifySignableParameters } from './verify-wallet-proof'
export {
  accountCreationChallenge,
  accountCreationDomain,
  encodeAccountCreation,
  parseAccountCreationProof,
  type AccountCreationFields,
  type AccountCreationProof,
} from './account-creation'
export { walletMessage } from './wallet-messages'
export { roleHeadings, walletRequestRole, type WalletMessageRole, type WalletSignatureRole } from './wallet-roles'
export { actionFacts, actionText, deadlineText, type ActionFacts } from './message-facts'
export { bindingTypedData, walletPrimaryTypes, walletTypedData, walletTypedDataDomain, type TypedDataField, type WalletTypedData } from './typed-data'
export { parseWalletTypedData, typedDataText, viewTypedData, type TypedDataEntry, type TypedDataView } from './typed-data-view'
export { bindingSignable, requestSignable, type WalletSignable } from './wallet-signable'
export { isCancellation, isOlder, isProbationary, timeLeft, type MethodTimes } from './security-period'
