import { BaseError, ErrorCode, fromWireError, toBase64Url, walletChainNames } from '@crosschain-lending/protocol'
import type { ExternalWalletAccount } from '@crosschain-lending/protocol/messenger'
import { type Confirmation, opensWindow } from '../confirmations'
import { openOwnWindow } from '../window-page'
import { type WalletWindowMessage, type WalletWindowSignRequest, type WalletWindowTask, parseWalletWindowMessage, walletWindowPath, walletWindowTag } from './messages'

export type WalletWindowDependencies = {
  /** Asks for a click on the wallet's panel: browsers open windows only right after one. */
  confirm: (confirmation: Confirmation) => Promise<void>
  /** Where open windows are registered, so the wallet's message gate lets them (and only them) speak. */
  windows?: Set<MessageEventSource>
  /** Ask on the panel before opening, even right after a click in the wallet (host-started flows). */
  askFirst?: boolean
  /** For tests: how often to look whether the person closed the window. */
  closedPollMs?: number
}

/** What the frame asks the window for, before it has an id. */
export type WalletWindowRequest = Omit<WalletWindowTask, 'id'> & {
  /** The panel's words before the window opens ("Connect your EVM wallet"). */
  openLabel?: string
}

const windowFeatures = 'popup,width=480,height=720'

const closedError = () =>
  new BaseError({ code: ErrorCode.UserRejected, shortMessage: 'The wallet window was closed before your wallet answered. Nothing was signed; you can try again.' })

/**
 * The frame's side of one external-wallet window: opened from a click on the wallet's own
 * panel, it tells the window what it is for, waits for the wallet the person connects there,
 * and asks that wallet to sign exactly the message the frame wrote. Nothing here comes from the
 * host page: the window is the wallet origin's own top-level page, and the frame accepts
 * messages only from the window it opened, on its own origin. The frame still verifies every
 * signature (binding/verify-external.ts) before it uses it.
 */
export class WalletWindowSession {
  readonly #popup: Window
  readonly #id = toBase64Url(crypto.getRandomValues(new Uint8Array(16)))
  readonly #deps: WalletWindowDependencies
  readonly #task: WalletWindowTask
  #waiting: { type: 'connected' | 'signed'; resolve: (message: WalletWindowMessage) => void; reject: (error: unknown) => void } | undefined
  #early: WalletWindowMessage | undefined
  #failure: unknown
  /**
   * The window stopped the flow and shows why (no wallet installed, the wrong account): it stays
   * open for the person to read what to do, and closes from its own button. A cancel or a
   * refusal in the wallet needs no reading: that window is closed as usual.
   */
  #windowShowsFailure = false
  readonly #poll: ReturnType<typeof setInterval>
  readonly #onMessage: (event: MessageEvent) => void

