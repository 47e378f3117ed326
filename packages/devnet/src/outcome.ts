import type { ReceiptOutcome, ReceiptStatus } from './receipts'

/** NEAR's FinalExecutionOutcome, as near-api-js reads it (status, transaction_outcome, receipts_outcome). */
export type ExecutionStatus = { SuccessValue: string } | { Failure: Record<string, unknown> }

export type FinalOutcome = {
  final_execution_status: 'FINAL'
  status: ExecutionStatus
  transaction: Record<string, unknown>
  transaction_outcome: OutcomeWithId
  receipts_outcome: OutcomeWithId[]
}

type OutcomeWithId = {
  id: string
  block_hash: string
  proof: unknown[]
  outcome: {
    logs: string[]
    receipt_ids: string[]
    gas_burnt: number
    tokens_burnt: string
    executor_id: string
    status: Record<string, unknown>
    metadata: { version: number; gas_profile: null }
  }
}

const metadata = { version: 1, gas_profile: null }

/** A transaction and the receipts it led to, once every one of them has run. */
export type TransactionTree = {
  hash: string
  transaction: Record<string, unknown>
  signerId: string
  blockHash: string
  /** What turning the transaction into its first receipt burnt. */
  conversionGas: bigint
  conversionTokens: bigint
  firstReceiptId: string
  receipts: ReceiptOutcome[]
}

/**
 * The outcome of a whole transaction tree. Its status is its first receipt's, followed through
 * every receipt a contract returned as its result (`SuccessReceiptId`), as nearcore resolves it.
 */
export function treeOutcome(tree: TransactionTree): FinalOutcome {
  const byId = new Map(tree.receipts.map((receipt) => [receipt.id, receipt]))
  let status: ReceiptStatus = byId.get(tree.firstReceiptId)?.status ?? { Failure: { ActionError: { index: 0, kind: 'ReceiptMissing' } } }
  for (let hops = 0; 'SuccessReceiptId' in status && hops <= tree.receipts.length; hops++) {
    status = byId.get(status.SuccessReceiptId)?.status ?? { Failure: { ActionError: { index: 0, kind: 'ReceiptMissing' } } }
  }
  return {
    final_execution_status: 'FINAL',
    status: status as ExecutionStatus,
    transaction: tree.transaction,
    transaction_outcome: {
      id: tree.hash,
      proof: [],
      block_hash: tree.blockHash,
      outcome: {
        logs: [],
        receipt_ids: [tree.firstReceiptId],
        gas_burnt: Number(tree.conversionGas),
        tokens_burnt: tree.conversionTokens.toString(),
        executor_id: tree.signerId,
        status: { SuccessReceiptId: tree.firstReceiptId },
        metadata,
      },
    },
    receipts_outcome: tree.receipts.map((receipt) => ({
      id: receipt.id,
      proof: [],
      block_hash: receipt.blockHash,
      outcome: {
        logs: receipt.logs,
        receipt_ids: receipt.receiptIds,
        gas_burnt: Number(receipt.gasBurnt),
        tokens_burnt: receipt.tokensBurnt.toString(),
        executor_id: receipt.executorId,
        status: receipt.status as Record<string, unknown>,
        metadata,
      },
    })),
  }
}

/**
 * A transaction refused when its block applied it (NEAR's `InvalidTxError`, e.g.
 * `NotEnoughBalance`): it never became a receipt, so it has no receipt outcome and burnt
 * nothing. near-api-js turns the status into the matching typed error.
 */
export function refusedOutcome(parts: { hash: string; blockHash: string; transaction: Record<string, unknown>; signerId: string; error: Record<string, unknown> }): FinalOutcome {
  const status = { Failure: { InvalidTxError: parts.error } }
  return {
    final_execution_status: 'FINAL',
    status,
    transaction: parts.transaction,
    transaction_outcome: {
      id: parts.hash,
      proof: [],
      block_hash: parts.blockHash,
      outcome: { logs: [], receipt_ids: [], gas_burnt: 0, tokens_burnt: '0', executor_id: parts.signerId, status, metadata },
    },
    receipts_outcome: [],
  }
}
