import { BaseError, ErrorCode, type WireResult, unwrap } from '@crosschain-lending/protocol'
import {
  type HostMethods,
  type WalletEvent,
  type WalletMethods,
  defaultCallTimeoutMs,
  isWalletEvent,
  walletChannel,
} from '@crosschain-lending/protocol/messenger'
import { CallOptions, type Connection, type RemoteProxy, WindowMessenger, connect } from 'penpal'

export type WalletConnectionParameters = {
  iframe: HTMLIFrameElement
  walletOrigin: string
  timeoutMs: number
  onEvent: (event: WalletEvent) => void
}

/**
 * The host side of the penpal channel to the wallet iframe. It talks only to that iframe's
 * window and only to the wallet origin, on the product's own channel name.
 */
export class WalletConnection {
  readonly #connection: Connection<WalletMethods>
  readonly #walletOrigin: string
  #remote: RemoteProxy<WalletMethods> | undefined

  constructor({ iframe, walletOrigin, timeoutMs, onEvent }: WalletConnectionParameters) {
    const contentWindow = iframe.contentWindow
    if (!contentWindow) throw new Error('The wallet iframe must be in the document before connecting.')
    this.#walletOrigin = walletOrigin
    const methods: HostMethods = {
      walletEvent: (event) => {
        if (isWalletEvent(event)) onEvent(event)
      },
    }
    this.#connection = connect<WalletMethods>({
      messenger: new WindowMessenger({ remoteWindow: contentWindow, allowedOrigins: [walletOrigin] }),
      methods,
      channel: walletChannel,
      timeout: timeoutMs,
    })
  }

  /** Resolves when the handshake completes; rejects with `WALLET_CONNECTION_TIMEOUT` otherwise. */
  async ready(): Promise<void> {
    try {
      this.#remote = await this.#connection.promise
    } catch (cause) {
      const code = (cause as { code?: unknown })?.code
      if (code === 'CONNECTION_DESTROYED') {
        throw new BaseError({ code: ErrorCode.WalletDisconnected, shortMessage: 'The connection to the wallet was closed.', cause })
      }
      throw new BaseError({
        code: ErrorCode.WalletConnectionTimeout,
        shortMessage: `Could not connect to the wallet at ${this.#walletOrigin}.`,
        details: `Check that the wallet origin is running and that its partner allowlist includes this site (${location.origin}).`,
        docsPath: '/docs/operate.md#partner-allowlist',
        cause,
      })
    }
  }

  /**
   * Calls a wallet method and unwraps its `WireResult`, throwing the typed error it carries.
   * `timeoutMs: null` waits as long as the person needs (methods that show a prompt).
   */
  async call<K extends keyof WalletMethods>(
    method: K,
    options: { timeoutMs?: number | null; args?: Parameters<WalletMethods[K]> } = {},
  ): Promise<WalletResultValue<K>> {
    if (!this.#remote) throw new BaseError({ code: ErrorCode.WalletDisconnected, shortMessage: 'The wallet is not connected yet.' })
    const timeout = options.timeoutMs === undefined ? defaultCallTimeoutMs : options.timeoutMs
    const callOptions = new CallOptions(timeout === null ? {} : { timeout })
    const invoke = this.#remote[method] as unknown as (...args: unknown[]) => Promise<unknown>
    return unwrap((await invoke(...(options.args ?? []), callOptions)) as WireResult<WalletResultValue<K>>)
  }

  destroy(): void {
    this.#connection.destroy()
    this.#remote = undefined
  }
}

type WalletResultValue<K extends keyof WalletMethods> =
  Awaited<ReturnType<WalletMethods[K]>> extends infer R ? (R extends { ok: true; value: infer V } ? V : never) : never
