import type { WalletConfig } from '../src/config'
import { walletConfigMetaName } from '../src/config'

const escapeAttribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/**
 * Writes the wallet's public configuration into its HTML as a meta tag: no inline script, so
 * the strict script policy holds, and no extra request before the wallet can start.
 */
export function injectWalletConfig(html: string, config: WalletConfig): string {
  const publicConfig: WalletConfig = {
    rpId: config.rpId,
    rpName: config.rpName,
    allowedHostOrigins: config.allowedHostOrigins,
    relayerUrl: config.relayerUrl,
    rpcUrl: config.rpcUrl,
    contractId: config.contractId,
    chainId: config.chainId,
    passkeyWindow: config.passkeyWindow,
    approvalWindow: config.approvalWindow,
  }
  const tag = `<meta name="${walletConfigMetaName}" content="${escapeAttribute(JSON.stringify(publicConfig))}" />`
  if (!html.includes('</head>')) throw new Error('The wallet index.html has no </head> to hold its configuration.')
  return html.replace('</head>', `  ${tag}\n  </head>`)
}
