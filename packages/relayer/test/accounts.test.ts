import { SoftwarePasskey, relayerCreationBody } from '@crosschain-lending/testing/signers'
import { afterEach, describe, expect, it } from 'vitest'
import { Harness, contractId, walletOrigin } from './support/harness'

let harness: Harness
afterEach(() => harness.close())

const newPasskey = () => new SoftwarePasskey({ rpId: 'localhost', origin: walletOrigin })

/** The body the wallet sends: the key and id, and the passkey's own proof of possession. */
function creationBody(passkey: SoftwarePasskey, options: { userHandle?: string; publicKey?: string } = {}) {
  return relayerCreationBody(passkey.createAccountArgs({ chainId: 'devnet', contractId, deadline: Date.now() + 5 * 60 * 1000, ...options }))
}

describe('POST /v1/accounts', () => {
  it('behavior: creates the passkey account and answers once the chain has it; again is idempotent and free', async () => {
    harness = await Harness.start()
    const passkey = newPasskey()
    const body = creationBody(passkey)
    const created = await harness.post('/v1/accounts', body)
    expect(created.status).toBe(201)
    expect(created.body).toEqual({ accountId: expect.stringMatching(/^pk-[0-9a-f]{40}$/), created: true })
    expect(await harness.chain.view('get_account', { account_id: created.body.accountId })).not.toBeNull()
    const again = await harness.post('/v1/accounts', body)
    expect(again.status).toBe(200)
    expect(again.body).toEqual({ accountId: created.body.accountId, created: false })
    expect(harness.chain.counts.transactions).toBe(1)
  })

  it('behavior: concurrent creations of one passkey send one transaction', async () => {
    harness = await Harness.start({ chain: { executionDelayMs: 20 } })
    const passkey = newPasskey()
    const body = creationBody(passkey, { userHandle: 'dXNlcg' })
    const replies = await Promise.all(Array.from({ length: 10 }, () => harness.post('/v1/accounts', body)))
    expect(new Set(replies.map((reply) => reply.body.accountId)).size).toBe(1)
    expect(harness.chain.counts.transactions).toBe(1)
  })

  it('error: a credential that controls another account is refused CREDENTIAL_IN_USE without a transaction', async () => {
    harness = await Harness.start()
    const passkey = newPasskey()
    await harness.post('/v1/accounts', creationBody(passkey))
    const squatter = await harness.post('/v1/accounts', creationBody(new SoftwarePasskey({ rpId: 'localhost', origin: walletOrigin, credentialId: passkey.credentialId })))
    expect(squatter.status).toBe(422)
    expect(squatter.body.error.code).toBe('CREDENTIAL_IN_USE')
    expect(harness.chain.counts.transactions).toBe(1)
  })

  it('error: a malformed body is refused 400 naming the field, before the chain is asked', async () => {
    harness = await Harness.start()
    for (const [body, field] of [
      [{ ...creationBody(newPasskey()), credentialId: 'short' }, 'credentialId'],
      [{ ...creationBody(newPasskey()), publicKey: 'ed25519:abc' }, 'publicKey'],
      [{ ...creationBody(newPasskey()), extra: 1 }, 'extra'],
      [{ credentialId: newPasskey().credentialId, publicKey: newPasskey().publicKey }, 'deadline'],
      [{ ...creationBody(newPasskey()), proof: { type: 'passkey' } }, 'proof'],
    ] as const) {
      const reply = await harness.post('/v1/accounts', body)
      expect(reply.status).toBe(400)
      expect(reply.body.error.message).toContain(field)
    }
    expect(harness.chain.counts.calls).toEqual({})
  })

  it('error: a creation without a valid proof of possession is refused before any transaction and records nothing', async () => {
    harness = await Harness.start()
    const victim = newPasskey()
    // The attacker's passkey signs a creation naming the victim's key.
    const forged = creationBody(new SoftwarePasskey({ rpId: 'localhost', origin: walletOrigin, credentialId: victim.credentialId }), { publicKey: victim.publicKey })
    const reply = await harness.post('/v1/accounts', forged)
    expect(reply.status).toBe(422)
    expect(reply.body.error.code).toBe('INVALID_SIGNATURE')
    expect(await harness.chain.view('get_account_by_credential', { credential_id: victim.credentialId })).toBeNull()
    // The relayer checked the proof itself: the forgery cost a view, not a paid transaction.
    expect(harness.chain.counts.transactions).toBe(0)
  })

  it('error: an expired creation proof, or one for another contract, costs no transaction', async () => {
    harness = await Harness.start()
    const passkey = newPasskey()
    const expired = relayerCreationBody(passkey.createAccountArgs({ chainId: 'devnet', contractId, deadline: Date.now() - 60_000 }))
    expect((await harness.post('/v1/accounts', expired)).body.error.code).toBe('REQUEST_EXPIRED')
    const elsewhere = relayerCreationBody(passkey.createAccountArgs({ chainId: 'devnet', contractId: 'other.devnet', deadline: Date.now() + 60_000 }))
    expect((await harness.post('/v1/accounts', elsewhere)).body.error.code).toBe('CHALLENGE_MISMATCH')
    expect(harness.chain.counts.transactions).toBe(0)
  })
})
