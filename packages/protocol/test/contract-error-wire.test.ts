import { describe, expect, it } from 'vitest'
import { contractErrorIn, formatContractError } from '../src/contract-error-wire'
import { BaseError, ErrorCode } from '../src/errors'

describe('contract refusals through a NEAR node', () => {
  const refusal = new BaseError({ code: ErrorCode.NonceAlreadyUsed, shortMessage: 'Replay.', details: 'n' })

  it('behavior: what the chain writes, clients read back with its code, wherever the node nests it', () => {
    const text = `Smart contract panicked: ${formatContractError(refusal)}`
    const expected = { code: 'NONCE_ALREADY_USED', message: 'Replay.', details: 'n' }
    expect(contractErrorIn(text)).toEqual(expected)
    expect(contractErrorIn({ ActionError: { index: 0, kind: { FunctionCallError: { ExecutionError: text } } } })).toEqual(expected)
    expect(contractErrorIn(`wasm execution failed: ExecutionError("${formatContractError(refusal)}")`)).toEqual(expected)
  })

  it('error: text without the marker, or with broken JSON, holds no refusal; unknown codes read as UNKNOWN', () => {
    expect(contractErrorIn('Smart contract panicked: oops')).toBeUndefined()
    expect(contractErrorIn('ContractError: {not json')).toBeUndefined()
    expect(contractErrorIn(42)).toBeUndefined()
    expect(contractErrorIn('ContractError: {"code":"SOMETHING_NEW","message":"m"}')).toEqual({ code: 'UNKNOWN', message: 'm' })
  })
})
