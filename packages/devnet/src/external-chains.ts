import { type WalletChain, encodeStellarAddress, toBase58, walletChains } from '@crosschain-lending/protocol'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import { getAddress } from 'viem'

/**
 * The other chains, simulated at the devnet's edge. Each account has a deposit address on each
 * chain (derived from its id, so it never changes); a deposit to it credits the account's
 * balance, as a bridge would after confirmations. Borrow's transfers out are read from the
 * contract's outbound ledger.
 */
export function depositAddress(accountId: string, chain: WalletChain): string {
  const digest = sha256(utf8ToBytes(`crosschain-lending/devnet/deposit/${chain}/${accountId}`))
  switch (chain) {
    case 'evm':
      return getAddress(`0x${bytesToHex(digest.subarray(0, 20))}`)
    case 'solana':
      return toBase58(digest)
    case 'near':
      return bytesToHex(digest)
    case 'stellar':
      return encodeStellarAddress(digest)
  }
}

export function depositAddresses(accountId: string): Record<WalletChain, string> {
  return Object.fromEntries(walletChains.map((chain) => [chain, depositAddress(accountId, chain)])) as Record<WalletChain, string>
}
