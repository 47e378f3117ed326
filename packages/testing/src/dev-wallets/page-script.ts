/**
 * The development wallets as one classic script, for test runners that add scripts to pages
 * they do not build (Playwright's `addInitScript`). Reads its options from
 * `window.__cclDevWalletOptions` (keys as hex) and installs into the top page only: init scripts
 * also run in frames, and the wallet iframe must never get page wallets.
 */
import type { WalletChain } from '@crosschain-lending/protocol'
import { hexToBytes } from '@noble/hashes/utils.js'
import { type InstalledDevWallets, installDevWallets } from './index'

type PageOptions = { chains?: WalletChain[]; persist?: boolean; secretKeys?: Partial<Record<WalletChain, string>> }
const page = window as Window & { __cclDevWalletOptions?: PageOptions; cclDevWallets?: InstalledDevWallets }

if (window.top === window && !page.cclDevWallets) {
  const options = page.__cclDevWalletOptions ?? {}
  const secretKeys = Object.fromEntries(Object.entries(options.secretKeys ?? {}).map(([chain, hex]) => [chain, hexToBytes(hex)]))
  page.cclDevWallets = installDevWallets({ ...options, secretKeys })
}
