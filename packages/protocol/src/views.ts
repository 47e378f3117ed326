import type { WalletChain } from './chains'
import type { WireError } from './errors'
import type { PendingAccessChange } from './messenger/schema'
import type { ChainId } from './request/envelope'

/**
 * The contract's public views as JSON, typed once: the contract writes them, the wallet reads
 * them to explain an operation, and the element shows them. Amounts are integer strings in the
 * asset's smallest unit; prices and rates are decimal strings.
 */

/** One asset of an account's position. */
export type AssetPositionView = {
  asset: string
  decimals: number
  /** Deposited and not in the pool: what Supply and Repay spend. */
  balance: string
  supplied: string
  collateral: string
  borrowed: string
  priceUsd: string
  supplyApr: string
  borrowApr: string
}

/** An account's standing across all markets (`get_position`). */
export type PositionView = {
  accountId: string
  assets: AssetPositionView[]
  collateralUsd: string
  borrowLimitUsd: string
  debtUsd: string
  /** e.g. "1.84"; null with no debt. */
  healthFactor: string | null
}

/** One market (`get_markets`). */
export type MarketView = {
  asset: string
  decimals: number
  /** The chains the asset arrives from and can be borrowed to. */
  chains: WalletChain[]
  priceUsd: string
  collateralFactor: string
  cash: string
  totalSupplied: string
  totalBorrowed: string
  reserves: string
}

/** An outbound transfer a Borrow records, before it has an id (`preview`). */
export type PlannedTransfer = { asset: string; amount: string; chain: WalletChain; address: string }

/** What a request's actions would do (`preview`): the position before and after, or the refusal they would meet. */
export type PreviewView = { ok: true; before: PositionView; after: PositionView; transfers: PlannedTransfer[] } | { ok: false; before: PositionView; error: WireError }

/** A transfer out that a Borrow recorded: the asset arrives at `address` on `chain`. */
export type TransferView = { id: number; requestId: string; accountId: string; asset: string; amount: string; chain: WalletChain; address: string; atMs: number; blockHeight: number }

/** What `execute` returns for a request. The new position is a view away (`get_position`). */
export type ExecutionOutcome = {
  requestId: string
  accountId: string
  blockHeight: number
  /** Assets this request sent out to other chains (Borrow). */
  transfers: TransferView[]
}

/** Where a signed request stands at the relayer: `POST /v1/requests` and `GET /v1/requests/:id`. */
export type RequestStatusView = {
  requestId: string
  status: 'pending' | 'final' | 'failed' | 'unknown'
  /** Absent when the relayer learned the outcome from the chain's record alone. */
  transactionHash?: string
  blockHeight?: number
  outcome?: ExecutionOutcome
  error?: WireError
}

/**
 * One action of an executed request, as history shows it: what it did, never its proofs.
 * Amounts are integer strings in the asset's smallest unit.
 */
export type ActionSummary = {
  type: 'supply' | 'repay' | 'adjust' | 'borrow' | 'add_wallet' | 'add_passkey' | 'remove_passkey' | 'remove_wallet'
  asset?: string
  amount?: string
  collateral?: boolean
  direction?: 'to-collateral' | 'to-supplied'
  chain?: WalletChain
  address?: string
  credentialId?: string
}

/** An executed request of an account (`get_account_requests`), newest first. */
export type AccountRequestView = { requestId: string; blockHeight: number; atMs: number; actions: ActionSummary[] }

/** The contract's configuration (`get_config`), as the relayer's cheap checks read it. */
export type ContractConfigView = {
  contractId: string
  chainId: ChainId
  owner: string
  /** Passkey assertions must be for this RP ID (the wallet's domain)... */
  rpId: string
  /** ...come from one of these wallet origins... */
  walletOrigins: string[]
  /** ...and, made inside a page, inside one of these partner sites (clientData.topOrigin). */
  partnerOrigins: string[]
  /** A request's deadline may be at most this far past the block time. */
  maxDeadlineWindowMs: number
  /** How long a newly added passkey or wallet stays probationary. */
  securityPeriodMs: number
}

/** A wallet bound to an account, as `get_account` shows it. `first` marks the wallet the passkey bound first. */
export type BoundWalletView = { chain: WalletChain; address: string; publicKey?: string; boundAtMs: number; maturesAtMs?: number; first?: true }

/** An account (`get_account`, by credential, by wallet): public data only. */
export type AccountView = {
  id: string
  createdAtMs: number
  /** `maturesAtMs`: set on passkeys added after the account was created (the end of their security period). */
  passkeys: { credentialId: string; publicKey: string; addedAtMs: number; maturesAtMs?: number }[]
  wallets: BoundWalletView[]
  /** True once at least one external wallet is bound. */
  bound: boolean
  /** Passkeys and wallets still in their security period at the view's time, soonest to mature first. */
  pending: PendingAccessChange[]
}

/** A request the contract executed (`get_request`), while its record is kept. */
export type ExecutedRequestView = { requestId: string; accountId: string; nonce: string; blockHeight: number; atMs: number; actions: string[]; transfers: TransferView[] }

/** What the contract asks callers to attach for the storage they add (`get_storage_costs`), yoctoNEAR strings and the account's bounds. */
export type StorageCostsView = { byte_cost: string; account_stake: string; deposit_ref_stake: string; max_live_nonces: number }
