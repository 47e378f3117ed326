import { describe, expect, it } from 'vitest'
import { BaseError, ErrorCode, fromWireError, isErrorCode, toWireError } from '../src/errors'
import { err, ok, toWireResult, unwrap } from '../src/result'

describe('errors crossing the iframe boundary', () => {
  it('behavior: a BaseError becomes plain data with its code, message, details and docs path', () => {
    const error = new BaseError({
      code: ErrorCode.PasskeyCancelled,
      shortMessage: 'Cancelled.',
      details: 'NotAllowedError',
      docsPath: '/docs/x.md',
      cause: new Error('inner'),
    })
    expect(toWireError(error)).toEqual({ code: 'PASSKEY_CANCELLED', message: 'Cancelled.', details: 'NotAllowedError', docsPath: '/docs/x.md' })
    expect(error.message).toContain('Code: PASSKEY_CANCELLED')
  })

  it('behavior: an unknown throw keeps only its message, never a stack', () => {
    const wire = toWireError(new TypeError('boom'))
    expect(wire).toEqual({ code: 'UNKNOWN', message: 'boom' })
    expect(JSON.stringify(wire)).not.toContain('at ')
    expect(toWireError('text')).toEqual({ code: 'UNKNOWN', message: 'text' })
    expect(toWireError(new Error(''))).toEqual({ code: 'UNKNOWN', message: 'An unknown error occurred.' })
  })

  it('behavior: a wire error is rebuilt as a BaseError with the same code', () => {
    const rebuilt = fromWireError({ code: 'USER_ACTIVATION_REQUIRED', message: 'Click inside.' })
    expect(rebuilt).toBeInstanceOf(BaseError)
    expect(rebuilt.code).toBe('USER_ACTIVATION_REQUIRED')
    expect(rebuilt.shortMessage).toBe('Click inside.')
  })

  it('error: malformed wire errors become UNKNOWN instead of crashing', () => {
    for (const wire of [undefined, null, 42, 'x', {}, { code: 'NOT_A_CODE', message: 5 }]) {
      const rebuilt = fromWireError(wire)
      expect(rebuilt.code).toBe('UNKNOWN')
      expect(rebuilt.shortMessage.length).toBeGreaterThan(0)
    }
  })

  it('behavior: isErrorCode accepts exactly the documented codes', () => {
    for (const code of Object.values(ErrorCode)) expect(isErrorCode(code)).toBe(true)
    expect(isErrorCode('toString')).toBe(false)
    expect(isErrorCode(undefined)).toBe(false)
  })

  it('behavior: results wrap values and failures; unwrap throws the typed error', async () => {
    expect(unwrap(ok(3))).toBe(3)
    expect(() => unwrap(err(new BaseError({ code: ErrorCode.CeremonyInProgress, shortMessage: 'Busy.' })))).toThrowError(
      expect.objectContaining({ code: 'CEREMONY_IN_PROGRESS' }),
    )
    expect(await toWireResult(() => 'v')).toEqual({ ok: true, value: 'v' })
    expect(await toWireResult(() => Promise.reject(new Error('no')))).toEqual({ ok: false, error: { code: 'UNKNOWN', message: 'no' } })
    expect(() => unwrap(undefined as never)).toThrowError(expect.objectContaining({ code: 'UNKNOWN' }))
  })
})
