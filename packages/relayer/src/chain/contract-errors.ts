import { ErrorCode, isErrorCode } from '@crosschain-lending/protocol'
import { ContractRefusal } from '../errors'

/**
 * The contract reports a refusal as `ContractError: {"code","message","details"}`: in a failed
 * transaction, inside `ActionError.kind.FunctionCallError.ExecutionError`; in a failed view,
 * inside the RPC error that near-api-js turns into an exception message.
 */
const marker = 'ContractError: '

/** The refusal in `text`, if it carries one. */
export function refusalFromText(text: string): ContractRefusal | undefined {
  const start = text.indexOf(marker)
  if (start < 0) return undefined
  const json = text.slice(start + marker.length)
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    // Some nodes wrap the string (quotes, a closing parenthesis): keep up to the last brace.
    try {
      parsed = JSON.parse(json.slice(0, json.lastIndexOf('}') + 1))
    } catch {
      return undefined
    }
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined
  const { code, message, details } = parsed as Record<string, unknown>
  return new ContractRefusal({
    code: isErrorCode(code) ? code : ErrorCode.Unknown,
    shortMessage: typeof message === 'string' && message ? message : 'The contract refused the request.',
    details: typeof details === 'string' ? details : undefined,
    docsPath: '/docs/contract.md#errors',
  })
}

/**
 * Finds the refusal in a transaction's `Failure` value. Walks the object rather than one exact
 * path, so the same code reads nearcore's and the local chain's shapes (the string sits at a
 * different depth for receipts and for transactions).
 */
export function refusalFromFailure(failure: unknown, depth = 0): ContractRefusal | undefined {
  if (typeof failure === 'string') return refusalFromText(failure)
  if (typeof failure !== 'object' || failure === null || depth > 8) return undefined
  for (const value of Object.values(failure)) {
    const refusal = refusalFromFailure(value, depth + 1)
    if (refusal) return refusal
  }
  return undefined
}

/** The refusal carried by an exception from a view call, if any. */
export function refusalFromError(error: unknown): ContractRefusal | undefined {
  return error instanceof Error ? refusalFromText(error.message) : undefined
}
