import type { ExternalChain } from '@crosschain-lending/protocol/messenger'
import { eip6963Source } from './connectors/evm'
import { nearInjectedSource } from './connectors/near'
import { walletStandardSource } from './connectors/solana'
import { freighterSource } from './connectors/stellar'
import type { InjectedWallet, WalletSource } from './connectors/types'

/**
 * The wallets of `chain` that the browser's extensions injected into this window, found the way
 * each ecosystem announces them (EIP-6963, the Wallet Standard, NEAR Connect, Freighter). Only
 * this window runs the connectors (connectors/): the host page's own wallets are never asked.
 */
export function discoverWallets(chain: ExternalChain): Promise<InjectedWallet[]> {
  const sources: Record<ExternalChain, () => WalletSource> = {
    evm: () => eip6963Source(),
    solana: () => walletStandardSource(),
    near: () => nearInjectedSource(),
    stellar: () => freighterSource(),
  }
  return sources[chain]().discover()
}

export type { InjectedWallet }