  private constructor(popup: Window, request: WalletWindowTask, deps: WalletWindowDependencies) {
    this.#popup = popup
    this.#deps = deps
    this.#task = { ...request, id: this.#id }
    deps.windows?.add(popup)
    this.#onMessage = (event: MessageEvent) => {
      // Only the window this frame opened, only from the wallet's own origin.
      if (event.source !== popup || event.origin !== location.origin) return
      const message = parseWalletWindowMessage(event.data)
      if (!message) return
      if (message.type === 'ready') {
        popup.postMessage({ tag: walletWindowTag, type: 'task', ...this.#task } satisfies WalletWindowMessage, location.origin)
        return
      }
      if (!('id' in message) || message.id !== this.#id) return
      if (message.type === 'failure') {
        this.#windowShowsFailure = message.error.code !== ErrorCode.UserRejected
        this.#fail(fromWireError(message.error))
      }
      else if (message.type === 'connected' || message.type === 'signed') this.#deliver(message)
    }
    window.addEventListener('message', this.#onMessage)
    // A closed window sends nothing, so the frame looks.
    this.#poll = setInterval(() => {
      if (popup.closed) this.#fail(closedError())
    }, deps.closedPollMs ?? 250)
  }

  /**
   * Opens the window for `request`. The panel asks first ("Connect your EVM wallet") when the
   * host started the flow (`askFirst`) or the person's last click in the wallet has expired:
   * the host can start a flow, but only the person's click in the wallet opens the window.
   */
  static async open(request: WalletWindowRequest, deps: WalletWindowDependencies): Promise<WalletWindowSession> {
    const { openLabel, ...task } = request
    const activation = (navigator as Navigator & { userActivation?: { isActive: boolean } }).userActivation
    // A step approved in the window: the panel shows the same confirmation, and only opens it.
    const ask: Confirmation = task.confirmation
      ? opensWindow(task.confirmation, 'wallet-window')
      : {
          title: openLabel ?? `Connect your ${walletChainNames[task.chain]} wallet`,
          lines: [
            { label: 'Why', value: task.title },
            ...task.lines.filter((line) => line.label === 'Account'),
            { label: 'Where', value: `Your wallet opens in a window of ${location.host}, where your wallet extension shows this wallet as the site asking.` },
          ],
          confirmLabel: 'Open wallet window',
        }
    let asked = false
    if (deps.askFirst || task.confirmation || !activation?.isActive) {
      await deps.confirm(ask)
      asked = true
    }
    const popup = await openOwnWindow({
      path: walletWindowPath,
      namePrefix: 'ccl-wallet',
      features: windowFeatures,
      asked,
      ask: () => deps.confirm(ask),
      blocked: {
        what: 'wallet window',
        details: 'External wallets connect and sign in a window of the wallet origin, never through the site.',
        docsPath: '/docs/integrate.md#wallet-window',
      },
    })
    return new WalletWindowSession(popup, { ...task, id: '' }, deps)
  }

  /** The wallet the person connected in the window, as it reports itself (verified later by its signature). */
  async connected(): Promise<ExternalWalletAccount> {
    const message = await this.#next('connected')
    if (message.type !== 'connected') throw new Error('unreachable')
    if (message.account.chain !== this.#task.chain) {
      throw new BaseError({ code: ErrorCode.InvalidRequest, shortMessage: `The window connected a ${walletChainNames[message.account.chain]} wallet, not ${walletChainNames[this.#task.chain]}.` })
    }
    return message.account
  }

  /** Has the connected wallet sign exactly `request` (its text or typed data); resolves with its answer, unverified. */
  async sign(request: WalletWindowSignRequest): Promise<{ signature: string; publicKey?: string }> {
    this.#popup.postMessage({ tag: walletWindowTag, type: 'sign', id: this.#id, ...request } satisfies WalletWindowMessage, location.origin)
    const message = await this.#next('signed')
    if (message.type !== 'signed') throw new Error('unreachable')
    return { signature: message.signature, ...(message.publicKey ? { publicKey: message.publicKey } : {}) }
  }

  /** Tells the window the step failed (it shows why) without closing it. */
  report(error: BaseError): void {
    this.#popup.postMessage({ tag: walletWindowTag, type: 'failure', id: this.#id, error: { code: error.code, message: error.message } } satisfies WalletWindowMessage, location.origin)
  }

  /**
   * Stops listening and closes the window (unless it shows a failure of its own for the person
   * to read). The frame closes it, so no answer is lost in flight.
   */
  close(): void {
    clearInterval(this.#poll)
    window.removeEventListener('message', this.#onMessage)
    this.#deps.windows?.delete(this.#popup)
    if (!this.#popup.closed && !this.#windowShowsFailure) this.#popup.close()
    this.#fail(closedError())
  }

  #next(type: 'connected' | 'signed'): Promise<WalletWindowMessage> {
    if (this.#failure) return Promise.reject(this.#failure)
    const early = this.#early
    if (early?.type === type) {
      this.#early = undefined
      return Promise.resolve(early)
    }
    return new Promise((resolve, reject) => {
      this.#waiting = { type, resolve, reject }
    })
  }

  #deliver(message: WalletWindowMessage): void {
    const waiting = this.#waiting
    if (waiting && waiting.type === message.type) {
      this.#waiting = undefined
      waiting.resolve(message)
    } else {
      // The window connected before the frame asked: kept for the frame's next step.
      this.#early = message
    }
  }

  #fail(error: unknown): void {
    this.#failure ??= error
    const waiting = this.#waiting
    this.#waiting = undefined
    waiting?.reject(this.#failure)
  }
}

/** Runs `work` with a window open for `request`, and closes the window however it ends. */
export async function withWalletWindow<T>(request: WalletWindowRequest, deps: WalletWindowDependencies, work: (session: WalletWindowSession) => Promise<T>): Promise<T> {
  const session = await WalletWindowSession.open(request, deps)
  try {
    return await work(session)
  } catch (error) {
    if (error instanceof BaseError) session.report(error)
    throw error
  } finally {
    session.close()
  }
}
