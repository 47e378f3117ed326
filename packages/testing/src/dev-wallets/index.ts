/**
 * `@crosschain-lending/testing/dev-wallets`: development wallets for EVM, Solana, NEAR and
 * Stellar that install into a page the way extensions do (EIP-6963, the Wallet Standard, an
 * injected NEAR wallet, Freighter's page protocol), hold a real local key, show what they are
 * asked to sign and act only on a person's click. For demos and tests without extensions.
 */
import type { WalletChain } from '@crosschain-lending/protocol'
import { type EvmDevWallet, installEvmDevWallet } from './evm'
import type { DevWalletKeyOptions } from './keys'
import { type NearDevWallet, installNearDevWallet } from './near'
import { type SolanaDevWallet, installSolanaDevWallet } from './solana'
import { type StellarDevWallet, installStellarDevWallet } from './stellar'

export { installEvmDevWallet, installSolanaDevWallet, installNearDevWallet, installStellarDevWallet }
export type { DevWalletKeyOptions, EvmDevWallet, NearDevWallet, SolanaDevWallet, StellarDevWallet }
export { askPerson, openAsks, type DevWalletAsk } from './prompt'

export type InstalledDevWallets = { evm?: EvmDevWallet; solana?: SolanaDevWallet; near?: NearDevWallet; stellar?: StellarDevWallet }

export type InstallDevWalletsOptions = Omit<DevWalletKeyOptions, 'secretKey'> & {
  /** Which chains get a wallet; all four by default. */
  chains?: readonly WalletChain[]
  /** A fixed 32-byte key per chain (the same wallet on another device, in a test). */
  secretKeys?: Partial<Record<WalletChain, Uint8Array>>
}

/** Installs a development wallet for each chain given (all four by default). */
export function installDevWallets(options: InstallDevWalletsOptions = {}): InstalledDevWallets {
  const { chains = ['evm', 'solana', 'near', 'stellar'], secretKeys = {}, ...keyOptions } = options
  const forChain = (chain: WalletChain) => ({ ...keyOptions, ...(secretKeys[chain] ? { secretKey: secretKeys[chain] } : {}) })
  const installed: InstalledDevWallets = {}
  if (chains.includes('evm')) installed.evm = installEvmDevWallet(forChain('evm'))
  if (chains.includes('solana')) installed.solana = installSolanaDevWallet(forChain('solana'))
  if (chains.includes('near')) installed.near = installNearDevWallet(forChain('near'))
  if (chains.includes('stellar')) installed.stellar = installStellarDevWallet(forChain('stellar'))
  return installed
}
