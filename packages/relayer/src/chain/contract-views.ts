import type { AccountView, ContractConfigView as ContractConfig, ExecutedRequestView, PreviewView, StorageCostsView } from '@crosschain-lending/protocol'
import type { Provider } from 'near-api-js'
import { refusalFromError } from './contract-errors'
import { type RetryPolicy, chainFailed, chainUnavailable, isTransientRpcError, withRetries } from './retry'

export type ContractViewsOptions = {
  provider: Provider
  contractId: string
  retry: RetryPolicy
  now: () => number
  /** How long an account read stays fresh. Short: passkeys and wallets change. */
  accountTtlMs?: number
  /** How long the contract configuration stays fresh. It changes only with a redeploy. */
  configTtlMs?: number
}

type Cached<T> = { value: Promise<T>; expiresAt: number }

/**
 * The contract's read-only methods, as the relayer's cheap checks and idempotency use them.
 * Reads that many requests share (the configuration, an account) are cached briefly, and
 * concurrent reads of the same thing share one RPC call.
 */
export class ContractViews {
  readonly #options: ContractViewsOptions
  readonly #accounts = new Map<string, Cached<AccountView | null>>()
  /** Views that change only with a redeploy (the configuration, the storage costs), by method. */
  readonly #deployed = new Map<string, Cached<unknown>>()

  constructor(options: ContractViewsOptions) {
    this.#options = options
  }

  getConfig(): Promise<ContractConfig> {
    return this.#deployedView<ContractConfig>('get_config')
  }

  /** A view that changes only with a redeploy, cached for `configTtlMs`; a failed read is not kept. */
  #deployedView<T>(method: string): Promise<T> {
    const now = this.#options.now()
    const cached = this.#deployed.get(method)
    if (cached && cached.expiresAt > now) return cached.value as Promise<T>
    const value = this.#view<T>(method, {})
    const entry = { value, expiresAt: now + (this.#options.configTtlMs ?? 60_000) }
    this.#deployed.set(method, entry)
    value.catch(() => {
      if (this.#deployed.get(method) === entry) this.#deployed.delete(method)
    })
    return value
  }

  /** The account, from a short cache unless `fresh`. A missing account is never cached: it may be created any moment. */
  getAccount(accountId: string, { fresh = false }: { fresh?: boolean } = {}): Promise<AccountView | null> {
    const now = this.#options.now()
    const cached = this.#accounts.get(accountId)
    if (!fresh && cached && cached.expiresAt > now) return cached.value
    const value = this.#view<AccountView | null>('get_account', { account_id: accountId })
    const entry = { value, expiresAt: now + (this.#options.accountTtlMs ?? 5_000) }
    this.#accounts.set(accountId, entry)
    const forget = () => {
      if (this.#accounts.get(accountId) === entry) this.#accounts.delete(accountId)
    }
    value.then((account) => account === null && forget(), forget)
    // Expired entries of accounts nobody asks about again would pile up; sweep now and then.
    if (this.#accounts.size > 10_000) {
      for (const [id, candidate] of this.#accounts) if (candidate.expiresAt <= now) this.#accounts.delete(id)
    }
    return value
  }

  /** Drops the cached account, after a request that may have changed its passkeys or wallets. */
  forgetAccount(accountId: string): void {
    this.#accounts.delete(accountId)
  }

  /**
   * What the contract asks callers to attach for the storage they add (`get_storage_costs`):
   * yoctoNEAR strings. Changes only with a redeploy, so it is cached like the configuration.
   */
  getStorageCosts(): Promise<StorageCostsView> {
    return this.#deployedView<StorageCostsView>('get_storage_costs')
  }

  getAccountByCredential(credentialId: string): Promise<AccountView | null> {
    return this.#view('get_account_by_credential', { credential_id: credentialId })
  }

  /** The chain's record of an executed request: the source of truth for idempotency. */
  getRequest(requestId: string): Promise<ExecutedRequestView | null> {
    return this.#view('get_request', { request_id: requestId })
  }

  /** What the actions would do to the account now, changing nothing (the contract's `preview`). Never cached: state moves. */
  preview(accountId: string, actions: readonly unknown[]): Promise<PreviewView> {
    return this.#view('preview', { account_id: accountId, actions })
  }

  getNonceStatus(accountId: string, nonce: string): Promise<{ used: boolean }> {
    return this.#view('get_nonce_status', { account_id: accountId, nonce })
  }

  async #view<T>(method: string, args: Record<string, unknown>): Promise<T> {
    const { provider, contractId, retry } = this.#options
    try {
      const result = await withRetries(`the view ${method}`, retry, () => provider.callFunction({ contractId, method, args, blockQuery: { finality: 'optimistic' } }))
      // An empty result is how NEAR returns a method that returned nothing.
      return (result === undefined ? null : result) as T
    } catch (error) {
      const refusal = refusalFromError(error)
      if (refusal) throw refusal
      if (isTransientRpcError(error)) throw chainUnavailable(`the view ${method}`, error)
      throw chainFailed(`the view ${method}`, error)
    }
  }
}
