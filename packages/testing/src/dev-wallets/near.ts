import { base64 } from '@scure/base'
import { type DevWalletKeyOptions, devWalletIcon, devWalletKey, devWalletSlug } from './keys'
import { askPerson } from './prompt'

export type NearDevWallet = { address: string; publicKey: string; uninstall(): void }

const rejected = () => Object.assign(new Error('User rejected the request.'), { code: 4001 })

/**
 * A NEAR wallet that behaves like an injected extension: answers the NEAR Connect handshake
 * (`near-selector-ready` → `near-wallet-injected`), signs in and signs NEP-413 messages after a
 * click in its card, and returns NEP-413's SignedMessage (base64 signature).
 */
export function installNearDevWallet(options: DevWalletKeyOptions & { name?: string } = {}): NearDevWallet {
  const key = devWalletKey('near', options)
  const name = options.name ?? 'Dev NEAR Wallet'
  const account = { accountId: key.address, publicKey: key.publicKey! }
  let signedIn = false
  const wallet = Object.freeze({
    manifest: Object.freeze({
      id: options.name ? `dev-near-wallet-${devWalletSlug(options.name)}` : 'dev-near-wallet',
      name,
      icon: devWalletIcon('N', '#1f1f1f'),
      description: 'A development wallet with a local key.',
      type: 'injected',
      features: Object.freeze({ signMessage: true, mainnet: true, testnet: true }),
    }),
    async signIn() {
      if (!signedIn && !(await askPerson({ wallet: name, kind: 'connect', address: key.address }))) throw rejected()
      signedIn = true
      return [account]
    },
    async signOut() {
      signedIn = false
    },
    async getAccounts() {
      return signedIn ? [account] : []
    },
    async signMessage(parameters: { message: string; recipient: string; nonce: Uint8Array; signerId?: string }) {
      if (!signedIn) throw new Error('The wallet is not signed in.')
      if (parameters.signerId && parameters.signerId !== key.address) throw new Error(`This wallet holds ${key.address}, not ${parameters.signerId}.`)
      const nonce = Uint8Array.from(parameters.nonce)
      if (nonce.length !== 32) throw new Error('A NEP-413 nonce is 32 bytes.')
      const shown = `${parameters.message}\n\nRecipient: ${parameters.recipient}\nNonce: ${base64.encode(nonce)}`
      if (!(await askPerson({ wallet: name, kind: 'sign', address: key.address, message: shown }))) throw rejected()
      return { ...account, signature: await key.signMessage(parameters.message, { nonce, recipient: parameters.recipient }) }
    },
  })
  const announce = () => window.dispatchEvent(new CustomEvent('near-wallet-injected', { detail: wallet }))
  window.addEventListener('near-selector-ready', announce)
  announce()
  return { address: key.address, publicKey: key.publicKey!, uninstall: () => window.removeEventListener('near-selector-ready', announce) }
}
