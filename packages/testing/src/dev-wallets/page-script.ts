/**
 * The development wallets as one classic script, for pages a test runner or server does not
 * build: the Playwright kit's `installDevWallets` (which puts it in the wallet window's HTML as
 * the page loads), and the wallet server's `CCL_DEV_WALLETS=1` opt-in. Reads its options from `window.__cclDevWalletOptions` (keys as
 * hex) and installs only where an extension's wallets matter: the wallet origin's own
 * external-wallet window (`/wallet-window.html`), a top-level page. Never in a frame (init
 * scripts run in frames too), never in the partner page, whose wallets the wallet never asks.
 */
import type { WalletChain } from '@crosschain-lending/protocol'
import { hexToBytes } from '@noble/hashes/utils.js'
import { type InstalledDevWallets, installDevWallets } from './index'

/** The wallet window's path on the wallet origin (the wallet's wallet-window/messages.ts names the same). */
export const walletWindowPath = '/wallet-window.html'

type PageOptions = {
  chains?: WalletChain[]
  persist?: boolean
  secretKeys?: Partial<Record<WalletChain, string>>
  wallets?: { chain: WalletChain; name?: string; secretKey?: string }[]
}
const page = window as Window & { __cclDevWalletOptions?: PageOptions; cclDevWallets?: InstalledDevWallets }

// The first installer wins (a test's, put before the wallet server's own): one set of wallets.
if (window.top === window && location.pathname === walletWindowPath && !page.cclDevWallets) {
  const { wallets, ...options } = page.__cclDevWalletOptions ?? {}
  const secretKeys = Object.fromEntries(Object.entries(options.secretKeys ?? {}).map(([chain, hex]) => [chain, hexToBytes(hex)]))
  page.cclDevWallets = installDevWallets({
    ...options,
    secretKeys,
    ...(wallets ? { wallets: wallets.map(({ secretKey, ...wallet }) => ({ ...wallet, ...(secretKey ? { secretKey: hexToBytes(secretKey) } : {}) })) } : {}),
  })
}
