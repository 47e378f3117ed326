import type { WalletChain } from '@crosschain-lending/protocol'
import { base64 } from '@scure/base'
import { type DevWallet, createDevWallet } from '../signers/dev-wallets'

export type DevWalletKeyOptions = {
  /** A 32-byte secret key; a fresh random one when absent. */
  secretKey?: Uint8Array
  /**
   * Keep the key in this page's localStorage under `ccl-dev-wallet:<chain>`, so a reload keeps
   * the same wallet (the bound wallet is the account's recovery path). Default false.
   */
  persist?: boolean
  /** A named NEAR account for the key instead of its implicit account. */
  nearAccountId?: string
  /**
   * Which of several wallets of one chain this is (its name), so each keeps its own key under
   * `ccl-dev-wallet:<chain>:<slot>`. Unset: the chain's one wallet, `ccl-dev-wallet:<chain>`.
   */
  slot?: string
}

/** The dev wallet's key: given, kept from an earlier visit, or new. */
export function devWalletKey(chain: WalletChain, options: DevWalletKeyOptions): DevWallet {
  const storageKey = options.slot ? `ccl-dev-wallet:${chain}:${options.slot}` : `ccl-dev-wallet:${chain}`
  let secret = options.secretKey
  if (!secret && options.persist) {
    const kept = localStorage.getItem(storageKey)
    if (kept) secret = base64.decode(kept)
  }
  secret ??= crypto.getRandomValues(new Uint8Array(32))
  if (options.persist) localStorage.setItem(storageKey, base64.encode(secret))
  return createDevWallet(chain, secret, options.nearAccountId ? { nearAccountId: options.nearAccountId } : {})
}

/** An icon a wallet list can show: a colored square with the chain's letter. */
export function devWalletIcon(letter: string, color: string): `data:image/svg+xml;base64,${string}` {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="${color}"/><text x="16" y="22" font-family="sans-serif" font-size="16" text-anchor="middle" fill="#fff">${letter}</text></svg>`
  return `data:image/svg+xml;base64,${btoa(svg)}`
}

/** A wallet's id from its name, for a second wallet of a chain (announced ids must differ). */
export const devWalletSlug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-')
