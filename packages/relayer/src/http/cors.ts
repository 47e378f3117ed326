import { isOriginAllowed } from '@crosschain-lending/protocol'
import type { Headers } from './respond'

/**
 * CORS for the wallet origins, and nobody else. An allowed origin gets exactly its own origin
 * back (never `*`); any other origin gets no CORS headers, so its browser will not hand it the
 * response. `Vary: Origin` keeps caches from serving one origin's answer to another.
 */
export class CorsPolicy {
  readonly #allowed: readonly string[]

  constructor(allowedOrigins: readonly string[]) {
    this.#allowed = allowedOrigins
  }

  /** True when the request may proceed: no Origin header (not a browser page), or an allowed one. */
  permits(origin: string | undefined): boolean {
    return origin === undefined || isOriginAllowed(origin, this.#allowed)
  }

  /** Headers for an ordinary response. */
  headersFor(origin: string | undefined): Headers {
    if (origin === undefined || !isOriginAllowed(origin, this.#allowed)) return { vary: 'Origin' }
    return { vary: 'Origin', 'access-control-allow-origin': origin }
  }

  /** Headers for a preflight (OPTIONS) from an allowed origin. */
  preflightHeadersFor(origin: string | undefined): Headers {
    const headers = this.headersFor(origin)
    if (!headers['access-control-allow-origin']) return headers
    return {
      ...headers,
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'content-type',
      'access-control-max-age': '600',
    }
  }
}
