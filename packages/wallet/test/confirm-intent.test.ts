import { describe, expect, it } from 'vitest'
import { ConfirmIntent, clickQuietMs, keyDwellMs } from '../src/ui/confirm-intent'

const confirm = { id: 'confirm' }
const elsewhere = { id: 'panel' }

/** A trusted pointer event at frame point (x, y), with the frame at `frameAt` on screen and scaled by `scale`. */
const pointer = (type: string, x: number, y: number, on: object, frame = { at: [100, 100], scale: 1 }) => ({
  type,
  isTrusted: true,
  clientX: x,
  clientY: y,
  screenX: frame.at[0]! + x * frame.scale,
  screenY: frame.at[1]! + y * frame.scale,
  composedPath: () => [on] as unknown as EventTarget[],
})
const click = { isTrusted: true, detail: 1 }

function setup() {
  let now = 1000
  const seen = { moved: 0, scaled: [] as boolean[] }
  const intent = new ConfirmIntent(() => confirm as unknown as Element, { onMoved: () => seen.moved++, onScaled: (scaled) => seen.scaled.push(scaled) }, { now: () => now })
  intent.setArmed(true)
  return { intent, seen, advance: (ms: number) => (now += ms) }
}

describe('a press on an armed Confirm counts only when a person aimed it', () => {
  it('behavior: the pointer comes into the panel, moves onto Confirm and clicks: it counts', () => {
    const { intent, advance } = setup()
    intent.pointer(pointer('pointermove', 150, 80, elsewhere))
    advance(50)
    intent.pointer(pointer('pointermove', 150, 120, confirm))
    advance(80)
    intent.pointer(pointer('pointerdown', 150, 120, confirm))
    expect(intent.accepts(click)).toBe(true)
  })

  it('error: a pointer first seen already on Confirm (the frame slid or appeared under it) does not count', () => {
    const { intent } = setup()
    intent.pointer(pointer('pointerover', 150, 120, confirm))
    intent.pointer(pointer('pointermove', 152, 121, confirm))
    intent.pointer(pointer('pointerdown', 152, 121, confirm))
    expect(intent.accepts(click)).toBe(false)
    expect(intent.refusal).toBe('not-arrived')
  })

  it('error: the frame moving between two pointer samples is a move: the arrival is void and the guard is told', () => {
    const { intent, seen } = setup()
    intent.pointer(pointer('pointermove', 150, 80, elsewhere))
    intent.pointer(pointer('pointermove', 150, 120, confirm, { at: [300, 60], scale: 1 }))
    intent.pointer(pointer('pointerdown', 150, 120, confirm, { at: [300, 60], scale: 1 }))
    // Travel that does not match the pointer's own reads as a move or a scale: either disarms.
    expect(seen.moved + seen.scaled.filter(Boolean).length).toBe(1)
    expect(intent.accepts(click)).toBe(false)
    // A frame moved while the pointer rested on it (no travel on screen) is a plain move.
    intent.pointer(pointer('pointermove', 150, 120, confirm, { at: [300, 60], scale: 1 }))
    intent.pointer(pointer('pointermove', 140, 125, confirm, { at: [310, 55], scale: 1 }))
    expect(seen.moved).toBe(1)
  })

  it('error: a frame drawn at 0.3 scale is measured by the pointer’s travel and reported scaled', () => {
    const { intent, seen } = setup()
    const small = { at: [100, 100], scale: 0.3 }
    intent.pointer(pointer('pointermove', 100, 50, elsewhere, small))
    intent.pointer(pointer('pointermove', 150, 120, confirm, small))
    expect(seen.scaled).toEqual([true])
  })

  it('error: a click within the quiet time after another press does not count (rapid clicking on a bait)', () => {
    const { intent, advance } = setup()
    intent.pointer(pointer('pointermove', 150, 80, elsewhere))
    intent.pointer(pointer('pointerdown', 150, 80, elsewhere))
    advance(clickQuietMs - 100)
    intent.pointer(pointer('pointermove', 150, 120, confirm))
    intent.pointer(pointer('pointerdown', 150, 120, confirm))
    expect(intent.accepts(click)).toBe(false)
    expect(intent.refusal).toBe('rapid')
  })

  it('behavior: Tab onto Confirm, a moment’s rest, Enter: it counts; Enter as it gets focus does not', () => {
    const { intent, advance } = setup()
    intent.key({ key: 'Tab', isTrusted: true, repeat: false })
    intent.focus({ composedPath: () => [confirm] as unknown as EventTarget[] })
    advance(100)
    intent.key({ key: 'Enter', isTrusted: true, repeat: false })
    expect(intent.accepts({ isTrusted: true, detail: 0 })).toBe(false)
    expect(intent.refusal).toBe('too-quick')
    advance(keyDwellMs)
    intent.key({ key: 'Enter', isTrusted: true, repeat: false })
    expect(intent.accepts({ isTrusted: true, detail: 0 })).toBe(true)
  })

  it('error: focus that reached Confirm without the person’s Tab in the wallet (the page focused the frame) does not let Enter count', () => {
    const { intent, advance } = setup()
    intent.focus({ composedPath: () => [confirm] as unknown as EventTarget[] })
    advance(keyDwellMs + 100)
    intent.key({ key: 'Enter', isTrusted: true, repeat: false })
    expect(intent.accepts({ isTrusted: true, detail: 0 })).toBe(false)
    expect(intent.refusal).toBe('not-focused-by-person')
  })
})
