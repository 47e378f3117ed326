import { type Action, type RequestSigner, encodeRequest, toBase64Url } from '@crosschain-lending/protocol'
import type { WalletState } from '@crosschain-lending/protocol/messenger'
import type { WalletConfig } from '../config'

/** How long a signed request stays valid: long enough for a slow relayer, short enough that it cannot linger. */
export const requestLifetimeMs = 10 * 60 * 1000

/** 32 fresh random bytes, base64url: the request's nonce (and, decoded, a NEAR wallet's NEP-413 nonce). */
export function newNonce(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)))
}

export type NewRequest = { payload: string; nonce: string; deadline: number }

/** A payload for `accountId` on this contract and network, signed by `signer`, with one fresh nonce. */
export function newRequest(
  config: Pick<WalletConfig, 'chainId' | 'contractId'>,
  accountId: string,
  signer: RequestSigner,
  actions: Action[],
  options: { nonce?: string; now?: number } = {},
): NewRequest {
  const nonce = options.nonce ?? newNonce()
  const deadline = (options.now ?? Date.now()) + requestLifetimeMs
  const payload = encodeRequest({ chainId: config.chainId, contractId: config.contractId, accountId, signer, nonce, deadline, actions })
  return { payload, nonce, deadline }
}

/** The payload the signed-in passkey will approve. */
export function newPasskeyRequest(
  config: Pick<WalletConfig, 'chainId' | 'contractId'>,
  state: Extract<WalletState, { status: 'signed-in' }>,
  actions: Action[],
  options: { nonce?: string; now?: number } = {},
): NewRequest {
  return newRequest(config, state.account.id, { type: 'passkey', credentialId: state.passkey.credentialId }, actions, options)
}

/** A NEP-413 nonce is the padded base64 of 32 bytes; requests carry the same bytes as base64url. */
export function nep413NonceOf(nonce: string): string {
  const base64 = nonce.replace(/-/g, '+').replace(/_/g, '/')
  return base64 + '='.repeat((4 - (base64.length % 4)) % 4)
}
