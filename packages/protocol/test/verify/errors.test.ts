import { describe, expect, it } from 'vitest'
import { BaseError, ErrorCode, toWireError } from '../../src/errors'
import { VerificationError, VerificationErrorCode, assertParametersObject, isVerificationError } from '../../src/verify/errors'
import { LruCache } from '../../src/verify/lru-cache'
import { verifyEvmTypedDataSignature } from '../../src/verify/evm'
import { verifyNep413Signature } from '../../src/verify/near-nep413'
import { verifySolanaSignature } from '../../src/verify/solana'
import { verifyStellarSignature } from '../../src/verify/stellar-sep53'

describe('verification errors', () => {
  it('behavior: codes are unique and upper snake case, like ErrorCode', () => {
    const codes = Object.values(VerificationErrorCode)
    expect(new Set(codes).size).toBe(codes.length)
    for (const code of [...codes, ...Object.values(ErrorCode)]) expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/)
  })

  it('behavior: a VerificationError is a BaseError and crosses the wire with its code and message', () => {
    const error = new VerificationError({ code: VerificationErrorCode.ChallengeMismatch, shortMessage: 'Wrong challenge.', details: 'Start again.' })
    expect(error).toBeInstanceOf(BaseError)
    expect(isVerificationError(error)).toBe(true)
    expect(isVerificationError(new Error('x'))).toBe(false)
    expect(error.name).toBe('VerificationError')
    expect(error.message).toContain('Code: CHALLENGE_MISMATCH')
    expect(toWireError(error)).toEqual({ code: 'CHALLENGE_MISMATCH', message: 'Wrong challenge.', details: 'Start again.' })
  })

  it('error: calling a verifier without a parameters object is a typed INVALID_VERIFICATION_INPUT', async () => {
    expect(() => assertParametersObject(null, 'f')).toThrowError(expect.objectContaining({ code: 'INVALID_VERIFICATION_INPUT' }))
    for (const verify of [verifySolanaSignature, verifyNep413Signature, verifyStellarSignature] as ((p: unknown) => unknown)[]) {
      for (const value of [undefined, null]) expect(() => verify(value)).toThrowError(expect.objectContaining({ code: 'INVALID_VERIFICATION_INPUT' }))
    }
    await expect(verifyEvmTypedDataSignature(undefined as never)).rejects.toMatchObject({ code: 'INVALID_VERIFICATION_INPUT' })
  })
})

describe('LruCache', () => {
  it('behavior: evicts the least recently used entry, and a read counts as a use', () => {
    const cache = new LruCache<string, number>(2)
    cache.set('a', 1)
    cache.set('b', 2)
    expect(cache.get('a')).toBe(1)
    cache.set('c', 3)
    expect(cache.get('b')).toBeUndefined()
    expect(cache.get('a')).toBe(1)
    expect(cache.get('c')).toBe(3)
    expect(cache.size).toBe(2)
    expect(() => new LruCache(0)).toThrow(RangeError)
  })
})
