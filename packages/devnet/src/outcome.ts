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

export type OutcomeParts = {
  hash: string
  receiptId: string
  blockHash: string
  transaction: Record<string, unknown>
  signerId: string
  receiverId: string
  status: ExecutionStatus
  gasBurnt: number
  tokensBurnt: bigint
  logs: string[]
}

export function finalOutcome(parts: OutcomeParts): FinalOutcome {
  const common = { proof: [], block_hash: parts.blockHash }
  const metadata = { version: 1, gas_profile: null }
  return {
    final_execution_status: 'FINAL',
    status: parts.status,
    transaction: parts.transaction,
    transaction_outcome: {
      id: parts.hash,
      ...common,
      outcome: {
        logs: [],
        receipt_ids: [parts.receiptId],
        gas_burnt: Math.floor(parts.gasBurnt / 2),
        tokens_burnt: (parts.tokensBurnt / 2n).toString(),
        executor_id: parts.signerId,
        status: { SuccessReceiptId: parts.receiptId },
        metadata,
      },
    },
    receipts_outcome: [
      {
        id: parts.receiptId,
        ...common,
        outcome: {
          logs: parts.logs,
          receipt_ids: [],
          gas_burnt: Math.ceil(parts.gasBurnt / 2),
          tokens_burnt: (parts.tokensBurnt - parts.tokensBurnt / 2n).toString(),
          executor_id: parts.receiverId,
          status: parts.status,
          metadata,
        },
      },
    ],
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
      outcome: { logs: [], receipt_ids: [], gas_burnt: 0, tokens_burnt: '0', executor_id: parts.signerId, status, metadata: { version: 1, gas_profile: null } },
    },
    receipts_outcome: [],
  }
}

/** A failed function call, in the ActionError form near-api-js parses into ContractExecutionError. */
export function functionCallFailure(message: string, index = 0): ExecutionStatus {
  return { Failure: { ActionError: { index, kind: { FunctionCallError: { ExecutionError: message } } } } }
}
