import { type CallContext, type ContractConfig, LendingContract } from '@crosschain-lending/contract'
import { panicMessage } from './contract-errors'
import type { ContractCallInput, ContractCallOutcome, ContractRuntime, ViewOutcome } from './contract-runtime'

/**
 * The lending contract as it runs until its NEAR wasm lands (issue 16): TypeScript, in this
 * process, behind the same `ContractRuntime` interface the wasm runtime serves, so the chain
 * itself names no lending method. Everything lending-specific about the local chain lives here
 * and goes when the wasm contract replaces it.
 *
 * It keeps its state in its own objects rather than in the account's storage, and charges a
 * fixed figure per call (not NEAR's gas): the one place this chain does not model NEAR.
 */
export class LendingHost implements ContractRuntime {
  readonly contract: LendingContract
  readonly #hasFullAccessKey: (accountId: string, publicKey: string) => boolean

  constructor(config: ContractConfig, genesisTimeMs: number, hasFullAccessKey: (accountId: string, publicKey: string) => boolean) {
    this.contract = LendingContract.genesis(config, genesisTimeMs)
    this.#hasFullAccessKey = hasFullAccessKey
  }

  /** Gas a call to the TypeScript contract burns: a stand-in that makes balances move, not NEAR's gas. */
  static readonly gasPerCall = 2_428_000_000_000n

  context(predecessorId: string, blockTimestampMs: number, blockHeight: number): CallContext {
    return { predecessorId, blockTimestampMs, blockHeight, chain: { hasFullAccessKey: this.#hasFullAccessKey } }
  }

  async call(input: ContractCallInput): Promise<ContractCallOutcome> {
    const gas = LendingHost.gasPerCall < input.prepaidGas ? LendingHost.gasPerCall : input.prepaidGas
    const fail = (message: string): ContractCallOutcome => ({ ok: false, error: { ExecutionError: message }, logs: [], gasBurnt: gas, gasUsed: gas })
    let args: unknown
    try {
      args = JSON.parse(new TextDecoder().decode(input.args))
    } catch (cause) {
      return fail(panicMessage(Object.assign(new Error('The call arguments are not JSON.'), { cause })))
    }
    const ctx = this.context(input.predecessorId, input.blockTimestampMs, input.blockHeight)
    let value: unknown
    try {
      switch (input.method) {
        case 'create_account':
          value = this.contract.createAccount(args as Parameters<LendingContract['createAccount']>[0], ctx)
          break
        case 'execute':
          value = await this.contract.execute(args, ctx)
          break
        case 'deposit':
          value = this.contract.deposit(args as Parameters<LendingContract['deposit']>[0], ctx)
          break
        case 'set_price':
          value = this.contract.setPrice(args as Parameters<LendingContract['setPrice']>[0], ctx)
          break
        default:
          return { ok: false, error: { MethodResolveError: 'MethodNotFound' }, logs: [], gasBurnt: gas, gasUsed: gas }
      }
    } catch (error) {
      return fail(panicMessage(error))
    }
    return {
      ok: true,
      returned: { value: new TextEncoder().encode(JSON.stringify(value ?? null)) },
      logs: [],
      gasBurnt: gas,
      gasUsed: gas,
      receipts: [],
      dataChanges: new Map(),
      storageUsage: input.account.storageUsage,
      balanceSpent: 0n,
    }
  }

  /** A view at `nowMs`: the value, or the panic it raised. */
  view(method: string, args: Record<string, unknown>, nowMs: number): ViewOutcome {
    try {
      const value = this.viewValue(method, args, nowMs)
      return { ok: true, value: new TextEncoder().encode(JSON.stringify(value ?? null)), logs: [] }
    } catch (error) {
      if (error instanceof MethodNotFound) return { ok: false, error: { MethodResolveError: 'MethodNotFound' }, logs: [] }
      return { ok: false, error: { ExecutionError: panicMessage(error) }, logs: [] }
    }
  }

  /** A view's value, for the chain's own dev tools (explorer, ledger); throws what the view throws. */
  viewValue(method: string, args: Record<string, unknown>, now: number): unknown {
    const c = this.contract
    switch (method) {
      case 'get_config':
        return c.getConfig()
      case 'get_account':
        return c.getAccount(args as { account_id: string }, now)
      case 'get_account_by_credential':
        return c.getAccountByCredential(args as { credential_id: string }, now)
      case 'get_account_by_wallet':
        return c.getAccountByWallet(args as { chain: string; address: string }, now)
      case 'is_credential_retired':
        return c.isCredentialRetired(args as { credential_id: string })
      case 'get_position':
        return c.getPosition(args as { account_id: string }, now)
      case 'get_markets':
        return c.getMarkets(now)
      case 'get_nonce_status':
        return c.getNonceStatus(args as { account_id: string; nonce: string })
      case 'get_request':
        return c.getRequest(args as { request_id: string })
      case 'preview':
        return c.previewActions(args as { account_id: string; actions: unknown[] }, now)
      case 'get_account_requests':
        return c.getAccountRequests(args as { account_id: string; limit?: number })
      case 'get_transfers':
        return c.getTransfers(args as { chain?: string; address?: string; limit?: number })
      default:
        throw new MethodNotFound(method)
    }
  }
}

export class MethodNotFound extends Error {
  constructor(readonly method: string) {
    super(`MethodResolveError: MethodNotFound (${method})`)
  }
}
