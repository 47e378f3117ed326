/**
 * Loaded on demand (its own chunk) the first time the wallet asks this page for one of its
 * wallets and the partner set no `walletConnector`: the injected-wallet connector, and the
 * chooser the element shows when a chain has several wallets.
 */
export { injectedWallets } from '../../connectors/injected-wallets'
export { renderWalletChooser, type WalletChoice } from './wallet-chooser-view'
