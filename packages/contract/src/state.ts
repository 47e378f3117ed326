import type { ActionSummary, ChainId, WalletChain } from '@crosschain-lending/protocol'
import type { Market } from './markets'

/** What the contract is deployed with. */
export type ContractConfig = {
  contractId: string
  chainId: ChainId
  /** The NEAR account allowed to call host methods: price updates and inbound deposits. */
  owner: string
  /** Passkey assertions must be for this RP ID (the wallet's domain)... */
  rpId: string
  /** ...and come from one of these wallet origins. */
  walletOrigins: string[]
  /** A request's deadline may be at most this far past the block time. */
  maxDeadlineWindowMs: number
  /**
   * The partner sites allowed to embed the wallet: a passkey assertion made inside a page
   * (clientData.topOrigin) must come from one of them. Empty refuses every embedded assertion.
   */
  partnerOrigins: string[]
  /** How long a newly added passkey or wallet stays probationary (see docs/contract.md#security-period). */
  securityPeriodMs: number
}

/** The security period when a configuration (or state saved before it existed) does not set one: 48 hours. */
export const defaultSecurityPeriodMs = 48 * 60 * 60 * 1000

/**
 * A passkey on an account. `maturesAtMs` is set on passkeys added to an existing account: until
 * then the passkey is probationary. `signCount` is the authenticator's counter at its last use.
 */
export type Passkey = { credentialId: string; publicKey: string; userHandle?: string; addedAtMs: number; maturesAtMs?: number; signCount?: number }

/**
 * A bound wallet. `maturesAtMs`: probationary until then. `first`: the account's first wallet,
 * bound by its passkey, which may take part in Borrow during its security period (but not remove
 * the older passkey).
 */
export type BoundWallet = { chain: WalletChain; address: string; publicKey?: string; boundAtMs: number; maturesAtMs?: number; first?: true }

/** One asset in one account, all in the asset's smallest unit or in pool shares. */
export type Position = { balance: bigint; supplyShares: bigint; collateralShares: bigint; debtScaled: bigint }

export type Account = {
  id: string
  createdAtMs: number
  passkeys: Passkey[]
  wallets: BoundWallet[]
  /** Used nonces with their request's deadline; pruned once the deadline has passed. */
  usedNonces: Map<string, number>
  positions: Map<string, Position>
}

/** A Borrow's transfer out to an external chain. */
export type OutboundTransfer = {
  id: number
  requestId: string
  accountId: string
  asset: string
  amount: bigint
  chain: WalletChain
  address: string
  atMs: number
  blockHeight: number
}

/** An executed request, by id: the chain's record that the relayer's idempotency relies on. */
export type RequestRecord = {
  requestId: string
  accountId: string
  nonce: string
  blockHeight: number
  atMs: number
  actions: string[]
  /** What each action did, for the account's history (absent in records from before it was kept). */
  summary?: ActionSummary[]
}

/** Per asset: what came in from other chains and what went out, for conservation checks. */
export type AssetTotals = { deposited: bigint; sentOut: bigint }

/** The state's layout version: 2 added the security period, sign counters, tombstones and the partner allowlist. */
export const stateVersion = 2

export type ContractState = {
  version: number
  config: ContractConfig
  markets: Map<string, Market>
  accounts: Map<string, Account>
  byCredential: Map<string, string>
  /** Credential ids of removed passkeys: never registered again (their ids are public in history). */
  retiredCredentials: Set<string>
  /** `chain:address` of each bound wallet → account id. */
  byWallet: Map<string, string>
  requests: Map<string, RequestRecord>
  /** Each account's request ids, oldest first: its history is read without scanning everyone's requests. */
  requestsByAccount: Map<string, string[]>
  depositRefs: Set<string>
  outbound: OutboundTransfer[]
  totals: Map<string, AssetTotals>
}

export const walletKey = (chain: WalletChain, address: string) => `${chain}:${address}`

export function emptyPosition(): Position {
  return { balance: 0n, supplyShares: 0n, collateralShares: 0n, debtScaled: 0n }
}

/**
 * State as JSON, for the chain's persistence: bigint, Map and Set are tagged so they come back
 * as themselves. Keys that came from users live in Maps, never in plain objects, so a key like
 * `__proto__` is just a key.
 */
export function serializeState(state: ContractState): string {
  return JSON.stringify(state, (_key, value: unknown) => {
    if (typeof value === 'bigint') return { $bigint: value.toString() }
    if (value instanceof Map) return { $map: [...value.entries()] }
    if (value instanceof Set) return { $set: [...value.values()] }
    return value
  })
}

export function deserializeState(json: string): ContractState {
  const state = JSON.parse(json, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const tagged = value as { $bigint?: string; $map?: [unknown, unknown][]; $set?: unknown[] }
      if (typeof tagged.$bigint === 'string') return BigInt(tagged.$bigint)
      if (Array.isArray(tagged.$map)) return new Map(tagged.$map)
      if (Array.isArray(tagged.$set)) return new Set(tagged.$set)
    }
    return value
  }) as Omit<ContractState, 'requestsByAccount' | 'retiredCredentials' | 'version'> & Partial<Pick<ContractState, 'requestsByAccount' | 'retiredCredentials' | 'version'>>
  return {
    ...state,
    version: stateVersion,
    config: withConfigDefaults(state.config),
    // State saved before the index existed: it is derived from the requests, which are in order.
    requestsByAccount: state.requestsByAccount ?? indexRequestsByAccount(state.requests),
    // State saved before tombstones existed: every removal history recorded is one.
    retiredCredentials: state.retiredCredentials ?? retiredInHistory(state.requests),
  }
}

/**
 * A configuration saved before a field existed gets its safe value: the default security
 * period, and no partner sites (so embedded assertions are refused until the owner lists them).
 */
export function withConfigDefaults(config: Omit<ContractConfig, 'partnerOrigins' | 'securityPeriodMs'> & Partial<ContractConfig>): ContractConfig {
  return { ...config, partnerOrigins: config.partnerOrigins ?? [], securityPeriodMs: config.securityPeriodMs ?? defaultSecurityPeriodMs }
}

/** Credential ids that history shows were removed (records from before summaries were kept name none). */
function retiredInHistory(requests: Map<string, RequestRecord>): Set<string> {
  const retired = new Set<string>()
  for (const record of requests.values()) {
    for (const action of record.summary ?? []) if (action.type === 'remove_passkey' && action.credentialId) retired.add(action.credentialId)
  }
  return retired
}

/** Each account's request ids in the order the requests executed. */
function indexRequestsByAccount(requests: Map<string, RequestRecord>): Map<string, string[]> {
  const index = new Map<string, string[]>()
  for (const record of requests.values()) addAccountRequest(index, record.accountId, record.requestId)
  return index
}

/** Appends an executed request to its account's entry in the index. */
export function addAccountRequest(index: Map<string, string[]>, accountId: string, requestId: string): void {
  const ids = index.get(accountId)
  if (ids) ids.push(requestId)
  else index.set(accountId, [requestId])
}
