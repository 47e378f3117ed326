import type { SolanaSignMessageFeature, SolanaSignMessageInput } from '@solana/wallet-standard-features'
import type { Wallet, WalletAccount } from '@wallet-standard/base'
import type { StandardConnectFeature, StandardDisconnectFeature, StandardEventsFeature, StandardEventsListeners } from '@wallet-standard/features'
import { ReadonlyWalletAccount, registerWallet } from '@wallet-standard/wallet'
import { base58 } from '@scure/base'
import { type DevWalletKeyOptions, devWalletIcon, devWalletKey } from './keys'
import { askPerson } from './prompt'

export type SolanaDevWallet = { address: string; wallet: Wallet }

const chains = ['solana:mainnet', 'solana:devnet'] as const

/**
 * A Solana wallet that behaves like an extension: registers through the Wallet Standard and
 * offers `standard:connect`, `standard:events` and `solana:signMessage`, each approved by a
 * click in its card. Signatures are raw Ed25519 over the message bytes, as Solana wallets make.
 */
export function installSolanaDevWallet(options: DevWalletKeyOptions & { name?: string } = {}): SolanaDevWallet {
  const key = devWalletKey('solana', options)
  const name = options.name ?? 'Dev Solana Wallet'
  const account = new ReadonlyWalletAccount({
    address: key.address,
    publicKey: base58.decode(key.address),
    chains: [...chains],
    features: ['solana:signMessage'],
  })
  let accounts: WalletAccount[] = []
  const listeners = new Set<StandardEventsListeners['change']>()
  const setAccounts = (next: WalletAccount[]) => {
    accounts = next
    for (const listener of listeners) listener({ accounts })
  }

  const features: StandardConnectFeature & StandardDisconnectFeature & StandardEventsFeature & SolanaSignMessageFeature = {
    'standard:connect': {
      version: '1.0.0',
      async connect(input) {
        if (accounts.length > 0 || input?.silent) return { accounts }
        if (!(await askPerson({ wallet: name, kind: 'connect', address: key.address }))) throw Object.assign(new Error('User rejected the request.'), { code: 4001 })
        setAccounts([account])
        return { accounts }
      },
    },
    'standard:disconnect': { version: '1.0.0', disconnect: async () => setAccounts([]) },
    'standard:events': {
      version: '1.0.0',
      on(event, listener) {
        if (event !== 'change') return () => undefined
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
    },
    'solana:signMessage': {
      version: '1.1.0',
      async signMessage(...inputs: readonly SolanaSignMessageInput[]) {
        const outputs = []
        for (const input of inputs) {
          if (!accounts.includes(input.account) && input.account.address !== key.address) throw new Error(`This wallet holds ${key.address}, not ${input.account.address}.`)
          if (accounts.length === 0) throw new Error('The wallet is not connected.')
          const message = new TextDecoder('utf-8', { fatal: true }).decode(input.message)
          if (!(await askPerson({ wallet: name, kind: 'sign', address: key.address, message }))) throw Object.assign(new Error('User rejected the request.'), { code: 4001 })
          outputs.push({ signedMessage: input.message, signature: base58.decode(await key.signMessage(message)) })
        }
        return outputs
      },
    },
  }
  const wallet: Wallet = {
    version: '1.0.0',
    name,
    icon: devWalletIcon('S', '#14a37f'),
    chains,
    features,
    get accounts() {
      return accounts
    },
  }
  registerWallet(wallet)
  return { address: key.address, wallet }
}
