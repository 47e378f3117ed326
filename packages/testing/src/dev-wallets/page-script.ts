/**
 * The development wallets as one classic script, for pages a test runner or server does not
 * build: Playwright's context init scripts (which reach popups too), and the wallet server's
 * `CCL_DEV_WALLETS=1` opt-in. Reads its options from `window.__cclDevWalletOptions` (keys as
 * hex) and installs only where an extension's wallets matter: the wallet origin's own
 * external-wallet window (`/wallet-window.html`), a top-level page. Never in a frame (init
 * scripts run in frames too), never in the partner page, whose wallets the wallet never asks.
 */
import type { WalletChain } from '@crosschain-lending/protocol'
import { hexToBytes } from '@noble/hashes/utils.js'
import { type InstalledDevWallets, installDevWallets } from './index'

/** The wallet window's path on the wallet origin (the wallet's wallet-window/messages.ts names the same). */
export const walletWindowPath = '/wallet-window.html'

type PageOptions = { chains?: WalletChain[]; persist?: boolean; secretKeys?: Partial<Record<WalletChain, string>> }
const page = window as Window & { __cclDevWalletOptions?: PageOptions; cclDevWallets?: InstalledDevWallets }

if (window.top === window && location.pathname === walletWindowPath && !page.cclDevWallets) {
  const options = page.__cclDevWalletOptions ?? {}
  const secretKeys = Object.fromEntries(Object.entries(options.secretKeys ?? {}).map(([chain, hex]) => [chain, hexToBytes(hex)]))
  page.cclDevWallets = installDevWallets({ ...options, secretKeys })
}
