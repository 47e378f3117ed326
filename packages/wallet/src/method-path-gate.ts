import { BaseError, ErrorCode, err } from '@crosschain-lending/protocol'
import type { Message, MessageHandler, Messenger } from 'penpal'

/**
 * Wraps the penpal messenger the wallet answers the host on, so that:
 *
 * - a call reaches penpal only when its method path is exactly one name that is an own property
 *   of the policy table. penpal resolves a path like `__proto__.toString` or `constructor` by
 *   walking properties, inherited ones included, so it would run members no table names; here
 *   such a call is answered with a typed `METHOD_NOT_ALLOWED` result and never dispatched.
 * - an error penpal itself throws and serializes (a reply that could not be cloned, say) crosses
 *   as a typed `{ ok: false, error: { code, message } }` result, never with its `stack`: the host
 *   learns what went wrong, not the wallet's code layout.
 */
export function gateMethodPaths(inner: Messenger, isAllowed: (name: string) => boolean): Messenger {
  const handlers = new Map<MessageHandler, MessageHandler>()
  return {
    initialize: (options) => inner.initialize(options),
    destroy: () => inner.destroy(),
    sendMessage: (message, transferables) => inner.sendMessage(withoutStack(message), transferables),
    addMessageHandler: (handler) => {
      const gated: MessageHandler = (message) => {
        if (message.type !== 'CALL') return handler(message)
        const path = Array.isArray(message.methodPath) ? message.methodPath : []
        const name = path.length === 1 && typeof path[0] === 'string' ? path[0] : undefined
        if (name !== undefined && isAllowed(name)) return handler(message)
        inner.sendMessage({
          namespace: message.namespace,
          channel: message.channel,
          type: 'REPLY',
          callId: message.id,
          value: err(
            new BaseError({
              code: ErrorCode.MethodNotAllowed,
              shortMessage: `The wallet has no method "${path.map(String).join('.').slice(0, 100)}". Call one of the methods its policy table names, by its plain name.`,
            }),
          ),
        } as Message)
      }
      handlers.set(handler, gated)
      inner.addMessageHandler(gated)
    },
    removeMessageHandler: (handler) => {
      const gated = handlers.get(handler)
      if (!gated) return
      handlers.delete(handler)
      inner.removeMessageHandler(gated)
    },
  }
}

/** A reply carrying a thrown error becomes an ordinary typed result: code and message only. */
function withoutStack(message: Message): Message {
  if (message.type !== 'REPLY' || !message.isError) return message
  const value = message.value as { message?: unknown; penpalCode?: unknown } | undefined
  const text = typeof value?.message === 'string' ? value.message : 'The wallet could not answer that call.'
  const code = value?.penpalCode === 'METHOD_NOT_FOUND' ? ErrorCode.MethodNotAllowed : ErrorCode.Unknown
  return { namespace: message.namespace, channel: message.channel, type: 'REPLY', callId: message.callId, value: err(new BaseError({ code, shortMessage: text })) } as Message
}
