import { type WireError, isErrorCode, ErrorCode, toWireError } from './errors'

/**
 * How a contract refusal crosses a NEAR node. NEAR carries only a panic message, so the lending
 * contract (contracts/lending, `errors.rs`) panics with `CODE: message`, and the node reports
 * `Smart contract panicked: CODE: message`, nested at different depths by different nodes. The
 * relayer and the wallet read the code back from a failed transaction or a failed view alike.
 * The refusal's `details` do not cross: the person reads the message.
 */
const panicked = 'Smart contract panicked: '

/** A refusal's code and message in the contract's one panic form (`CODE: message`). */
export function formatContractError(error: unknown): string {
  const { code, message } = toWireError(error)
  return `${code}: ${message}`
}

/**
 * The contract's typed error inside `value`: a panic message in the contract's form, or any
 * object that holds one somewhere. Codes this client does not know read as UNKNOWN.
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

// The code is the contract's (upper snake case); a panic the contract did not make (an
// `unwrap`, an abort) has no such prefix and is not a refusal.
const refusalPattern = /^([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{3,}): ([\s\S]+)$/

function parse(text: string): WireError | undefined {
  let start = text.indexOf(panicked)
  let body = start >= 0 ? text.slice(start + panicked.length) : undefined
  // Some nodes quote the panic inside their own wrapper: ExecutionError("CODE: message").
  if (body === undefined) {
    start = text.indexOf('ExecutionError("')
    if (start < 0) return undefined
    body = text.slice(start + 'ExecutionError("'.length).replace(/"\)\s*$/, '')
  }
  const match = refusalPattern.exec(body.trim())
  if (!match) return undefined
  const [, code, message] = match
  return { code: isErrorCode(code) ? code : ErrorCode.Unknown, message: message!.trim() || 'The contract refused the request.' }
}
