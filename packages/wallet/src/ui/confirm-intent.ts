/**
 * Decides whether a click or key press on an armed Confirm came from a person who meant it,
 * using only what the frame itself sees: trusted pointer and key events in its own document.
 *
 * The host page can move, scale and replace the frame around a pointer that is already moving
 * or clicking (bait under the cursor), and can route the person's keystrokes into the frame by
 * its tab order. None of that produces these, which a person aiming at Confirm does:
 *
 * - pointer: after Confirm armed, the pointer was seen in the frame outside Confirm and then
 *   arrived on it, with the frame at one place and at its natural scale the whole time, and the
 *   click is not one of a rapid series.
 * - keyboard: after Confirm armed, the person moved focus onto it with Tab inside the frame,
 *   and let it rest there a moment before pressing Enter or Space.
 */
export const clickQuietMs = 500
export const keyDwellMs = 500

/** The frame's offset on screen may wobble by rounding; more than this is a move. */
const moveTolerancePx = 2
/** Below this much pointer travel the scale measurement is rounding noise. */
const minTravelPx = 6
/**
 * Two samples closer than this are one motion: a move between them happened as the pointer
 * moved, which restarts the arming wait. Further apart (a scroll while the hand rested), a
 * changed offset only voids the pointer's arrival: it must be seen off Confirm again.
 */
const motionGapMs = 150
/** Frame pixels per page pixel outside 1 ± this means the host scaled or zoomed the frame. */
const scaleTolerance = 0.08

export type IntentRefusal = 'not-armed' | 'not-arrived' | 'rapid' | 'not-focused-by-person' | 'too-quick'

type PointerSample = { clientX: number; clientY: number; screenX: number; screenY: number; at: number }
type PointerInput = Pick<PointerEvent, 'type' | 'isTrusted' | 'clientX' | 'clientY' | 'screenX' | 'screenY' | 'composedPath'> & { pointerType?: string }

export type IntentEvents = {
  /** The frame moved on screen since the last pointer sample: restart the arming delay. */
  onMoved(): void
  /** The pointer measured the frame's scale: `true` while it is not 1. */
  onScaled(scaled: boolean): void
}

export class ConfirmIntent {
  readonly #now: () => number
  readonly #events: IntentEvents
  readonly #target: () => Element | null | undefined
  #armed = false
  #last: PointerSample | undefined
  /** Seen in the frame, outside Confirm, since it armed. */
  #sawOutside = false
  #arrivedAt: number | undefined
  #lastDownAt = -Infinity
  #downAccepted = false
  #lastKey: { key: string; at: number; repeat: boolean } | undefined
  #focusedByKeyAt: number | undefined
  #refusal: IntentRefusal | undefined
  #detach: (() => void) | undefined

  constructor(target: () => Element | null | undefined, events: IntentEvents, options: { now?: () => number } = {}) {
    this.#target = target
    this.#events = events
    this.#now = options.now ?? (() => performance.now())
  }

  /** The last reason a click or key on Confirm was refused, for the hint. */
  get refusal(): IntentRefusal | undefined {
    return this.#refusal
  }

