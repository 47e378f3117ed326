import type { ExternalSignatureRequest } from '@crosschain-lending/protocol/messenger'
import { isConnected, requestAccess, signMessage } from '@stellar/freighter-api'
import { base64 } from '@scure/base'
import { textToSign, walletFailed, walletMismatch, walletNotFound, walletRejected } from './errors'
import type { InjectedWallet, WalletSource } from './types'

export type FreighterSourceParameters = {
  /** The network passphrase Freighter signs for; unset: the one selected in Freighter. */
  networkPassphrase?: string
}

/** Freighter's answer to a refused request: code -4 is the person's rejection. */
type FreighterError = { code?: number; message?: string } | string | undefined

/**
 * Stellar through Freighter (`@stellar/freighter-api`, which talks to the extension by
 * window messages). Freighter signs messages the SEP-53 way and answers base64.
 */
export function freighterSource(parameters: FreighterSourceParameters = {}): WalletSource {
  return {
    chain: 'stellar',
    async discover() {
      // With the extension present this answers at once; without it, after Freighter's own 2 s wait.
      const status = await isConnected().catch(() => ({ isConnected: false }))
      return status.isConnected ? [freighterWallet(parameters)] : []
    },
  }
}

function freighterWallet(parameters: FreighterSourceParameters): InjectedWallet {
  return {
    chain: 'stellar',
    id: 'freighter',
    name: 'Freighter',
    async connect() {
      const access = await requestAccess()
      if (access.error) throw failure(access.error, 'connect')
      if (!access.address) throw walletNotFound('stellar', 'Freighter shared no address.')
      return { chain: 'stellar', address: access.address }
    },
    async signMessage(request: ExternalSignatureRequest) {
      const signed = await signMessage(textToSign(request), { address: request.address, ...(parameters.networkPassphrase ? { networkPassphrase: parameters.networkPassphrase } : {}) })
      if (signed.error) throw failure(signed.error, 'sign')
      if (signed.signerAddress && signed.signerAddress !== request.address) throw walletMismatch('stellar', request.address, signed.signerAddress)
      if (!signed.signedMessage) throw walletFailed('stellar', 'sign', new Error('Freighter returned no signature.'))
      return { signature: toBase64(signed.signedMessage) }
    },
  }
}

/** API v4+ answers base64; an older extension answers the bytes (a Buffer, or its JSON form). */
function toBase64(signed: unknown): string {
  if (typeof signed === 'string') return signed
  if (signed instanceof Uint8Array) return base64.encode(signed)
  const data = (signed as { data?: unknown }).data
  if (Array.isArray(data)) return base64.encode(Uint8Array.from(data as number[]))
  throw walletFailed('stellar', 'sign', new Error('Freighter returned a signature in a form this connector does not read.'))
}

function failure(error: FreighterError, what: 'connect' | 'sign') {
  const code = typeof error === 'object' ? error.code : undefined
  const message = typeof error === 'object' ? error.message : error
  if (code === -4 || /reject|declin|denied/i.test(message ?? '')) return walletRejected('stellar', what, error)
  return walletFailed('stellar', what, new Error(message ?? 'Freighter failed.'))
}
