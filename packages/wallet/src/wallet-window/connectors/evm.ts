import type { ExternalSignatureRequest } from '@crosschain-lending/protocol/messenger'
import { type EIP1193Provider, type EIP6963ProviderDetail, createStore } from 'mipd'
import { settle, walletFailed, walletMismatch, walletNotFound, walletRejected } from './errors'
import type { InjectedWallet, WalletSource } from './types'

export type Eip6963SourceParameters = {
  /** How long to wait for wallets to answer `eip6963:requestProvider` when none has yet. Default 300 ms. */
  announceWaitMs?: number
}

let store: ReturnType<typeof createStore> | undefined

/**
 * EVM wallets found by EIP-6963: each extension answers `eip6963:requestProvider` with its
 * EIP-1193 provider and a name, icon and rdns. Signing is EIP-712 `eth_signTypedData_v4` of the
 * typed data the wallet panel wrote (the wallet shows it field by field), exactly what the panel
 * and the contract verify. There is no `personal_sign` path: every message this product asks an
 * EVM wallet for is typed data, and a text signature would be refused anyway.
 */
export function eip6963Source(parameters: Eip6963SourceParameters = {}): WalletSource {
  return {
    chain: 'evm',
    async discover() {
      // One store per page: it keeps listening, so a wallet that announces late is found next time.
      store ??= createStore()
      if (store.getProviders().length === 0) {
        store.reset()
        await settle(parameters.announceWaitMs ?? 300)
      }
      return store.getProviders().map(evmWalletFor)
    },
  }
}

// One wallet object per provider: it listens to the provider's account changes, once.
const wallets = new WeakMap<EIP6963ProviderDetail, InjectedWallet>()
function evmWalletFor(detail: EIP6963ProviderDetail): InjectedWallet {
  let wallet = wallets.get(detail)
  if (!wallet) wallets.set(detail, (wallet = evmWallet(detail)))
  return wallet
}

// Two JSON-RPC calls straight to the provider. Importing anything from viem here would cost
// ~25 KB gzip: with code splitting esbuild groups modules by which files reach them, and viem's
// barrel reaches the ABI and contract code the wallet's verifiers use.
function evmWallet(detail: EIP6963ProviderDetail): InjectedWallet {
  const provider = detail.provider as EIP1193Provider
  let connected: string | undefined
  // The person may switch accounts in the extension between connecting and signing.
  provider.on?.('accountsChanged', (accounts: readonly string[]) => {
    connected = accounts[0]
  })
  const connect = async () => {
    const addresses = await provider.request({ method: 'eth_requestAccounts' }).catch((error: unknown) => rethrow(error, 'connect'))
    if (!addresses[0]) throw walletNotFound('evm', `${detail.info.name} connected no account.`)
    connected = addresses[0]
    return connected
  }
  return {
    chain: 'evm',
    id: detail.info.rdns,
    name: detail.info.name,
    icon: detail.info.icon,
    connect: async () => ({ chain: 'evm', address: await connect() }),
    async signMessage(request: ExternalSignatureRequest) {
      // The panel names the wallet that must sign; the extension must be on that account.
      const account = connected ?? (await connect())
      // Extensions answer lower case or EIP-55; the panel checks the checksum itself.
      if (account.toLowerCase() !== request.address.toLowerCase()) throw walletMismatch('evm', request.address, account)
      if (!request.typedData) throw walletFailed('evm', 'sign', new Error('EVM wallets sign EIP-712 typed data; the wallet panel sent text.'))
      // EIP-712's JSON-RPC form: the address, then the typed data as a JSON string.
      const signature = await provider
        .request({ method: 'eth_signTypedData_v4', params: [account as `0x${string}`, JSON.stringify(request.typedData)] })
        .catch((error: unknown) => rethrow(error, 'sign'))
      if (!/^0x[0-9a-fA-F]+$/.test(signature)) throw walletFailed('evm', 'sign', new Error(`${detail.info.name} returned a signature that is not hex.`))
      return { signature }
    },
  }
}

// EIP-1193: 4001 is the person's rejection.
function rethrow(error: unknown, what: 'connect' | 'sign'): never {
  if ((error as { code?: unknown } | null)?.code === 4001) throw walletRejected('evm', what, error)
  throw walletFailed('evm', what, error)
}
