import type { CeremonyContext, CeremonyRunner } from '../passkeys/ceremony-runner'

/**
 * Whether the browser refused the prompt because it runs in a cross-origin frame (rather than
 * because the person cancelled): a permissions policy that does not delegate passkeys to the
 * frame, or a browser that allows them only in top-level documents.
 */
export function refusedInFrame(error: unknown): boolean {
  const seen = new Set<unknown>()
  for (let current = error; current && !seen.has(current); current = (current as { cause?: unknown }).cause) {
    seen.add(current)
    const { name, message } = current as { name?: unknown; message?: unknown }
    if (typeof message !== 'string') continue
    if (/permissions policy|feature is not enabled|publickey-credentials-(create|get)/i.test(message)) return true
    if (/not the same as its ancestors|cross-origin (iframe|frame)|third-party (iframe|frame)/i.test(message)) return true
    if (name === 'NotSupportedError' && /iframe|frame/i.test(message)) return true
  }
  return false
}

/**
 * `passkeyWindow: auto`: prompts open in the frame; if the browser refuses them there, this
 * prompt and every later one open in the wallet's own window instead. The person sees one prompt,
 * in the window (asked for a click first if the browser needs one to open it).
 */
export class FallbackRunner implements CeremonyRunner {
  #current: CeremonyRunner
  readonly #popup: CeremonyRunner

  constructor(inFrame: CeremonyRunner, popup: CeremonyRunner) {
    this.#current = inFrame
    this.#popup = popup
  }

  get kind(): CeremonyRunner['kind'] {
    return this.#current.kind
  }

  register: CeremonyRunner['register'] = (options, context) => this.#run((runner) => runner.register(options, context), context)
  authenticate: CeremonyRunner['authenticate'] = (options, context) => this.#run((runner) => runner.authenticate(options, context), context)

  async #run<T>(ceremony: (runner: CeremonyRunner) => Promise<T>, context: CeremonyContext): Promise<T> {
    const runner = this.#current
    try {
      return await ceremony(runner)
    } catch (error) {
      if (runner === this.#popup || context.signal.aborted || !refusedInFrame(error)) throw error
      this.#current = this.#popup
      return ceremony(this.#popup)
    }
  }
}
