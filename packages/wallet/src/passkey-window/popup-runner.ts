import { BaseError, ErrorCode, fromWireError, toBase64Url } from '@crosschain-lending/protocol'
import type { Confirmation } from '../confirmations'
import { openOwnWindow } from '../window-page'
import type { CeremonyContext, CeremonyRunner } from '../passkeys/ceremony-runner'
import { type CeremonyKind, type PasskeyWindowMessage, parsePasskeyWindowMessage, passkeyWindowPath, passkeyWindowTag } from './messages'

export type PopupRunnerDependencies = {
  /** The site the wallet is embedded in, named in the window so the person knows who asked. */
  hostOrigin: () => string
  /**
   * Asks for a click on the wallet's panel. Browsers open windows only right after a click,
   * and a flow that waited on the chain or the host's wallet may have outlived the last one.
   */
  confirm: (confirmation: Confirmation) => Promise<void>
  /** Where the windows it opens are registered while open, so the wallet's message gate lets them speak. */
  windows?: Set<MessageEventSource>
  /** For tests: how often to look whether the person closed the window. */
  closedPollMs?: number
}

const windowFeatures = 'popup,width=480,height=640'

const askToOpen: Confirmation = {
  title: 'Continue in the passkey window',
  lines: [{ label: 'Why', value: 'This browser shows passkey prompts in a window of the wallet’s own, not inside other sites.' }],
  confirmLabel: 'Open the passkey window',
}

function cancelled(why: string): BaseError {
  return new BaseError({ code: ErrorCode.PasskeyCancelled, shortMessage: why })
}

/**
 * Runs each passkey prompt in a window on the wallet origin (`/passkey.html`), top-level and
 * first-party, where every browser allows `create()`. The frame keeps everything else: the
 * options it builds, the checks on the response, the confirmation panel, the submission.
 * The window only shows who asks and why, waits for the person's click, runs the prompt and
 * answers. Closing it, or cancelling from the panel, fails the ceremony as cancelled.
 */
export class PopupRunner implements CeremonyRunner {
  readonly kind = 'popup'
  readonly #deps: PopupRunnerDependencies
  /** A window whose registration just answered, kept for the same ceremony's follow-up prompt (the creation proof). */
  readonly #kept = new WeakMap<AbortSignal, Window>()

  constructor(deps: PopupRunnerDependencies) {
    this.#deps = deps
  }

  register: CeremonyRunner['register'] = (options, context) => this.#run('register', options, context) as ReturnType<CeremonyRunner['register']>
  authenticate: CeremonyRunner['authenticate'] = (options, context) => this.#run('authenticate', options, context) as ReturnType<CeremonyRunner['authenticate']>

  async #run(kind: CeremonyKind, options: object, { label, signal, confirmation }: CeremonyContext): Promise<unknown> {
    // Read before anything opens: a site the connection has not verified stops the ceremony here.
    const site = this.#deps.hostOrigin()
    const kept = this.#kept.get(signal)
    this.#kept.delete(signal)
    const followUp = kept !== undefined && !kept.closed
    const popup = followUp ? kept : await this.#open(signal)
    this.#deps.windows?.add(popup)
    const id = toBase64Url(crypto.getRandomValues(new Uint8Array(16)))
    const ceremony = (): PasskeyWindowMessage => ({ tag: passkeyWindowTag, type: 'ceremony', id, kind, options: options as never, purpose: label, site, ...(followUp ? { followUp } : {}), ...(confirmation ? { confirmation } : {}) })
    // The window is already listening: the follow-up goes to it at once.
    if (followUp) popup.postMessage(ceremony(), location.origin)
    return new Promise((resolve, reject) => {
      const onMessage = (event: MessageEvent) => {
        // Only the window this frame opened, only from the wallet's own origin.
        if (event.source !== popup || event.origin !== location.origin) return
        const message = parsePasskeyWindowMessage(event.data)
        if (!message) return
        if (message.type === 'ready') {
          popup.postMessage(ceremony(), location.origin)
        } else if ((message.type === 'result' || message.type === 'failure') && message.id === id) {
          done()
          // A new passkey is proved at once by an assertion in the same window (the window closes
          // itself shortly if none comes). Otherwise the frame closes the window once it has the
          // answer: were the window to close itself, the frame could see it closed before the answer arrived.
          if (message.type === 'result' && kind === 'register') this.#kept.set(signal, popup)
          else popup.close()
          if (message.type === 'result') resolve(message.response)
          else reject(fromWireError(message.error))
        }
      }
      const onAbort = () => {
        done()
        popup.close()
        reject(cancelled('You cancelled the passkey prompt. Nothing was created or signed; you can try again.'))
      }
      // A closed window sends nothing, so the frame looks.
      const poll = setInterval(() => {
        if (!popup.closed) return
        done()
        reject(cancelled('The passkey window was closed before the passkey answered. Nothing was created or signed; you can try again.'))
      }, this.#deps.closedPollMs ?? 250)
      const done = () => {
        this.#deps.windows?.delete(popup)
        clearInterval(poll)
        window.removeEventListener('message', onMessage)
        signal.removeEventListener('abort', onAbort)
      }
      window.addEventListener('message', onMessage)
      signal.addEventListener('abort', onAbort, { once: true })
    })
  }

  /** Opens the window, asking for a click on the panel first when the last one has expired. */
  async #open(signal: AbortSignal): Promise<Window> {
    const activation = (navigator as Navigator & { userActivation?: { isActive: boolean } }).userActivation
    let asked = false
    if (activation && !activation.isActive) {
      await this.#deps.confirm(askToOpen)
      asked = true
    }
    if (signal.aborted) throw cancelled('You cancelled the passkey prompt. Nothing was created or signed.')
    return openOwnWindow({
      path: passkeyWindowPath,
      namePrefix: 'ccl-passkey',
      features: windowFeatures,
      asked,
      ask: () => this.#deps.confirm(askToOpen),
      blocked: {
        what: 'passkey window',
        details: 'The wallet opens passkey prompts in a window of its own on this browser (passkeyWindow: popup or auto).',
        docsPath: '/docs/integrate.md#passkey-window',
      },
    })
  }
}