  /**
   * Listens on the frame's window, in the capture phase, before anything in the panel; and for
   * focus, on the root that holds Confirm (the panel's shadow root): focus moving inside one
   * shadow tree is never reported outside it.
   */
  attach(target: Window, focusRoot: Node): void {
    this.detach()
    const pointer = (event: Event) => this.pointer(event as PointerEvent)
    const leave = (event: Event) => {
      // Left the document (to the host page): where it comes back in is a new start.
      if ((event as PointerEvent).relatedTarget === null) this.#forgetPointer()
    }
    const key = (event: Event) => this.key(event as KeyboardEvent)
    const focus = (event: Event) => this.focus(event as FocusEvent)
    const blur = () => this.#forgetFocus()
    const types = ['pointermove', 'pointerover', 'pointerdown', 'pointerup'] as const
    for (const type of types) target.addEventListener(type, pointer, { capture: true })
    target.addEventListener('pointerout', leave, { capture: true })
    target.addEventListener('keydown', key, { capture: true })
    focusRoot.addEventListener('focusin', focus, { capture: true })
    target.addEventListener('blur', blur)
    this.#detach = () => {
      for (const type of types) target.removeEventListener(type, pointer, { capture: true })
      target.removeEventListener('pointerout', leave, { capture: true })
      target.removeEventListener('keydown', key, { capture: true })
      focusRoot.removeEventListener('focusin', focus, { capture: true })
      target.removeEventListener('blur', blur)
    }
  }

  detach(): void {
    this.#detach?.()
    this.#detach = undefined
  }

  /**
   * The guard armed or disarmed Confirm: where the pointer was before arming never counts. Focus
   * the person gave Confirm with Tab while it was armed stays given while it stays there: focusing
   * it can scroll the page, and the move that causes disarms Confirm for a moment.
   */
  setArmed(armed: boolean): void {
    this.#armed = armed
    this.#sawOutside = false
    this.#arrivedAt = undefined
    this.#downAccepted = false
    if (armed) this.#refusal = undefined
  }

  /** One trusted pointer event anywhere in the frame. Public so the rules can be tested without a browser. */
  pointer(event: PointerInput): void {
    if (!event.isTrusted) return
    const sample = { clientX: event.clientX, clientY: event.clientY, screenX: event.screenX, screenY: event.screenY, at: this.#now() }
    const last = this.#last
    this.#last = sample
    if (last && this.#disturbed(last, sample)) {
      this.#sawOutside = false
      this.#arrivedAt = undefined
    }
    const onTarget = this.#onTarget(event)
    if (!onTarget) {
      if (this.#armed) this.#sawOutside = true
      this.#arrivedAt = undefined
    } else if (this.#armed && this.#arrivedAt === undefined && (this.#sawOutside || (event.type === 'pointerdown' && event.pointerType === 'touch'))) {
      // A finger has no hover: a tap lands straight on Confirm, so touch counts from the tap
      // itself (still armed, not part of a rapid series). See docs/security.md on what that leaves.
      this.#arrivedAt = this.#now()
    }
    if (event.type === 'pointerdown') {
      const now = this.#now()
      const rapid = now - this.#lastDownAt < clickQuietMs
      this.#lastDownAt = now
      this.#downAccepted = onTarget && this.#armed && this.#arrivedAt !== undefined && !rapid
      if (onTarget && !this.#downAccepted) this.#refusal = !this.#armed ? 'not-armed' : rapid ? 'rapid' : 'not-arrived'
    }
  }

  key(event: Pick<KeyboardEvent, 'key' | 'isTrusted' | 'repeat'>): void {
    if (!event.isTrusted) return
    this.#lastKey = { key: event.key, at: this.#now(), repeat: event.repeat }
  }

  /** Focus landed somewhere in the frame: on Confirm, it counts only if the person's Tab here moved it. */
  focus(event: Pick<FocusEvent, 'composedPath'>): void {
    if (!this.#onTarget(event)) {
      this.#focusedByKeyAt = undefined
      return
    }
    const key = this.#lastKey
    const byTab = key !== undefined && key.key === 'Tab' && this.#now() - key.at < 250
    this.#focusedByKeyAt = this.#armed && byTab ? this.#now() : undefined
  }

  /**
   * Whether this activation of Confirm (its `click` event) counts. A click with `detail` 0 came
   * from the keyboard (Enter or Space on the focused button); any other from the pointer.
   */
  accepts(event: Pick<MouseEvent, 'isTrusted' | 'detail'>): boolean {
    const refusal = this.#judge(event)
    this.#refusal = refusal
    this.#downAccepted = false
    return refusal === undefined
  }

  #judge(event: Pick<MouseEvent, 'isTrusted' | 'detail'>): IntentRefusal | undefined {
    if (!event.isTrusted || !this.#armed) return 'not-armed'
    if (event.detail > 0) {
      if (this.#downAccepted) return undefined
      return this.#refusal && this.#refusal !== 'not-armed' ? this.#refusal : 'not-arrived'
    }
    const key = this.#lastKey
    const pressed = key !== undefined && (key.key === 'Enter' || key.key === ' ') && !key.repeat && this.#now() - key.at < 1000
    if (!pressed || this.#focusedByKeyAt === undefined) return 'not-focused-by-person'
    if (key.at - this.#focusedByKeyAt < keyDwellMs) return 'too-quick'
    return undefined
  }

  /**
   * Compares two pointer samples: a changed offset (screen minus client) is a move, and within
   * one motion a travel ratio off 1 is a scale. Either voids the arrival.
   */
  #disturbed(last: PointerSample, next: PointerSample): boolean {
    const screenDx = next.screenX - last.screenX
    const screenDy = next.screenY - last.screenY
    const clientDx = next.clientX - last.clientX
    const clientDy = next.clientY - last.clientY
    const oneMotion = next.at - last.at < motionGapMs
    const screenTravel = Math.hypot(screenDx, screenDy)
    if (oneMotion && screenTravel >= minTravelPx) {
      const ratio = Math.hypot(clientDx, clientDy) / screenTravel
      const scaled = Math.abs(ratio - 1) > scaleTolerance
      this.#events.onScaled(scaled)
      if (scaled) return true
    }
    const moved = Math.abs(screenDx - clientDx) > moveTolerancePx || Math.abs(screenDy - clientDy) > moveTolerancePx
    if (moved && oneMotion) this.#events.onMoved()
    return moved
  }

  #onTarget(event: Pick<Event, 'composedPath'>): boolean {
    const target = this.#target()
    return target ? event.composedPath().includes(target) : false
  }

  #forgetPointer(): void {
    this.#last = undefined
    this.#sawOutside = false
    this.#arrivedAt = undefined
  }

  #forgetFocus(): void {
    this.#focusedByKeyAt = undefined
  }
}
