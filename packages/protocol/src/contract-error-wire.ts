import { type WireError, isErrorCode, ErrorCode, toWireError } from './errors'

/**
 * How a contract refusal crosses a NEAR node: NEAR carries only a panic message, so the
 * contract's typed error travels in it as JSON after this marker. The chain writes it; the
 * relayer and the wallet read it back, from a failed transaction or a failed view alike.
 */
const marker = 'ContractError: '

/** The text a contract refusal is carried as. */
export function formatContractError(error: unknown): string {
  return `${marker}${JSON.stringify(toWireError(error))}`
}

/**
 * The contract's typed error inside `value`: a string holding the marker, or any object that
 * holds one somewhere (nodes put it at different depths). Unknown codes read as UNKNOWN.
 */
export function contractErrorIn(value: unknown, depth = 0): WireError | undefined {
  if (typeof value === 'string') return parse(value)
  if (typeof value !== 'object' || value === null || depth > 8) return undefined
  for (const inner of Object.values(value)) {
    const found = contractErrorIn(inner, depth + 1)
    if (found) return found
  }
  return undefined
}

function parse(text: string): WireError | undefined {
  const start = text.indexOf(marker)
  if (start < 0) return undefined
  const json = text.slice(start + marker.length)
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    // Some nodes wrap the message (quotes, a closing parenthesis): keep up to the last brace.
    try {
      parsed = JSON.parse(json.slice(0, json.lastIndexOf('}') + 1))
    } catch {
      return undefined
    }
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined
  const { code, message, details } = parsed as Record<string, unknown>
  const wire: WireError = {
    code: isErrorCode(code) ? code : ErrorCode.Unknown,
    message: typeof message === 'string' && message ? message : 'The contract refused the request.',
  }
  if (typeof details === 'string') wire.details = details
  return wire
}
