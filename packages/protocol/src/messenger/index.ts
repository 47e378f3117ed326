export { walletChannel, defaultConnectTimeoutMs, defaultCallTimeoutMs } from './channel'
export { approvalPlace, methodPolicy, panelFlowPolicy, policyFor, type ApprovalPlace, type ApprovalStep, type MethodPolicy, type OperationApprovals } from './policy'
export {
  bindingWarning,
  isWalletEvent,
  type AccessToRemove,
  type AccountInfo,
  type PendingAccessChange,
  type ExternalChain,
  type ExternalSignatureRequest,
  type ExternalWalletAccount,
  type HostMethods,
  type SignedIn,
  type PasskeyInfo,
  type WalletEvent,
  type WalletMethodName,
  type WalletMethods,
  type WalletState,
} from './schema'
export { operationTypes, parseOperationRequest, type LendingSnapshot, type OperationPreview, type OperationReceipt, type OperationRequest, type OperationType } from './operations'
export { readableOn, resolveTheme, type ResolvedTheme } from './theme-tokens'
export { contrastRatio, luminance, minimumContrast, parseWalletTheme, themeColors, themeFonts, type ThemeColor, type ThemeFont, type WalletTheme } from './theme'
