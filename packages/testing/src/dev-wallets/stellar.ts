import { type DevWalletKeyOptions, devWalletKey } from './keys'
import { askPerson } from './prompt'

export type StellarDevWallet = { address: string; uninstall(): void }

const requestSource = 'FREIGHTER_EXTERNAL_MSG_REQUEST'
const responseSource = 'FREIGHTER_EXTERNAL_MSG_RESPONSE'
const rejection = { apiError: { code: -4, message: 'The user rejected this request.' }, error: 'The user rejected this request.' }

/**
 * A Stellar wallet that speaks Freighter's page protocol, as Freighter's content script does:
 * sets `window.freighter`, answers `FREIGHTER_EXTERNAL_MSG_REQUEST` window messages, and signs
 * messages the SEP-53 way (base64 answer) after a click in its card. So `@stellar/freighter-api`
 * talks to it unchanged.
 */
export function installStellarDevWallet(options: DevWalletKeyOptions & { name?: string } = {}): StellarDevWallet {
  const key = devWalletKey('stellar', options)
  const name = options.name ?? 'Dev Stellar Wallet (Freighter protocol)'
  let allowed = false
  const networkDetails = { network: 'TESTNET', networkUrl: 'https://horizon-testnet.stellar.org', networkPassphrase: 'Test SDF Network ; September 2015' }

  const answer = async (type: string, request: Record<string, unknown>): Promise<Record<string, unknown>> => {
    switch (type) {
      case 'REQUEST_CONNECTION_STATUS':
        return { isConnected: true }
      case 'REQUEST_ALLOWED_STATUS':
        return { isAllowed: allowed }
      case 'REQUEST_PUBLIC_KEY':
        return { publicKey: allowed ? key.address : '' }
      case 'REQUEST_NETWORK_DETAILS':
        return { networkDetails }
      case 'REQUEST_ACCESS':
        if (!allowed && !(await askPerson({ wallet: name, kind: 'connect', address: key.address }))) return rejection
        allowed = true
        return { publicKey: key.address }
      case 'SUBMIT_BLOB': {
        if (typeof request.accountToSign === 'string' && request.accountToSign && request.accountToSign !== key.address) {
          return { apiError: { code: -1, message: `This wallet holds ${key.address}, not ${request.accountToSign}.` } }
        }
        const message = String(request.blob ?? '')
        if (!allowed || !(await askPerson({ wallet: name, kind: 'sign', address: key.address, message }))) return rejection
        return { signedBlob: await key.signMessage(message), signerAddress: key.address }
      }
      default:
        return { apiError: { code: -1, message: `The dev wallet does not support ${type}.` } }
    }
  }

  const onMessage = (event: MessageEvent) => {
    const data = event.data as { source?: unknown; messageId?: unknown; type?: unknown } | null
    if (event.source !== window || data?.source !== requestSource || typeof data.type !== 'string') return
    void answer(data.type, data as Record<string, unknown>).then((response) =>
      // Freighter's reply spells the id `messagedId`; its API matches on that.
      window.postMessage({ source: responseSource, messagedId: data.messageId, ...response }, location.origin),
    )
  }
  ;(window as { freighter?: boolean }).freighter = true
  window.addEventListener('message', onMessage)
  return {
    address: key.address,
    uninstall() {
      window.removeEventListener('message', onMessage)
      delete (window as { freighter?: boolean }).freighter
    },
  }
}
