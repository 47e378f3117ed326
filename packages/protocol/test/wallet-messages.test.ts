import { describe, expect, it } from 'vitest'
import { encodeRequest, requestId, walletMessage, walletRequestRole } from '../src/index'

const payload = encodeRequest({
  chainId: 'devnet',
  contractId: 'lending.devnet',
  accountId: 'pk-0123',
  signer: { type: 'passkey', credentialId: 'cred' },
  nonce: 'A'.repeat(43),
  deadline: Date.UTC(2026, 11, 1, 21, 0, 0),
  actions: [{ type: 'borrow', asset: 'USDC', amount: '10000000', recipient: { chain: 'evm', address: '0x00000000000000000000000000000000000000aa' } }],
})

describe('the messages a bound wallet signs, by role', () => {
  it('behavior: readable, one fact a line: the role first, the account, the action, the deadline in ISO UTC, the request id', () => {
    const message = walletMessage('cosign', payload)
    expect(message.split('\n')[0]).toBe('CrossChain Lending: co-sign a Borrow to another address')
    expect(message).toContain('Account: pk-0123')
    expect(message).toContain('Action: Borrow 10000000 USDC (smallest units) to evm:0x00000000000000000000000000000000000000aa')
    expect(message).toContain('Deadline: 2026-12-01T21:00:00.000Z')
    expect(message).toContain(`Request: ${requestId(payload)}`)
  })

  it('error: no two roles share a message, so no role\'s signature verifies as another\'s', () => {
    const messages = (['cosign', 'recover', 'remove', 'request'] as const).map((role) => walletMessage(role, payload))
    expect(new Set(messages).size).toBe(4)
  })

  it('behavior: a wallet-signed request\'s role follows from what it does', () => {
    expect(walletRequestRole([{ type: 'add_passkey', passkey: { credentialId: 'c', publicKey: 'p' } }])).toBe('recover')
    expect(walletRequestRole([{ type: 'remove_passkey', credentialId: 'c' }])).toBe('remove')
    expect(walletRequestRole([{ type: 'add_passkey', passkey: { credentialId: 'c', publicKey: 'p' } }, { type: 'remove_passkey', credentialId: 'c' }])).toBe('request')
    expect(walletRequestRole([])).toBe('request')
  })
})
