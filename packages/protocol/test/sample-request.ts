import { type Action, type ChainId, encodeRequest } from '../src/index'

/** The partner site the sample requests are made on. */
export const sampleSite = 'https://partner.example'

/** A passkey request of `actions` for pk-0123, made on `sampleSite`, with a fixed nonce and deadline (2026-12-01T21:00Z). */
export function samplePayload(actions: Action[], network: { chainId: ChainId; contractId: string } = { chainId: 'devnet', contractId: 'lending.devnet' }): string {
  return encodeRequest({ ...network, accountId: 'pk-0123', site: sampleSite, signer: { type: 'passkey', credentialId: 'cred' }, nonce: 'A'.repeat(43), deadline: Date.UTC(2026, 11, 1, 21, 0, 0), actions })
}
