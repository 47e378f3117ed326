import type { ExternalChain, ExternalSignatureRequest, ExternalWalletAccount } from '@crosschain-lending/protocol/messenger'

/**
 * How the host page's own wallets take part in binding. Extension wallets inject into the top
 * page, never into the wallet iframe, so the element asks this connector to connect one and to
 * sign the binding message the iframe wrote; the iframe verifies the signature before using it.
 * Development wallets (`@crosschain-lending/testing`) and the EIP-6963 / Wallet Standard /
 * NEP-413 / Freighter connectors implement it.
 */
export type ExternalWalletConnector = {
  /** Connects the page's wallet for `chain`; the person chooses and approves it there. */
  connect(chain: ExternalChain): Promise<ExternalWalletAccount>
  /** Signs `message` with that wallet, in its chain's message-signing form. */
  signMessage(request: ExternalSignatureRequest): Promise<{ signature: string; publicKey?: string }>
}
