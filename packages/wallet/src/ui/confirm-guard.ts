/** How long the confirmation must have been fully visible before its button works. */
export const confirmDelayMs = 600

type VisibilityEntry = Pick<IntersectionObserverEntry, 'isIntersecting' | 'intersectionRatio'> & { isVisible?: boolean }

/**
 * Keeps a confirmation's button disarmed until a person can really see it: the target fully in
 * view, and, where the browser supports IntersectionObserver v2 (`trackVisibility`), not
 * covered, faded or transformed by the host page, for `confirmDelayMs` without a break. A host
 * that overlays a decoy, or that shows the panel just as the pointer arrives, gets a dead button.
 */
export class ConfirmGuard {
  readonly #onChange: (armed: boolean) => void
  readonly #delayMs: number
  readonly #now: () => number
  #observer: IntersectionObserver | undefined
  #timer: ReturnType<typeof setTimeout> | undefined
  #visibleSince: number | undefined
  #armed = false

  constructor(onChange: (armed: boolean) => void, options: { delayMs?: number; now?: () => number } = {}) {
    this.#onChange = onChange
    this.#delayMs = options.delayMs ?? confirmDelayMs
    this.#now = options.now ?? (() => performance.now())
  }

  get armed(): boolean {
    return this.#armed
  }

  /** Starts watching `target` (the confirm button); disarmed until it has been visible long enough. */
  watch(target: Element): void {
    this.stop()
    const options = { threshold: [1], trackVisibility: true, delay: 100 } as IntersectionObserverInit
    this.#observer = new IntersectionObserver((entries) => {
      const entry = entries[entries.length - 1]
      if (entry) this.update(entry)
    }, options)
    this.#observer.observe(target)
  }

  /** One observation. Public so the rule can be tested without a browser. */
  update(entry: VisibilityEntry): void {
    const visible = isFullyVisible(entry)
    if (!visible) this.#visibleSince = undefined
    else this.#visibleSince ??= this.#now()
    this.#evaluate()
  }

  stop(): void {
    this.#observer?.disconnect()
    this.#observer = undefined
    clearTimeout(this.#timer)
    this.#visibleSince = undefined
    this.#set(false)
  }

  #evaluate(): void {
    clearTimeout(this.#timer)
    if (this.#visibleSince === undefined) return this.#set(false)
    const wait = this.#visibleSince + this.#delayMs - this.#now()
    if (wait <= 0) return this.#set(true)
    this.#set(false)
    this.#timer = setTimeout(() => this.#evaluate(), wait)
  }

  #set(armed: boolean): void {
    if (armed === this.#armed) return
    this.#armed = armed
    this.#onChange(armed)
  }
}

/** Fully in view, and where v2 reports it, unobscured. */
export function isFullyVisible(entry: VisibilityEntry): boolean {
  if (!entry.isIntersecting || entry.intersectionRatio < 0.99) return false
  return entry.isVisible ?? true
}
