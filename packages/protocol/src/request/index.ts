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
export { verifyPasskeyProof, verifyWalletProof, type BoundWalletKey, type PasskeyProofResult, type ProofContext } from './verify-proof'
export {
  accountCreationChallenge,
  accountCreationDomain,
  encodeAccountCreation,
  parseAccountCreationProof,
  type AccountCreationFields,
  type AccountCreationProof,
} from './account-creation'
export { walletMessage, walletRequestRole, type WalletMessageRole } from './wallet-messages'
export { isCancellation, isOlder, isProbationary, timeLeft, type MethodTimes } from './security-period'
