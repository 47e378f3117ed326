import type { ExternalSignatureRequest } from '@crosschain-lending/protocol/messenger'
import type { SolanaSignMessageFeature } from '@solana/wallet-standard-features'
import { getWallets } from '@wallet-standard/app'
import type { Wallet, WalletAccount } from '@wallet-standard/base'
import type { StandardConnectFeature } from '@wallet-standard/features'
import { base58 } from '@scure/base'
import { looksRejected, settle, textToSign, walletFailed, walletMismatch, walletNotFound, walletRejected } from './errors'
import type { InjectedWallet, WalletSource } from './types'

export type WalletStandardSourceParameters = {
  /** How long to wait for wallets to register when none has yet. Default 300 ms. */
  registerWaitMs?: number
}

type SolanaWallet = Wallet & { features: StandardConnectFeature & SolanaSignMessageFeature }

/**
 * Solana wallets found through the Wallet Standard: each registers itself on the window, and
 * the ones offering `standard:connect` and `solana:signMessage` on a Solana chain are listed.
 */
export function walletStandardSource(parameters: WalletStandardSourceParameters = {}): WalletSource {
  return {
    chain: 'solana',
    async discover() {
      const wallets = getWallets()
      if (!wallets.get().some(isSolanaSigner)) await settle(parameters.registerWaitMs ?? 300)
      return wallets.get().filter(isSolanaSigner).map(solanaWallet)
    },
  }
}

function isSolanaSigner(wallet: Wallet): wallet is SolanaWallet {
  return 'standard:connect' in wallet.features && 'solana:signMessage' in wallet.features && wallet.chains.some((chain) => chain.startsWith('solana:'))
}

function solanaWallet(wallet: SolanaWallet): InjectedWallet {
  const signs = (account: WalletAccount) => account.features.includes('solana:signMessage')
  const connect = async (): Promise<WalletAccount> => {
    const existing = wallet.accounts.find(signs)
    if (existing) return existing
    const { accounts } = await wallet.features['standard:connect'].connect().catch((error: unknown) => rethrow(error, 'connect'))
    const account = accounts.find(signs)
    if (!account) throw walletNotFound('solana', `${wallet.name} connected no account that can sign messages.`)
    return account
  }
  return {
    chain: 'solana',
    id: wallet.name,
    name: wallet.name,
    icon: wallet.icon,
    async connect() {
      const account = await connect()
      return { chain: 'solana', address: account.address, publicKey: `ed25519:${base58.encode(Uint8Array.from(account.publicKey))}` }
    },
    async signMessage(request: ExternalSignatureRequest) {
      // The person may have switched accounts in the wallet; the one the panel asked for must sign.
      const account = wallet.accounts.find((candidate) => candidate.address === request.address) ?? (await connect())
      if (account.address !== request.address) throw walletMismatch('solana', request.address, account.address)
      const message = new TextEncoder().encode(textToSign(request))
      const [output] = await wallet.features['solana:signMessage'].signMessage({ account, message }).catch((error: unknown) => rethrow(error, 'sign'))
      if (!output) throw walletFailed('solana', 'sign', new Error(`${wallet.name} returned no signature.`))
      // The standard lets a wallet prefix the message; such a signature would never verify.
      if (output.signedMessage && !sameBytes(output.signedMessage, message)) {
        throw walletFailed('solana', 'sign', new Error(`${wallet.name} signed a modified message; the wallet panel verifies the exact text it asked for.`))
      }
      return { signature: base58.encode(output.signature), publicKey: `ed25519:${base58.encode(Uint8Array.from(account.publicKey))}` }
    },
  }
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, index) => byte === b[index])

function rethrow(error: unknown, what: 'connect' | 'sign'): never {
  if (looksRejected(error)) throw walletRejected('solana', what, error)
  throw walletFailed('solana', what, error)
}
