/**
 * `@crosschain-lending/widget/connectors`: the host page's own wallets, for binding, co-signing
 * and recovery. The element loads `injectedWallets()` by itself when `walletConnector` is unset;
 * import from here to configure it, to use one chain's source alone, or to write your own.
 */
export { injectedWallets, type InjectedWalletsParameters, type InjectedWalletsReturnType } from './injected-wallets'
export { eip6963Source, type Eip6963SourceParameters } from './evm'
export { walletStandardSource, type WalletStandardSourceParameters } from './solana'
export { nearInjectedSource, type NearInjectedSourceParameters } from './near'
export { freighterSource, type FreighterSourceParameters } from './stellar'
export type { ExternalSignature, InjectedWallet, WalletChooser, WalletSource } from './types'
export type { ExternalWalletConnector } from '../connector'
