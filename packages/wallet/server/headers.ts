import type { WalletConfig } from '../src/config'

/**
 * The headers every wallet response carries. `frame-ancestors` is the partner allowlist itself,
 * the same list penpal and the message gate use, so a site that is not on it cannot even load
 * the wallet in a frame. Scripts and styles come only from the wallet origin.
 */
export function walletSecurityHeaders(config: Pick<WalletConfig, 'allowedHostOrigins' | 'relayerUrl' | 'rpcUrl'>, options: { dev?: boolean } = {}): Record<string, string> {
  // The wallet talks to its own origin, the relayer and the chain's RPC, and nothing else.
  const connect = [...new Set([new URL(config.relayerUrl).origin, new URL(config.rpcUrl).origin])].join(' ')
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    // Lit styles are constructable stylesheets, which style-src does not need to allow inline.
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    // The dev server's hot reload uses a websocket to the same host.
    `connect-src 'self' ${connect}${options.dev ? ' ws: wss:' : ''}`,
    `frame-ancestors ${config.allowedHostOrigins.join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ')
  return {
    'Content-Security-Policy': csp,
    'Permissions-Policy': 'publickey-credentials-create=(self), publickey-credentials-get=(self), camera=(), microphone=(), geolocation=()',
    'Referrer-Policy': 'strict-origin',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  }
}

/** The page partners frame. */
const framePaths = new Set(['/', '/index.html'])

/**
 * Cross-origin isolation headers, chosen per response:
 *
 * - `Cross-Origin-Resource-Policy: same-origin` on everything but the framed page, so no other
 *   site can pull the wallet's scripts, styles or data into its own process (Spectre-style reads,
 *   or probing which build runs). The framed page gets none: CORP does not apply to framing by
 *   a page without COEP, and `same-origin` would stop a partner that sets
 *   `Cross-Origin-Embedder-Policy` from embedding the wallet at all; `frame-ancestors` decides who
 *   may frame it.
 * - No `Cross-Origin-Opener-Policy` on the passkey window, on purpose. That window is opened by the
 *   wallet frame, whose top-level page is the partner's (another origin), and answers only
 *   `window.opener`. COOP `same-origin` (and `same-origin-allow-popups`, which only spares the
 *   page's own popups) puts the window in a new browsing context group, which severs `opener`:
 *   tried in Chromium, the window then stays silent and every passkey prompt in popup mode fails
 *   (test/browser/passkey-window.test.ts). The window guards itself instead: it acts only for an
 *   opener on its own origin and refuses to be framed. COOP on the framed page would be ignored
 *   (browsers apply it to top-level documents only), so it is not sent there either.
 */
export function walletIsolationHeaders(pathname: string): Record<string, string> {
  if (framePaths.has(pathname)) return {}
  return { 'Cross-Origin-Resource-Policy': 'same-origin' }
}
