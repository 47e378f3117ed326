import type { IncomingMessage } from 'node:http'

/**
 * The address to rate-limit a client by. Behind a trusted proxy it is the last address in
 * X-Forwarded-For, the one the proxy itself appended: earlier entries come from the client and
 * can be anything. Without a trusted proxy the header is ignored for the same reason.
 */
export function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = request.headers['x-forwarded-for']
    const list = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((entry) => entry.trim()).filter(Boolean)
    const last = list.at(-1)
    if (last) return last
  }
  return request.socket.remoteAddress ?? 'unknown'
}
