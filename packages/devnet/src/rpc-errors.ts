/**
 * JSON-RPC errors in NEAR's shapes, so near-api-js turns each into its own typed error
 * (InvalidNonceError, AccountDoesNotExistError, ContractExecutionError, ...).
 */
export type BlockRef = { block_hash: string; block_height: number }

export class RpcFault extends Error {
  readonly body: Record<string, unknown>

  constructor(message: string, body: Record<string, unknown>) {
    super(message)
    this.body = body
  }
}

const handler = (name: string, info: Record<string, unknown>, message: string, data?: unknown) =>
  new RpcFault(message, { name: 'HANDLER_ERROR', cause: { name, info }, code: -32000, message: 'Server error', data: data ?? message })

/** A transaction the chain will not accept: near-api-js reads `data.TxExecutionError.InvalidTxError`. */
export function invalidTransaction(kind: string | Record<string, unknown>, message: string): RpcFault {
  return handler('INVALID_TRANSACTION', {}, message, { TxExecutionError: { InvalidTxError: kind } })
}

export function unknownAccount(accountId: string, block: BlockRef): RpcFault {
  return handler('UNKNOWN_ACCOUNT', { requested_account_id: accountId, ...block }, `account ${accountId} does not exist while viewing`)
}

export function unknownAccessKey(publicKey: string, block: BlockRef): RpcFault {
  return handler('UNKNOWN_ACCESS_KEY', { public_key: publicKey, ...block }, `access key ${publicKey} does not exist while viewing`)
}

export function noContractCode(accountId: string, block: BlockRef): RpcFault {
  return handler('NO_CONTRACT_CODE', { contract_account_id: accountId, ...block }, `contract code for ${accountId} does not exist`)
}

/** A view that failed inside the contract; `vm_error` carries the contract's message. */
export function contractExecution(vmError: Record<string, unknown>, block: BlockRef): RpcFault {
  return handler('CONTRACT_EXECUTION_ERROR', { vm_error: vmError, ...block }, JSON.stringify(vmError))
}

export function unknownTransaction(hash: string): RpcFault {
  return handler('UNKNOWN_TRANSACTION', { requested_transaction_hash: hash }, `transaction ${hash} does not exist`)
}

export function unknownBlock(reference: unknown): RpcFault {
  return handler('UNKNOWN_BLOCK', { block_reference: reference }, 'block not found')
}

export function methodNotFound(method: string): RpcFault {
  return new RpcFault(`method ${method} not found`, {
    name: 'REQUEST_VALIDATION_ERROR',
    cause: { name: 'METHOD_NOT_FOUND', info: { method_name: method } },
    code: -32601,
    message: 'Method not found',
    data: method,
  })
}

export function parseError(message: string): RpcFault {
  return new RpcFault(message, {
    name: 'REQUEST_VALIDATION_ERROR',
    cause: { name: 'PARSE_ERROR', info: { error_message: message } },
    code: -32700,
    message: 'Parse error',
    data: message,
  })
}

/** Errors of the dev-only methods: our own error code and message. */
export function devError(code: string, message: string): RpcFault {
  return new RpcFault(message, { name: 'DEV_ERROR', cause: { name: code, info: { message } }, code: -32000, message, data: { code, message } })
}
