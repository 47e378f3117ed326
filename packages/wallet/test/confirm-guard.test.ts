import { describe, expect, it, vi } from 'vitest'
import { ConfirmGuard, confirmDelayMs } from '../src/ui/confirm-guard'

const seen = { isIntersecting: true, intersectionRatio: 1, isVisible: true }

describe('the confirmation button arms only when a person can see it', () => {
  it('behavior: armed after being fully visible and unobscured for the delay', () => {
    vi.useFakeTimers()
    let now = 0
    const changes: boolean[] = []
    const guard = new ConfirmGuard((armed) => changes.push(armed), { now: () => now })
    guard.update(seen)
    expect(guard.armed).toBe(false)
    now = confirmDelayMs
    vi.advanceTimersByTime(confirmDelayMs)
    expect(guard.armed).toBe(true)
    expect(changes).toEqual([true])
    vi.useRealTimers()
  })

  it('error: covered (IntersectionObserver v2 isVisible false), partly off screen, or hidden: never armed', () => {
    for (const entry of [
      { ...seen, isVisible: false },
      { ...seen, intersectionRatio: 0.6 },
      { ...seen, isIntersecting: false, intersectionRatio: 0 },
    ]) {
      let now = 0
      const guard = new ConfirmGuard(() => undefined, { now: () => now })
      guard.update(entry)
      now = 10 * confirmDelayMs
      guard.update(entry)
      expect(guard.armed).toBe(false)
    }
  })

  it('error: covering the panel disarms it, and the delay starts again when it is uncovered', () => {
    let now = 0
    const guard = new ConfirmGuard(() => undefined, { now: () => now })
    guard.update(seen)
    now = confirmDelayMs
    guard.update(seen)
    expect(guard.armed).toBe(true)
    guard.update({ ...seen, isVisible: false })
    expect(guard.armed).toBe(false)
    now += 10
    guard.update(seen)
    expect(guard.armed).toBe(false)
    now += confirmDelayMs
    guard.update(seen)
    expect(guard.armed).toBe(true)
  })

  it('behavior: browsers without v2 (no isVisible) still require the whole button in view', () => {
    let now = 0
    const guard = new ConfirmGuard(() => undefined, { now: () => now })
    guard.update({ isIntersecting: true, intersectionRatio: 1 })
    now = confirmDelayMs
    guard.update({ isIntersecting: true, intersectionRatio: 1 })
    expect(guard.armed).toBe(true)
  })

  it('error: zoomed (devicePixelRatio 0.3, as CSS zoom 0.3 on the element gives the frame): never armed, and says why', () => {
    let now = 0
    const guard = new ConfirmGuard(() => undefined, { now: () => now, pixelRatio: () => 0.3 })
    guard.update(seen)
    now = 10 * confirmDelayMs
    guard.update(seen)
    expect(guard.armed).toBe(false)
    expect(guard.reason).toBe('scaled')
  })

  it('error: a move or a measured scale restarts the wait; it arms only after a full delay at rest', () => {
    let now = 0
    const guard = new ConfirmGuard(() => undefined, { now: () => now })
    guard.update(seen)
    now = confirmDelayMs
    guard.update(seen)
    expect(guard.armed).toBe(true)
    guard.disturb()
    expect(guard.armed).toBe(false)
    now += confirmDelayMs
    guard.update(seen)
    expect(guard.armed).toBe(true)
    guard.setScaled(true)
    now += 10 * confirmDelayMs
    guard.update(seen)
    expect(guard.reason).toBe('scaled')
    guard.setScaled(false)
    expect(guard.armed).toBe(false)
    now += confirmDelayMs
    guard.update(seen)
    expect(guard.armed).toBe(true)
  })
})
