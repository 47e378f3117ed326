import { describe, expect, it } from 'vitest'
import { BaseError, ErrorCode } from '@crosschain-lending/protocol'
import { ConfirmThrottle, cancelWindowMs, firstPauseMs, longestPauseMs } from '../src/confirm-throttle'

describe('the host page cannot wear the person down with confirmation after confirmation', () => {
  const paused = (throttle: ConfirmThrottle) => {
    try {
      throttle.check()
      return undefined
    } catch (error) {
      return error as { code: string; shortMessage: string }
    }
  }

  it('error: after 3 cancels within a minute the next host request is refused with CONFIRMATIONS_PAUSED, saying how long', () => {
    let now = 0
    const throttle = new ConfirmThrottle({ now: () => now })
    for (let i = 0; i < 3; i++) {
      expect(paused(throttle)).toBeUndefined()
      throttle.cancelled()
      now += 5_000
    }
    const refusal = paused(throttle)
    expect(refusal?.code).toBe('CONFIRMATIONS_PAUSED')
    expect(refusal?.shortMessage).toMatch(/for 25 s/)
    now += firstPauseMs
    expect(paused(throttle)).toBeUndefined()
  })

  it('error: each pause that recurs lasts twice as long, up to 15 minutes', () => {
    let now = 0
    const throttle = new ConfirmThrottle({ now: () => now })
    let expected = firstPauseMs
    for (let round = 0; round < 8; round++) {
      for (let i = 0; i < 3; i++) throttle.cancelled()
      now += expected - 1
      expect(paused(throttle)?.code, `round ${round}`).toBe('CONFIRMATIONS_PAUSED')
      now += 1
      expect(paused(throttle)).toBeUndefined()
      expected = Math.min(expected * 2, longestPauseMs)
    }
  })

  it('behavior: cancels spread over more than a minute, or an approval between them, start no pause', () => {
    let now = 0
    const throttle = new ConfirmThrottle({ now: () => now })
    throttle.cancelled()
    now += cancelWindowMs / 2
    throttle.cancelled()
    now += cancelWindowMs / 2 + 1
    throttle.cancelled()
    expect(paused(throttle)).toBeUndefined()
    throttle.approved()
    throttle.cancelled()
    throttle.cancelled()
    expect(paused(throttle)).toBeUndefined()
  })
})

describe('a cancel counts wherever the person says it', () => {
  const refusedWith = (code: string) => () => Promise.reject(new BaseError({ code: code as never, shortMessage: 'no' }))

  it('error: three Borrows cancelled in the passkey window (PASSKEY_CANCELLED) pause the host like three cancelled on the panel', async () => {
    const throttle = new ConfirmThrottle({ now: () => 0 })
    for (let i = 0; i < 3; i++) await expect(throttle.guard(refusedWith(ErrorCode.PasskeyCancelled))).rejects.toMatchObject({ code: 'PASSKEY_CANCELLED' })
    await expect(throttle.guard(() => Promise.resolve('opened'))).rejects.toMatchObject({ code: 'CONFIRMATIONS_PAUSED' })
  })

  it('behavior: failures that are not the person saying no (the contract refusing an unhealthy Borrow) do not pause the host', async () => {
    const throttle = new ConfirmThrottle({ now: () => 0 })
    for (let i = 0; i < 5; i++) await expect(throttle.guard(refusedWith(ErrorCode.HealthFactorTooLow))).rejects.toMatchObject({ code: 'HEALTH_FACTOR_TOO_LOW' })
    await expect(throttle.guard(() => Promise.resolve('opened'))).resolves.toBe('opened')
  })
})
