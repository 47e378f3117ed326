import type { FinalOutcome } from './outcome'

/**
 * What the chain's dev tools know of the lending contract without reading its storage: the
 * accounts it created, in order, taken from final outcomes of its `create_account` calls, as an
 * indexer of a real NEAR network would. It is rebuilt on every start by the log's replay, which
 * pushes the same outcomes through here. The explorer and the external chains' deposit
 * addresses read it; the contract itself is only ever reached by calls and views.
 */
export class LendingIndex {
  readonly #contractId: string
  readonly #accounts = new Map<string, { createdAtHeight: number }>()

  constructor(contractId: string) {
    this.#contractId = contractId
  }

  /** Takes note of a final transaction outcome of the block at `height`. */
  observe(outcome: FinalOutcome, height: number): void {
    const transaction = outcome.transaction as { receiver_id?: string; actions?: unknown[] }
    if (transaction.receiver_id !== this.#contractId || !('SuccessValue' in outcome.status)) return
    const calls = (transaction.actions ?? []).map((action) => (action as { FunctionCall?: { method_name?: string } }).FunctionCall?.method_name)
    if (!calls.includes('create_account')) return
    let value: unknown
    try {
      value = JSON.parse(Buffer.from(outcome.status.SuccessValue, 'base64').toString('utf8'))
    } catch {
      return
    }
    const accountId = (value as { account_id?: unknown } | null)?.account_id
    if (typeof accountId === 'string' && !this.#accounts.has(accountId)) this.#accounts.set(accountId, { createdAtHeight: height })
  }

  /** Account ids, newest first. */
  newest(limit: number): string[] {
    return [...this.#accounts.keys()].reverse().slice(0, limit)
  }

  get size(): number {
    return this.#accounts.size
  }

  accountIds(): IterableIterator<string> {
    return this.#accounts.keys()
  }
}
