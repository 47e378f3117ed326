import { BaseError, type ErrorCode } from '@crosschain-lending/protocol'

/** A refusal by the contract: nothing was changed. */
export class ContractError extends BaseError {
  override name = 'ContractError'
}

export function refuse(code: ErrorCode, shortMessage: string, details?: string): ContractError {
  return new ContractError({ code, shortMessage, details, docsPath: '/docs/contract.md#errors' })
}
