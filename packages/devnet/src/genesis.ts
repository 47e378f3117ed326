import { type ContractConfig, defaultSecurityPeriodMs } from '@crosschain-lending/contract'
import { toBase58 } from '@crosschain-lending/protocol'
import { ed25519 } from '@noble/curves/ed25519.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js'

/**
 * The local chain's starting state. Every key here is derived from a public string, so anyone
 * can reproduce it: these accounts exist only on this development chain and must never hold
 * anything of value. A real deployment configures its own keys (docs/operate.md).
 */
export const devnetChainId = 'devnet'
export const devnetContractId = 'lending.devnet'
export const devnetRelayerAccountId = 'relayer.devnet'
export const devnetOwnerAccountId = 'owner.devnet'
/**
 * How many access keys the relayer account starts with. The relayer keeps one transaction in
 * flight per key, so its concurrency is this number: enough for hundreds of requests a second
 * at the chain's block interval.
 */
export const devnetRelayerKeyCount = 64

/** A NEAR key pair in near-api-js's string forms. */
export type DevnetKey = { secretKey: `ed25519:${string}`; publicKey: `ed25519:${string}` }

function devKey(label: string): DevnetKey {
  const seed = sha256(utf8ToBytes(`crosschain-lending/devnet/${label}`))
  const publicKey = ed25519.getPublicKey(seed)
  // near-api-js writes an Ed25519 secret key as base58 of seed ‖ public key (64 bytes).
  return { secretKey: `ed25519:${toBase58(concatBytes(seed, publicKey))}`, publicKey: `ed25519:${toBase58(publicKey)}` }
}

export function devnetRelayerKeys(count = devnetRelayerKeyCount): DevnetKey[] {
  return Array.from({ length: count }, (_, index) => devKey(`relayer/${index}`))
}

export function devnetOwnerKey(): DevnetKey {
  return devKey('owner')
}

/** What a local chain's contract is configured with; anything left out takes the demo's value. */
export type DevnetContractOptions = { rpId?: string; walletOrigins?: string[]; partnerOrigins?: string[]; securityPeriodMs?: number }

/** The contract's configuration on the local chain, given where the wallet origin and the partner sites run. */
export function devnetContractConfig(options: DevnetContractOptions = {}): ContractConfig {
  return {
    contractId: devnetContractId,
    chainId: devnetChainId,
    owner: devnetOwnerAccountId,
    rpId: options.rpId ?? 'localhost',
    walletOrigins: options.walletOrigins ?? ['http://localhost:5174'],
    maxDeadlineWindowMs: 60 * 60 * 1000,
    // The demo partner site (pnpm start) unless told otherwise.
    partnerOrigins: options.partnerOrigins ?? ['http://127.0.0.1:5173'],
    securityPeriodMs: options.securityPeriodMs ?? defaultSecurityPeriodMs,
  }
}
