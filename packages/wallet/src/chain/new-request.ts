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

export type NewRequestOptions = {
  /** The partner site the person is on (the frame's parent): every wallet message names it, and the contract checks it. */
  site: string
  nonce?: string
  /** The request's deadline; by default `requestLifetimeMs` after `now`. */
  deadline?: number
  now?: number
}

/** The deadline of a request made now: long enough for a slow relayer, short enough that it cannot linger. */
export function newDeadline(now = Date.now()): number {
  return now + requestLifetimeMs
}

/** A payload for `accountId` on this contract and network, made on `options.site`, signed by `signer`, with one fresh nonce. */
export function newRequest(config: Pick<WalletConfig, 'chainId' | 'contractId'>, accountId: string, signer: RequestSigner, actions: Action[], options: NewRequestOptions): NewRequest {
  const nonce = options.nonce ?? newNonce()
  const deadline = options.deadline ?? newDeadline(options.now)
  const payload = encodeRequest({ chainId: config.chainId, contractId: config.contractId, accountId, site: options.site, signer, nonce, deadline, actions })
  return { payload, nonce, deadline }
}

/** The payload the signed-in passkey will approve. */
export function newPasskeyRequest(
  config: Pick<WalletConfig, 'chainId' | 'contractId'>,
  state: Extract<WalletState, { status: 'signed-in' }>,
  actions: Action[],
  options: NewRequestOptions,
): NewRequest {
  return newRequest(config, state.account.id, { type: 'passkey', credentialId: state.passkey.credentialId }, actions, options)
}

/** A NEP-413 nonce is the padded base64 of 32 bytes; requests carry the same bytes as base64url. */
export function nep413NonceOf(nonce: string): string {
  const base64 = nonce.replace(/-/g, '+').replace(/_/g, '/')
  return base64 + '='.repeat((4 - (base64.length % 4)) % 4)
}
