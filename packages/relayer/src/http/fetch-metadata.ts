import type { IncomingMessage } from 'node:http'
import { ErrorCode } from '@crosschain-lending/protocol'
import { RelayerError } from '../errors'

/**
 * Refuses what a browser sends when a page loads the relayer as a resource rather than calling
 * it: `<img>`, `<script>`, `<iframe>`, a link followed or a form submitted. Those carry no
 * Origin header on GET, so the CORS check lets them through, and any page could make its
 * visitors spend their address's budget. Browsers label them with Fetch Metadata
 * (`Sec-Fetch-Mode`, `Sec-Fetch-Dest`); the wallet's own `fetch()` calls are `cors` / `empty`,
 * and non-browser clients send neither header, so they are unaffected.
 */
export function refuseBrowserLoads(request: IncomingMessage): void {
  const mode = request.headers['sec-fetch-mode']
  const dest = request.headers['sec-fetch-dest']
  const loaded = (mode !== undefined && mode !== 'cors' && mode !== 'same-origin') || (dest !== undefined && dest !== 'empty')
  if (!loaded) return
  throw new RelayerError({
    code: ErrorCode.OriginNotAllowed,
    shortMessage: `The relayer answers only the wallet's fetch() calls, not a page loading it as ${JSON.stringify(String(dest ?? mode).slice(0, 40))}.`,
    details: 'Call it with fetch() from a wallet origin in CCL_ALLOWED_WALLET_ORIGINS, or from a server without Sec-Fetch-* headers.',
    httpStatus: 403,
  })
}
