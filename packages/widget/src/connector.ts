import type { ExternalChain, ExternalSignatureRequest, ExternalWalletAccount } from '@crosschain-lending/protocol/messenger'

/**
 * The shape of the element's deprecated `walletConnector` property. The element never calls it:
 * external wallets connect and sign only in the wallet's own window, on the wallet origin
 * (docs/integrate.md#wallet-window), and nothing a page supplies can name a wallet or sign for
 * one. The type stays so pages that set the property keep compiling.
 * @deprecated Ignored by the element.
 */
export type ExternalWalletConnector = {
  /** Connects the page's wallet for `chain`; the person chooses and approves it there. */
  connect(chain: ExternalChain): Promise<ExternalWalletAccount>
  /** Signs `message` with that wallet, in its chain's message-signing form. */
  signMessage(request: ExternalSignatureRequest): Promise<{ signature: string; publicKey?: string }>
}
