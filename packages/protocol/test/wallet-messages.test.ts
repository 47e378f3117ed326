import { describe, expect, it } from 'vitest'
import { bindingMessage, parseBindingMessage, parseRequest, requestId, walletMessage, walletRequestRole } from '../src/index'
import { samplePayload, sampleSite as site } from './sample-request'

const payload = samplePayload([
  { type: 'borrow', asset: 'USDC', amount: '10500000', recipient: { chain: 'evm', address: '0x00000000000000000000000000000000000000aa' } },
  { type: 'supply', asset: 'ETH', amount: '1000000000000000', collateral: true },
])

describe('the text messages a bound wallet signs (NEAR NEP-413, Solana, Stellar SEP-53), by role', () => {
  it('behavior: readable, one fact a line: the role first, the account, each action in the asset\'s units with its smallest units, the site, the deadline in ISO UTC, the request id', () => {
    const message = walletMessage('cosign', payload)
    expect(message.split('\n')[0]).toBe('CrossChain Lending: co-sign a Borrow to another address')
    expect(message).toContain('Account: pk-0123')
    expect(message).toContain('Action: Borrow: 10.5 USDC (10500000 smallest units) to EVM 0x00000000000000000000000000000000000000aa')
    expect(message).toContain('Action: Supply as collateral: 0.001 ETH (1000000000000000 smallest units)')
    expect(message).toContain(`Site: ${site}`)
    expect(message).toContain('Deadline: 2026-12-01T21:00:00.000Z')
    expect(message).toContain(`Request: ${requestId(payload)}`)
    expect(message).toContain('Network: NEAR devnet (lending.devnet)')
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

  it('error: an asset the protocol\'s table does not know has no message (UNKNOWN_ASSET): its amount could not be shown in its units', () => {
    const unknown = payload.replace('"asset":"USDC"', '"asset":"DOGE"')
    expect(() => walletMessage('cosign', unknown)).toThrowError(expect.objectContaining({ code: 'UNKNOWN_ASSET' }))
  })

  it('behavior: the binding message names the site and the deadline, and reads back exactly', () => {
    const fields = { accountId: 'pk-0123', contractId: 'lending.devnet', chainId: 'devnet' as const, wallet: { chain: 'near' as const, address: 'alice.near' }, nonce: 'B'.repeat(43), origin: site, deadline: Date.UTC(2026, 0, 2, 3, 4, 5, 6) }
    const message = bindingMessage(fields)
    expect(message).toContain(`Site: ${site}`)
    expect(message).toContain('Deadline: 2026-01-02T03:04:05.006Z')
    expect(parseBindingMessage(message)).toEqual(fields)
    expect(() => parseBindingMessage(message.replace('Deadline: 2026-01-02T03:04:05.006Z', 'Deadline: 2026-01-02T03:04:05Z'))).toThrowError(expect.objectContaining({ code: 'INVALID_REQUEST' }))
  })
})

describe('the site a request is made on', () => {
  const withSite = (value: unknown) => payload.replace(`"site":"${site}"`, `"site":${JSON.stringify(value)}`)

  it('behavior: the request commits to the partner page\'s origin', () => {
    expect(parseRequest(payload).site).toBe(site)
  })

  it('error: a site that is not an origin exactly as browsers write it is refused (INVALID_REQUEST naming site)', () => {
    for (const bad of ['https://partner.example/', 'https://partner.example/path', 'HTTPS://partner.example', 'https://Partner.example', 'javascript:alert(1)', 'https://user@partner.example', 'https://partner.example:443', 'an unknown site', 42]) {
      expect(() => parseRequest(withSite(bad)), String(bad)).toThrowError(expect.objectContaining({ code: 'INVALID_REQUEST', message: expect.stringContaining('site') }))
    }
    expect(() => parseRequest(payload.replace(`"site":"${site}",`, ''))).toThrowError(expect.objectContaining({ code: 'INVALID_REQUEST', message: expect.stringContaining('site is missing') }))
  })

  it('error: an amount an EVM wallet could not sign as a uint256 (above 2^256 - 1) is refused', () => {
    const tooLarge = (2n ** 256n).toString()
    expect(() => parseRequest(payload.replace('"amount":"10500000"', `"amount":"${tooLarge}"`))).toThrowError(expect.objectContaining({ code: 'INVALID_REQUEST' }))
    expect(parseRequest(payload.replace('"amount":"10500000"', `"amount":"${2n ** 256n - 1n}"`)).actions[0]).toMatchObject({ amount: String(2n ** 256n - 1n) })
  })
})
