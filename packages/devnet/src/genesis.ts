/**
 * The local chain's starting state. Every key here is derived from a public string, so anyone
 * can reproduce it: these accounts exist only on this development chain and must never hold
 * anything of value. A real deployment configures its own keys (docs/operate.md).
 */
export const devnetChainId = 'devnet'
export const devnetContractId = 'lending.devnet'
export const devnetRelayerAccountId = 'relayer.devnet'
export const devnetOwnerAccountId = 'owner.devnet'
// The keys live in their own module, so the relayer can use them without carrying the chain.
export { type DevnetKey, devnetOwnerKey, devnetRelayerKeyCount, devnetRelayerKeys } from '@crosschain-lending/dev-keys'

/** The security period of a new passkey or wallet unless configured: 48 hours. */
export const defaultSecurityPeriodMs = 48 * 60 * 60 * 1000

/** What a local chain's contract is configured with; anything left out takes the demo's value. */
export type DevnetContractOptions = { rpId?: string; walletOrigins?: string[]; partnerOrigins?: string[]; securityPeriodMs?: number }

/**
 * The lending contract's `new` arguments (its ABI's `ConfigArgs`) on the local chain. The owner
 * account is also the oracle and the bridge here, so the dev faucet and price tool sign as one
 * account; a real deployment names three (docs/operate.md).
 */
export type LendingInitArgs = {
  chainId: string
  owner: string
  oracle: string
  bridge: string
  rpId: string
  walletOrigins: string[]
  partnerOrigins: string[]
  maxDeadlineWindowMs: number
  securityPeriodMs: number
}

/** The contract's configuration on the local chain, given where the wallet origin and the partner sites run. */
export function devnetContractConfig(options: DevnetContractOptions = {}): LendingInitArgs {
  return {
    chainId: devnetChainId,
    owner: devnetOwnerAccountId,
    oracle: devnetOwnerAccountId,
    bridge: devnetOwnerAccountId,
    rpId: options.rpId ?? 'localhost',
    walletOrigins: options.walletOrigins ?? ['http://localhost:5174'],
    maxDeadlineWindowMs: 60 * 60 * 1000,
    // The demo partner site (pnpm start) unless told otherwise.
    partnerOrigins: options.partnerOrigins ?? ['http://127.0.0.1:5173'],
    securityPeriodMs: options.securityPeriodMs ?? defaultSecurityPeriodMs,
  }
}
