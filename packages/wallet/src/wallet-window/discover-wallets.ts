import type { ExternalChain } from '@crosschain-lending/protocol/messenger'
import { eip6963Source, freighterSource, nearInjectedSource, walletStandardSource } from '@crosschain-lending/widget/connectors'
import type { InjectedWallet, WalletSource } from '@crosschain-lending/widget/connectors'

/**
 * The wallets of `chain` that the browser's extensions injected into this window, found the way
 * each ecosystem announces them (EIP-6963, the Wallet Standard, NEAR Connect, Freighter). The
 * discovery code is the element's own connector modules, imported, not copied: the same code
 * finds the same wallets, now in a top-level page of the wallet origin instead of the host page.
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
