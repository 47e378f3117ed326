import { BaseError, type ChainId, ErrorCode, assertRpIdFor, chainIds, parseOrigin } from '@crosschain-lending/protocol'

/**
 * The wallet's runtime configuration. The wallet server writes it into index.html as a
 * `<meta name="ccl-wallet-config">` tag, from the same values it uses for the
 * Content-Security-Policy, so the penpal allowlist and `frame-ancestors` cannot drift apart.
 */
export type WalletConfig = {
  /** WebAuthn relying-party ID: the wallet's domain. */
  rpId: string
  /** Name shown in the passkey prompt. */
  rpName: string
  /** Host page origins allowed to embed and talk to the wallet (partner allowlist). */
  allowedHostOrigins: string[]
  /** Where signed requests and new accounts go. */
  relayerUrl: string
  /** A NEAR JSON-RPC endpoint for the contract's views (accounts, positions). */
  rpcUrl: string
  contractId: string
  chainId: ChainId
  /**
   * Where passkey prompts open. `iframe`: in the wallet's frame. `popup`: always in a window of
   * the wallet's own (what Safari needed before it allowed passkeys in cross-origin frames).
   * `auto` (default): in the frame, and in a window from then on if the browser refuses there.
   */
  passkeyWindow: PasskeyWindowMode
  /**
   * Which operations are approved in the passkey window. `authority` (default): what the policy
   * table routes there (Borrow, binding, recovery, access changes); Supply, Repay and Adjust on
   * the panel. `all`: every operation (a deployment that accepts no approval inside a frame the
   * page could mask). The host cannot lower this; `passkey-window="popup"` can only raise it.
   */
  approvalWindow: ApprovalWindowMode
}

export const passkeyWindowModes = ['auto', 'iframe', 'popup'] as const
export type PasskeyWindowMode = (typeof passkeyWindowModes)[number]

export const approvalWindowModes = ['authority', 'all'] as const
export type ApprovalWindowMode = (typeof approvalWindowModes)[number]

export const walletConfigMetaName = 'ccl-wallet-config'

function invalid(why: string, cause?: unknown): BaseError {
  return new BaseError({
    code: ErrorCode.InvalidConfiguration,
    shortMessage: `The wallet configuration is invalid: ${why}.`,
    details: 'The wallet server writes this configuration; see docs/operate.md.',
    docsPath: '/docs/operate.md#wallet-configuration',
    cause,
  })
}

/**
 * Validates configuration from any source. Fails closed: an empty allowlist or an RP ID that
 * does not fit the wallet's host name is an error, never a permissive default.
 */
export function parseWalletConfig(raw: unknown, walletHostname: string): WalletConfig {
  if (typeof raw !== 'object' || raw === null) throw invalid('expected an object')
  const { rpId, rpName, allowedHostOrigins, relayerUrl, rpcUrl, contractId, chainId, passkeyWindow = 'auto', approvalWindow = 'authority' } = raw as Record<string, unknown>
  if (typeof rpId !== 'string') throw invalid('rpId must be a string')
  assertRpIdFor(rpId, walletHostname)
  if (typeof rpName !== 'string' || !rpName.trim()) throw invalid('rpName must be a non-empty string')
  if (!Array.isArray(allowedHostOrigins) || allowedHostOrigins.length === 0) {
    throw invalid('allowedHostOrigins must list at least one partner origin')
  }
  const origins = allowedHostOrigins.map((origin) => {
    if (typeof origin !== 'string') throw invalid('every allowed host origin must be a string')
    return parseOrigin(origin, 'allowed host origin')
  })
  const endpoint = (value: unknown, name: string) => {
    if (typeof value !== 'string') throw invalid(`${name} must be a URL`)
    let url: URL
    try {
      url = new URL(value)
    } catch (cause) {
      throw invalid(`${name} "${value}" is not a URL`, cause)
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid(`${name} must be http(s)`)
    return url.href.replace(/\/$/, '')
  }
  if (typeof contractId !== 'string' || !/^[a-z0-9._-]{2,64}$/.test(contractId)) throw invalid('contractId must be a NEAR account id')
  if (typeof chainId !== 'string' || !(chainIds as readonly string[]).includes(chainId)) throw invalid(`chainId must be one of ${chainIds.join(', ')}`)
  if (typeof passkeyWindow !== 'string' || !(passkeyWindowModes as readonly string[]).includes(passkeyWindow)) {
    throw invalid(`passkeyWindow must be one of ${passkeyWindowModes.join(', ')}`)
  }
  if (typeof approvalWindow !== 'string' || !(approvalWindowModes as readonly string[]).includes(approvalWindow)) {
    throw invalid(`approvalWindow must be one of ${approvalWindowModes.join(', ')}`)
  }
  return {
    rpId,
    rpName: rpName.trim(),
    allowedHostOrigins: [...new Set(origins)],
    relayerUrl: endpoint(relayerUrl, 'relayerUrl'),
    rpcUrl: endpoint(rpcUrl, 'rpcUrl'),
    contractId,
    chainId: chainId as ChainId,
    passkeyWindow: passkeyWindow as PasskeyWindowMode,
    approvalWindow: approvalWindow as ApprovalWindowMode,
  }
}

/** Reads and validates the configuration the server wrote into this document. */
export function readWalletConfig(doc: Document = document): WalletConfig {
  const content = doc.querySelector<HTMLMetaElement>(`meta[name="${walletConfigMetaName}"]`)?.content
  if (!content) throw invalid(`the page has no <meta name="${walletConfigMetaName}"> tag`)
  let raw: unknown
  try {
    raw = JSON.parse(content)
  } catch (cause) {
    throw invalid('the meta tag does not hold JSON', cause)
  }
  return parseWalletConfig(raw, doc.location.hostname)
}
