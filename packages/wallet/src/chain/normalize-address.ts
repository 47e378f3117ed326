import type { WalletChain } from '@crosschain-lending/protocol'

/**
 * The protocol's `normalizeAddress`, loaded when an address is first checked: it carries each
 * chain's address codec (EIP-55 hashing among them), which the wallet's first load does without.
 */
export async function normalizeAddress(chain: WalletChain, address: string): Promise<string> {
  const addresses = await import('@crosschain-lending/protocol/addresses')
  return addresses.normalizeAddress(chain, address)
}
