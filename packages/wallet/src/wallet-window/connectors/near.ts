import type { ExternalSignatureRequest } from '@crosschain-lending/protocol/messenger'
import { base58, base64 } from '@scure/base'
import { looksRejected, settle, textToSign, walletFailed, walletMismatch, walletNotFound, walletRejected } from './errors'
import type { InjectedWallet, WalletSource } from './types'

/** The NEP-413 message parameters a NEAR wallet signs. */
export type NearSignMessageParams = { message: string; recipient: string; nonce: Uint8Array; network?: 'mainnet' | 'testnet'; signerId?: string }
/** NEP-413's SignedMessage: the signature is base64 (some wallets answer `ed25519:<base58>`). */
export type NearSignedMessage = { accountId: string; publicKey: string; signature: string }

/**
 * What an injected NEAR wallet hands the page in the NEAR Connect handshake: the page sends
 * `near-selector-ready`, each wallet answers with a `near-wallet-injected` event whose detail
 * is this object (the convention of HOT's near-connect, the EIP-6963 of NEAR).
 */
export type InjectedNearWallet = {
  manifest: { id: string; name: string; icon?: string; features?: { signMessage?: boolean } }
  signIn(parameters?: { network?: 'mainnet' | 'testnet' }): Promise<readonly { accountId: string; publicKey?: string }[]>
  getAccounts?(parameters?: { network?: 'mainnet' | 'testnet' }): Promise<readonly { accountId: string; publicKey?: string }[]>
  signMessage(parameters: NearSignMessageParams): Promise<NearSignedMessage>
}

export type NearInjectedSourceParameters = {
  /** How long to wait for wallets to answer `near-selector-ready` when none has yet. Default 300 ms. */
  announceWaitMs?: number
  /** The NEAR network the wallet should use. Default `mainnet`. */
  network?: 'mainnet' | 'testnet'
}

const found = new Map<string, InjectedNearWallet>()
let listening = false

function isInjectedNearWallet(value: unknown): value is InjectedNearWallet {
  const wallet = value as InjectedNearWallet | null
  return typeof wallet?.manifest?.id === 'string' && typeof wallet.signIn === 'function' && typeof wallet.signMessage === 'function' && wallet.manifest.features?.signMessage !== false
}

/** NEAR wallets injected into the page that sign NEP-413 messages, found by the NEAR Connect handshake. */
export function nearInjectedSource(parameters: NearInjectedSourceParameters = {}): WalletSource {
  const network = parameters.network ?? 'mainnet'
  return {
    chain: 'near',
    async discover() {
      if (!listening) {
        listening = true
        window.addEventListener('near-wallet-injected', (event) => {
          const wallet = (event as CustomEvent<unknown>).detail
          if (isInjectedNearWallet(wallet)) found.set(wallet.manifest.id, wallet)
        })
      }
      if (found.size === 0) {
        window.dispatchEvent(new Event('near-selector-ready'))
        await settle(parameters.announceWaitMs ?? 300)
      }
      return [...found.values()].map((wallet) => nearWallet(wallet, network))
    },
  }
}

function nearWallet(wallet: InjectedNearWallet, network: 'mainnet' | 'testnet'): InjectedWallet {
  let connected: { accountId: string; publicKey?: string } | undefined
  const connect = async () => {
    const accounts = await wallet.signIn({ network }).catch((error: unknown) => rethrow(error, 'connect'))
    connected = accounts[0]
    if (!connected) throw walletNotFound('near', `${wallet.manifest.name} connected no account.`)
    return connected
  }
  return {
    chain: 'near',
    id: wallet.manifest.id,
    name: wallet.manifest.name,
    icon: wallet.manifest.icon,
    async connect() {
      const account = await connect()
      return { chain: 'near', address: account.accountId, ...(account.publicKey ? { publicKey: account.publicKey } : {}) }
    },
    async signMessage(request: ExternalSignatureRequest) {
      if (!request.nep413) throw walletFailed('near', 'sign', new Error('The wallet panel sent no NEP-413 nonce and recipient.'))
      const account = connected ?? (await connect())
      if (account.accountId !== request.address) throw walletMismatch('near', request.address, account.accountId)
      const signed = await wallet
        .signMessage({ message: textToSign(request), recipient: request.nep413.recipient, nonce: base64.decode(request.nep413.nonce), network, signerId: request.address })
        .catch((error: unknown) => rethrow(error, 'sign'))
      if (signed.accountId !== request.address) throw walletMismatch('near', request.address, signed.accountId)
      return { signature: toBase64Signature(signed.signature), publicKey: signed.publicKey }
    },
  }
}

/** NEP-413 says base64; some wallets answer in the key-string form `ed25519:<base58>`. */
function toBase64Signature(signature: string): string {
  return signature.startsWith('ed25519:') ? base64.encode(base58.decode(signature.slice('ed25519:'.length))) : signature
}

function rethrow(error: unknown, what: 'connect' | 'sign'): never {
  if (looksRejected(error)) throw walletRejected('near', what, error)
  throw walletFailed('near', what, error)
}
