import { parseWalletTypedData, typedDataText } from '@crosschain-lending/protocol'
import { hexToString, isHex } from 'viem'
import { type DevWalletKeyOptions, devWalletIcon, devWalletKey, devWalletSlug } from './keys'
import { askPerson } from './prompt'

export type EvmDevWallet = {
  address: string
  /** The EIP-1193 provider it announces. */
  provider: { request(args: { method: string; params?: unknown }): Promise<unknown> }
  /** Stops answering discovery (as when the extension is disabled). */
  uninstall(): void
}

type ProviderError = Error & { code: number }
const providerError = (code: number, message: string): ProviderError => Object.assign(new Error(message), { code })

/**
 * An EVM wallet that behaves like an extension: announces itself by EIP-6963, answers EIP-1193
 * requests, and connects or signs (EIP-712 `eth_signTypedData_v4`, shown field by field; EIP-191
 * `personal_sign` for text) only after the person clicks in its approval card. The key is real;
 * signatures verify anywhere.
 */
export function installEvmDevWallet(options: DevWalletKeyOptions & { name?: string } = {}): EvmDevWallet {
  const key = devWalletKey('evm', options)
  const name = options.name ?? 'Dev EVM Wallet'
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>()
  let connected = false

  const assertAuthorized = (address: unknown) => {
    if (!connected) throw providerError(4100, 'The requested account has not been authorized by the user.')
    if (typeof address !== 'string' || address.toLowerCase() !== key.address.toLowerCase()) throw providerError(4100, `This wallet holds ${key.address}, not ${String(address)}.`)
  }

  const request = async ({ method, params }: { method: string; params?: unknown }): Promise<unknown> => {
    const args = Array.isArray(params) ? params : []
    switch (method) {
      case 'eth_chainId':
        return '0x1'
      case 'eth_accounts':
        return connected ? [key.address] : []
      case 'eth_requestAccounts': {
        if (connected) return [key.address]
        if (!(await askPerson({ wallet: name, kind: 'connect', address: key.address }))) throw providerError(4001, 'User rejected the request.')
        connected = true
        for (const listener of listeners.get('accountsChanged') ?? []) listener([key.address])
        return [key.address]
      }
      case 'personal_sign': {
        const [data, address] = args as [string, string]
        assertAuthorized(address)
        const message = isHex(data) ? hexToString(data) : String(data)
        if (!(await askPerson({ wallet: name, kind: 'sign', address: key.address, message }))) throw providerError(4001, 'User rejected the request.')
        return key.signMessage(message)
      }
      case 'eth_signTypedData_v4': {
        // EIP-712's JSON-RPC form: the address first, then the typed data as a JSON string.
        const [address, data] = args as [string, string]
        assertAuthorized(address)
        let typedData
        let shown
        try {
          typedData = parseWalletTypedData(typeof data === 'string' ? data : JSON.stringify(data))
          shown = typedDataText(typedData)
        } catch (error) {
          throw providerError(-32602, `The typed data is malformed: ${(error as Error).message}`)
        }
        if (!(await askPerson({ wallet: name, kind: 'sign', address: key.address, message: shown }))) throw providerError(4001, 'User rejected the request.')
        return key.signTypedData(typedData)
      }
      case 'wallet_revokePermissions':
        connected = false
        for (const listener of listeners.get('accountsChanged') ?? []) listener([])
        return null
      default:
        throw providerError(4200, `The dev wallet does not support ${method}.`)
    }
  }
  const provider = {
    request,
    on(event: string, listener: (...args: unknown[]) => void) {
      listeners.set(event, (listeners.get(event) ?? new Set()).add(listener))
    },
    removeListener(event: string, listener: (...args: unknown[]) => void) {
      listeners.get(event)?.delete(listener)
    },
  }
  const detail = Object.freeze({
    // Each extension announces its own reverse-DNS id; a second dev wallet gets one from its name.
    info: Object.freeze({ uuid: crypto.randomUUID(), name, icon: devWalletIcon('E', '#5b6cff'), rdns: options.name ? `dev.crosschain-lending.evm.${devWalletSlug(options.name)}` : 'dev.crosschain-lending.evm' }),
    provider,
  })
  const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail }))
  window.addEventListener('eip6963:requestProvider', announce)
  announce()
  return { address: key.address, provider, uninstall: () => window.removeEventListener('eip6963:requestProvider', announce) }
}
