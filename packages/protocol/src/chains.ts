/**
 * The external chains whose wallets can be bound. A module of its own, with no imports, so code
 * that only needs the list (request parsing in the wallet's first load) does not pull in any
 * chain's signature verifier.
 */
export type WalletChain = 'evm' | 'solana' | 'near' | 'stellar'

export const walletChains: readonly WalletChain[] = ['evm', 'solana', 'near', 'stellar']

/** How each chain is named to people (buttons, confirmations, messages). */
export const walletChainNames: Readonly<Record<WalletChain, string>> = { evm: 'EVM', solana: 'Solana', near: 'NEAR', stellar: 'Stellar' }
