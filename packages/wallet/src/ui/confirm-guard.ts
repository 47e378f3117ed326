/** How long the confirmation must have been fully visible, unscaled and unmoved before its button works. */
export const confirmDelayMs = 600

/**
 * The smallest `devicePixelRatio` the frame accepts as its natural size. CSS `zoom` on the iframe
 * (or an ancestor) reaches the frame only as a smaller `devicePixelRatio` (Chromium: 0.3 under
 * `zoom: 0.3`); IntersectionObserver v2 does not report it. The frame cannot tell a host's zoom
 * from the person's own browser zoom or screen density, so the floor sits below the usual zoom-out
 * steps a person picks (90 %, 80 %) and above what makes text unreadable (a 14 px line at 0.3 is
 * about 4 px). Pointer movement measures the scale exactly (see ConfirmIntent).
 */
export const minDevicePixelRatio = 0.75

export type DisarmReason = 'hidden' | 'scaled' | 'settling'

type VisibilityEntry = Pick<IntersectionObserverEntry, 'isIntersecting' | 'intersectionRatio'> & { isVisible?: boolean }

/**
 * Keeps a confirmation's button disarmed until a person can really see it: the target fully in
 * view, and, where the browser supports IntersectionObserver v2 (`trackVisibility`), not
 * covered, faded or transformed by the host page; shown at its natural size (no zoom, no scale);
 * and all of that for `confirmDelayMs` without a break. Any move or change of scale the frame
 * notices (`disturb`) starts the wait again. A host that overlays a decoy, zooms the panel, or
 * shows or moves it just as the pointer arrives, gets a dead button.
 */
export class ConfirmGuard {
  readonly #onChange: (armed: boolean) => void
  readonly #delayMs: number
  readonly #now: () => number
  readonly #pixelRatio: () => number
  #observer: IntersectionObserver | undefined
  #timer: ReturnType<typeof setTimeout> | undefined
  #visible = false
  #scaled = false
  #steadySince: number | undefined
  #armed = false
  #reportedScaled = false
  #stopWatchingRatio: (() => void) | undefined

  constructor(onChange: (armed: boolean) => void, options: { delayMs?: number; now?: () => number; pixelRatio?: () => number } = {}) {
    this.#onChange = onChange
    this.#delayMs = options.delayMs ?? confirmDelayMs
    this.#now = options.now ?? (() => performance.now())
    this.#pixelRatio = options.pixelRatio ?? (() => globalThis.devicePixelRatio ?? 1)
  }

  get armed(): boolean {
    return this.#armed
  }

  /** Why the button is disarmed (undefined while armed): what the hint tells the person. */
  get reason(): DisarmReason | undefined {
    if (this.#armed) return undefined
    // Zoom first: a zoomed panel can also read as partly out of view, and the zoom is the cause.
    if (this.#scaled || !this.#naturalRatio()) return 'scaled'
    if (!this.#visible) return 'hidden'
    return 'settling'
  }

  /** Starts watching `target` (the confirmation panel); disarmed until it has been visible long enough. */
  watch(target: Element): void {
    this.stop()
    const options = { threshold: [1], trackVisibility: true, delay: 100 } as IntersectionObserverInit
    this.#observer = new IntersectionObserver((entries) => {
      const entry = entries[entries.length - 1]
      if (entry) this.update(entry)
    }, options)
    this.#observer.observe(target)
    this.#watchPixelRatio()
  }

  /** One observation. Public so the rule can be tested without a browser. */
  update(entry: VisibilityEntry): void {
    const visible = isFullyVisible(entry)
    // Another report of the same visibility is not a change: the wait already running holds.
    if (visible === this.#visible && (!visible || this.#steadySince !== undefined || this.#armed)) return this.#evaluate()
    this.#visible = visible
    this.#restart()
  }

  /** The frame moved, or its zoom changed: the person must see it at rest again before it arms. */
  disturb(): void {
    this.#restart()
  }

  /** What the pointer measured: whether the frame's pixels are the page's pixels (see ConfirmIntent). */
  setScaled(scaled: boolean): void {
    if (scaled === this.#scaled) return
    this.#scaled = scaled
    this.#restart()
  }

  stop(): void {
    this.#observer?.disconnect()
    this.#observer = undefined
    this.#stopWatchingRatio?.()
    this.#stopWatchingRatio = undefined
    clearTimeout(this.#timer)
    this.#visible = false
    this.#scaled = false
    this.#steadySince = undefined
    this.#set(false)
  }

  #naturalRatio(): boolean {
    return this.#pixelRatio() >= minDevicePixelRatio
  }

  #restart(): void {
    this.#steadySince = this.#visible && !this.#scaled && this.#naturalRatio() ? this.#now() : undefined
    this.#evaluate()
  }

  /** A zoom applied while the panel is open changes devicePixelRatio; the browser says when. */
  #watchPixelRatio(): void {
    if (typeof matchMedia !== 'function') return
    const query = matchMedia(`(resolution: ${this.#pixelRatio()}dppx)`)
    const onChange = () => {
      this.#stopWatchingRatio?.()
      this.#watchPixelRatio()
      this.#restart()
    }
    query.addEventListener('change', onChange, { once: true })
    this.#stopWatchingRatio = () => query.removeEventListener('change', onChange)
  }

  #evaluate(): void {
    clearTimeout(this.#timer)
    if (this.#steadySince === undefined || !this.#naturalRatio()) return this.#set(false)
    const wait = this.#steadySince + this.#delayMs - this.#now()
    if (wait <= 0) return this.#set(true)
    this.#set(false)
    this.#timer = setTimeout(() => this.#evaluate(), wait)
  }

  /** Tells the panel when Confirm arms or disarms, and when the reason it is disarmed changes. */
  #set(armed: boolean): void {
    const wasArmed = this.#armed
    this.#armed = armed
    // The reason reads live state (devicePixelRatio), so compare with what was last reported;
    // the panel's hint tells only "zoomed" apart from the other waits.
    const scaled = this.reason === 'scaled'
    if (armed === wasArmed && scaled === this.#reportedScaled) return
    this.#reportedScaled = scaled
    this.#onChange(armed)
  }
}

/** Fully in view, and where v2 reports it, unobscured. */
export function isFullyVisible(entry: VisibilityEntry): boolean {
  if (!entry.isIntersecting || entry.intersectionRatio < 0.99) return false
  return entry.isVisible ?? true
}
