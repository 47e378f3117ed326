/**
 * The wallet's first line against hostile pages: a capture-phase `message` listener, installed
 * before penpal's, that stops every message not sent by the embedding window from an allowed
 * origin. penpal checks the same things; this gate fails closed on its own, and keeps a count
 * of what it dropped so operators and tests can see hostile traffic.
 */
export type DroppedMessage = { origin: string; reason: 'origin-not-allowed' | 'not-from-parent' }

export type MessageGate = {
  readonly dropped: readonly DroppedMessage[]
  /**
   * The origin of the last message the embedding window sent from an allowed origin: the same
   * test penpal applies before it takes an origin as the connection's (its SYN), so once penpal
   * has connected, this is the origin it verified. Undefined before any such message.
   */
  readonly parentOrigin: string | undefined
  dispose(): void
}

const maxRecorded = 50

export function installMessageGate(options: {
  target: Window
  allowedOrigins: readonly string[]
  /** The only window the wallet talks to: its embedder. */
  expectedSource: Window
  /**
   * Windows this wallet opened itself on its own origin (the passkey window): their messages,
   * from this document's own origin only, pass to the code that opened them.
   */
  ownWindows?: { has(source: MessageEventSource | null): boolean }
  onDrop?: (dropped: DroppedMessage) => void
}): MessageGate {
  const dropped: DroppedMessage[] = []
  let parentOrigin: string | undefined
  const ownOrigin = options.target.location?.origin
  const listener = (event: MessageEvent) => {
    if (event.origin === ownOrigin && options.ownWindows?.has(event.source)) return
    const reason: DroppedMessage['reason'] | undefined = !options.allowedOrigins.includes(event.origin)
      ? 'origin-not-allowed'
      : event.source !== options.expectedSource
        ? 'not-from-parent'
        : undefined
    // penpal's own traffic after the handshake runs over a MessagePort, not window messages.
    if (!reason) {
      parentOrigin = event.origin
      return
    }
    event.stopImmediatePropagation()
    const record = { origin: event.origin, reason }
    if (dropped.length < maxRecorded) dropped.push(record)
    options.onDrop?.(record)
  }
  options.target.addEventListener('message', listener, { capture: true })
  return {
    dropped,
    get parentOrigin() {
      return parentOrigin
    },
    dispose: () => options.target.removeEventListener('message', listener, { capture: true }),
  }
}
