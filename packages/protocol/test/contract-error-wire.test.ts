import { describe, expect, it } from 'vitest'
import { contractErrorIn, formatContractError } from '../src/contract-error-wire'
import { BaseError, ErrorCode } from '../src/errors'

describe('contract refusals through a NEAR node', () => {
  const refusal = new BaseError({ code: ErrorCode.NonceAlreadyUsed, shortMessage: 'This request was already used.', details: 'n' })

  it('behavior: the contract panics with CODE: message, and clients read its code back wherever the node nests it', () => {
    expect(formatContractError(refusal)).toBe('NONCE_ALREADY_USED: This request was already used.')
    const text = `Smart contract panicked: ${formatContractError(refusal)}`
    const expected = { code: 'NONCE_ALREADY_USED', message: 'This request was already used.' }
    expect(contractErrorIn(text)).toEqual(expected)
    expect(contractErrorIn({ ActionError: { index: 0, kind: { FunctionCallError: { ExecutionError: text } } } })).toEqual(expected)
    expect(contractErrorIn(`wasm execution failed: ExecutionError("${formatContractError(refusal)}")`)).toEqual(expected)
    expect(contractErrorIn('Smart contract panicked: HEALTH_FACTOR_TOO_LOW: Health would fall to 0.91: below 1.0.')).toEqual({ code: 'HEALTH_FACTOR_TOO_LOW', message: 'Health would fall to 0.91: below 1.0.' })
  })

  it('error: a panic the contract did not make holds no refusal; unknown codes read as UNKNOWN', () => {
    expect(contractErrorIn('Smart contract panicked: oops')).toBeUndefined()
    expect(contractErrorIn('Smart contract panicked: panicked at src/lib.rs:10:5: called `Option::unwrap()`')).toBeUndefined()
    expect(contractErrorIn('NONCE_ALREADY_USED: not in a panic')).toBeUndefined()
    expect(contractErrorIn(42)).toBeUndefined()
    expect(contractErrorIn('Smart contract panicked: SOMETHING_NEW: m')).toEqual({ code: 'UNKNOWN', message: 'm' })
  })
})
