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
