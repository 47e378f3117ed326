import type { ExternalChain, ExternalSignatureRequest, ExternalWalletAccount } from '@crosschain-lending/protocol/messenger'

/** What a connected wallet returns for a signature: the chain's text form, and the key when the address does not carry it. */
export type ExternalSignature = { signature: string; publicKey?: string }

/**
 * One wallet found in the wallet window for one chain: an EIP-6963 provider, a Wallet Standard wallet,
 * an injected NEAR wallet, Freighter. `id`, `name` and `icon` are what a chooser shows.
 */
export type InjectedWallet = {
  chain: ExternalChain
  /** Stable within the page: the EIP-6963 rdns, the Wallet Standard name, the NEAR wallet id. */
  id: string
  name: string
  /** A data: URI the wallet announced, when it did. */
  icon?: string | undefined
  /** Asks the wallet for an account; the person approves it in the wallet. */
  connect(): Promise<ExternalWalletAccount>
  /** Signs with the account `connect` returned, in the chain's message-signing form. */
  signMessage(request: ExternalSignatureRequest): Promise<ExternalSignature>
}

/** Finds the wallets of one chain that the browser injected into the window (they may take a moment to announce themselves). */
export type WalletSource = {
  chain: ExternalChain
  discover(): Promise<InjectedWallet[]>
}
