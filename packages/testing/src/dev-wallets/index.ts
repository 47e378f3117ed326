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

/**
 * One wallet to install, as one extension would be. Several of one chain (two EVM wallets, as a
 * person with MetaMask and Rabby has) announce themselves separately, each under its own name;
 * Stellar has one, Freighter's page protocol being a single global.
 */
export type DevWalletSpec = {
  chain: WalletChain
  /** Its name in wallet lists; the chain's default ("Dev EVM Wallet") when unset. */
  name?: string
  /** Its fixed 32-byte key; kept or fresh otherwise (see `persist`). */
  secretKey?: Uint8Array
}

export type InstallDevWalletsOptions = Omit<DevWalletKeyOptions, 'secretKey' | 'slot'> & {
  /** Which chains get a wallet; all four by default. Ignored when `wallets` is given. */
  chains?: readonly WalletChain[]
  /** A fixed 32-byte key per chain (the same wallet on another device, in a test). */
  secretKeys?: Partial<Record<WalletChain, Uint8Array>>
  /**
   * Exactly these wallets instead of one per chain: several of a chain, or none at all (`[]`,
   * a browser with no wallet installed).
   */
  wallets?: readonly DevWalletSpec[]
}

const installers = { evm: installEvmDevWallet, solana: installSolanaDevWallet, near: installNearDevWallet, stellar: installStellarDevWallet }

/**
 * Installs the development wallets: `wallets` as listed, else one for each chain given (all four
 * by default). The returned record holds the first wallet of each chain.
 */
export function installDevWallets(options: InstallDevWalletsOptions = {}): InstalledDevWallets {
  const { chains = ['evm', 'solana', 'near', 'stellar'], secretKeys = {}, wallets, ...keyOptions } = options
  const specs: readonly DevWalletSpec[] = wallets ?? chains.map((chain) => ({ chain, ...(secretKeys[chain] ? { secretKey: secretKeys[chain] } : {}) }))
  const installed: InstalledDevWallets = {}
  for (const { chain, name, secretKey } of specs) {
    const wallet = installers[chain]({ ...keyOptions, ...(secretKey ? { secretKey } : {}), ...(name ? { name, slot: name } : {}) })
    ;(installed as Record<WalletChain, unknown>)[chain] ??= wallet
  }
  return installed
}
