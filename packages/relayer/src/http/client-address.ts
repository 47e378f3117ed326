import type { IncomingMessage } from 'node:http'
import { isIPv4, isIPv6 } from 'node:net'

/** Who is calling, as budgets count them: the address, and the network it sits in. */
export type ClientIdentity = {
  /** The client's address; an IPv4 address even when it arrived IPv4-mapped (`::ffff:a.b.c.d`). */
  address: string
  /** Its /24 (IPv4) or /64 (IPv6): what one operator of many addresses usually holds. */
  subnet: string
}

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

export function clientIdentity(request: IncomingMessage, trustProxy: boolean): ClientIdentity {
  const address = unmapped(clientAddress(request, trustProxy))
  return { address, subnet: subnetOf(address) }
}

function unmapped(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  return mapped ? mapped[1]! : address
}

/**
 * `a.b.c.0/24` for IPv4, the first four groups and `::/64` for IPv6. Anything else (a proxy that
 * wrote no address) is its own subnet, so it is still counted, never let through.
 */
export function subnetOf(address: string): string {
  if (isIPv4(address)) return `${address.split('.').slice(0, 3).join('.')}.0/24`
  const bare = address.replace(/%.*$/, '')
  if (!isIPv6(bare)) return address
  const [head = '', tail] = bare.toLowerCase().split('::')
  const headGroups = head ? head.split(':') : []
  // An embedded IPv4 tail (::ffff:… forms other than the mapped one) lies past the /64 anyway.
  const tailGroups = tail === undefined ? [] : tail ? tail.split(':') : []
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0'), ...tailGroups]
  return `${groups
    .slice(0, 4)
    .map((group) => (group.includes('.') ? '0' : Number.parseInt(group || '0', 16).toString(16)))
    .join(':')}::/64`
}
