import type { AccountRequestView, Action, ExecutionOutcome, MarketView, PositionView, PreviewView, WalletChain } from '@crosschain-lending/protocol'
import type { PendingAccessChange } from '@crosschain-lending/protocol/messenger'
import type { WalletConfig } from '../config'
import { viewContract } from './contract-views'

/**
 * An account as the contract records it (`get_account`): public data only. The dates are the
 * security period's (docs/contract.md#security-period): a method is probationary until its
 * `maturesAtMs`; `first` marks the wallet the passkey bound first, which may take part in Borrow at once.
 */
export type AccountRecord = {
  id: string
  bound: boolean
  wallets: { chain: WalletChain; address: string; publicKey?: string; boundAtMs: number; maturesAtMs?: number; first?: true }[]
  passkeys: { credentialId: string; publicKey: string; addedAtMs: number; maturesAtMs?: number }[]
  /** Passkeys and wallets still in their security period (absent from chains older than the rule). */
  pending?: PendingAccessChange[]
}

/** The contract views the wallet reads, typed once. Every one is public chain data. */
export type LendingReads = {
  account(accountId: string): Promise<AccountRecord | null>
  accountByCredential(credentialId: string): Promise<AccountRecord | null>
  accountByWallet(chain: WalletChain, address: string): Promise<AccountRecord | null>
  markets(): Promise<MarketView[]>
  position(accountId: string): Promise<PositionView | null>
  /** What `actions` would do to the account, or the refusal they would meet; nothing is signed or changed. */
  preview(accountId: string, actions: Action[]): Promise<PreviewView>
  /** The account's executed requests, newest first. */
  accountRequests(accountId: string, limit?: number): Promise<AccountRequestView[]>
  /** The chain's record of an executed request, or null if it never executed. */
  executedRequest(requestId: string): Promise<(ExecutionOutcome & { nonce: string }) | null>
}

export function lendingReads(config: Pick<WalletConfig, 'rpcUrl' | 'contractId'>): LendingReads {
  return {
    account: (accountId) => viewContract(config, 'get_account', { account_id: accountId }),
    accountByCredential: (credentialId) => viewContract(config, 'get_account_by_credential', { credential_id: credentialId }),
    accountByWallet: (chain, address) => viewContract(config, 'get_account_by_wallet', { chain, address }),
    markets: () => viewContract(config, 'get_markets', {}),
    position: (accountId) => viewContract(config, 'get_position', { account_id: accountId }),
    preview: (accountId, actions) => viewContract(config, 'preview', { account_id: accountId, actions }),
    accountRequests: (accountId, limit = 20) => viewContract(config, 'get_account_requests', { account_id: accountId, limit }),
    executedRequest: (requestId) => viewContract(config, 'get_request', { request_id: requestId }),
  }
}
