import { BaseError, ErrorCode } from '@crosschain-lending/protocol'
import type { ExternalChain, ExternalSignatureRequest } from '@crosschain-lending/protocol/messenger'
import type { ExternalWalletConnector } from '../connector'
import { eip6963Source } from './evm'
import { walletNotFound } from './errors'
import { nearInjectedSource } from './near'
import { walletStandardSource } from './solana'
import { freighterSource } from './stellar'
import type { InjectedWallet, WalletChooser, WalletSource } from './types'

export type InjectedWalletsParameters = {
  /**
   * Picks among several wallets of one chain. Default: the first found. The element passes one
   * that asks the person in its own chooser.
   */
  choose?: WalletChooser | undefined
  /** Replaces the source of a chain (for example, a wallet-selector for NEAR). */
  sources?: Partial<Record<ExternalChain, WalletSource>> | undefined
}

export type InjectedWalletsReturnType = ExternalWalletConnector & {
  /** The wallets found on the page for `chain`, now. */
  available(chain: ExternalChain): Promise<InjectedWallet[]>
  /** Forgets the wallet chosen for `chain` (or all), so the next connect asks again. */
  disconnect(chain?: ExternalChain): void
}

/**
 * The connector for wallets the browser injects into the page: EIP-6963 for EVM, the Wallet
 * Standard for Solana, an injected NEP-413 wallet for NEAR, Freighter for Stellar. The wallet
 * chosen for a chain is kept, so the signature the panel asks for next comes from the same one.
 */
export function injectedWallets(parameters: InjectedWalletsParameters = {}): InjectedWalletsReturnType {
  const sources: Record<ExternalChain, WalletSource> = {
    evm: eip6963Source(),
    solana: walletStandardSource(),
    near: nearInjectedSource(),
    stellar: freighterSource(),
    ...parameters.sources,
  }
  const chosen = new Map<ExternalChain, InjectedWallet>()

  const pick = async (chain: ExternalChain): Promise<InjectedWallet> => {
    const kept = chosen.get(chain)
    if (kept) return kept
    const found = await sources[chain].discover()
    if (found.length === 0) throw walletNotFound(chain)
    const wallet = found.length === 1 || !parameters.choose ? found[0]! : await parameters.choose(chain, found)
    if (!found.includes(wallet)) {
      throw new BaseError({ code: ErrorCode.InvalidConfiguration, shortMessage: 'The wallet chooser returned a wallet that was not offered to it.' })
    }
    return wallet
  }

  return {
    available: (chain) => sources[chain].discover(),
    disconnect(chain) {
      if (chain) chosen.delete(chain)
      else chosen.clear()
    },
    async connect(chain) {
      chosen.delete(chain)
      const wallet = await pick(chain)
      const account = await wallet.connect()
      chosen.set(chain, wallet)
      return account
    },
    async signMessage(request: ExternalSignatureRequest) {
      // Co-signing or recovery after a reload: no connect happened in this page yet.
      const wallet = await pick(request.chain)
      const signed = await wallet.signMessage(request)
      chosen.set(request.chain, wallet)
      return signed
    },
  }
}
