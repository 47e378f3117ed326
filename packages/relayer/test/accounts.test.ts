import { SoftwarePasskey } from '@crosschain-lending/testing/signers'
import { afterEach, describe, expect, it } from 'vitest'
import { Harness, walletOrigin } from './support/harness'

let harness: Harness
afterEach(() => harness.close())

const newPasskey = () => new SoftwarePasskey({ rpId: 'localhost', origin: walletOrigin })

describe('POST /v1/accounts', () => {
  it('behavior: creates the passkey account and answers once the chain has it; again is idempotent and free', async () => {
    harness = await Harness.start()
    const passkey = newPasskey()
    const body = { credentialId: passkey.credentialId, publicKey: passkey.publicKey }
    const created = await harness.post('/v1/accounts', body)
    expect(created.status).toBe(201)
    expect(created.body).toEqual({ accountId: expect.stringMatching(/^pk-[0-9a-f]{40}$/), created: true })
    expect(harness.fake.contract.getAccount({ account_id: created.body.accountId })).not.toBeNull()
    const again = await harness.post('/v1/accounts', body)
    expect(again.status).toBe(200)
    expect(again.body).toEqual({ accountId: created.body.accountId, created: false })
    expect(harness.fake.counts.transactions).toBe(1)
  })

  it('behavior: concurrent creations of one passkey send one transaction', async () => {
    harness = await Harness.start({ fake: { executionDelayMs: 20 } })
    const passkey = newPasskey()
    const body = { credentialId: passkey.credentialId, publicKey: passkey.publicKey, userHandle: 'dXNlcg' }
    const replies = await Promise.all(Array.from({ length: 10 }, () => harness.post('/v1/accounts', body)))
    expect(new Set(replies.map((reply) => reply.body.accountId)).size).toBe(1)
    expect(harness.fake.counts.transactions).toBe(1)
  })

  it('error: a credential that controls another account is refused CREDENTIAL_IN_USE without a transaction', async () => {
    harness = await Harness.start()
    const passkey = newPasskey()
    await harness.post('/v1/accounts', { credentialId: passkey.credentialId, publicKey: passkey.publicKey })
    const squatter = await harness.post('/v1/accounts', { credentialId: passkey.credentialId, publicKey: newPasskey().publicKey })
    expect(squatter.status).toBe(422)
    expect(squatter.body.error.code).toBe('CREDENTIAL_IN_USE')
    expect(harness.fake.counts.transactions).toBe(1)
  })

  it('error: a malformed body is refused 400 naming the field, before the chain is asked', async () => {
    harness = await Harness.start()
    for (const [body, field] of [
      [{ credentialId: 'short', publicKey: newPasskey().publicKey }, 'credentialId'],
      [{ credentialId: newPasskey().credentialId, publicKey: 'ed25519:abc' }, 'publicKey'],
      [{ credentialId: newPasskey().credentialId, publicKey: newPasskey().publicKey, extra: 1 }, 'extra'],
    ] as const) {
      const reply = await harness.post('/v1/accounts', body)
      expect(reply.status).toBe(400)
      expect(reply.body.error.message).toContain(field)
    }
    expect(harness.fake.counts.calls).toEqual({})
  })
})
