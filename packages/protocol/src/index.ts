export {
  BaseError,
  ErrorCode,
  fromWireError,
  isErrorCode,
  toWireError,
  type BaseErrorParameters,
  type WireError,
} from './errors'
export { err, ok, toWireResult, unwrap, type WireResult } from './result'
export { contractErrorIn, formatContractError } from './contract-error-wire'
export { isOriginAllowed, parseOrigin } from './origins'
export { assertRpIdFor } from './rp-id'
export { bytesEqual, fromBase58, fromBase64Url, toBase58, toBase64Url } from './encoding'
export { compressP256Point, formatP256PublicKey, p256PointFromSpki, parseP256PublicKey } from './p256-key'
export { isValidAddress, normalizeAddress } from './addresses'
export { walletChainNames, walletChains, type WalletChain } from './chains'
export * from './request/index'
export * from './verify/index'
export { formatUnits, parseUnits } from './units'
export { assetDecimals, formatAssetAmount, knownAssets } from './assets'
export type { AccountRequestView, AccountView, ActionSummary, AssetPositionView, BoundWalletView, ContractConfigView, ExecutedRequestView, ExecutionOutcome, MarketView, PlannedTransfer, PositionView, PreviewView, RequestStatusView, StorageCostsView, TransferView } from './views'
export { setSha256, sha256, type Sha256 } from './hash'
export { accountIdFor } from './account-id'
