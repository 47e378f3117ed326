import { fromBase64Url } from '@crosschain-lending/protocol'
import { SoftwarePasskey } from '@crosschain-lending/testing/signers'
import { describe, expect, it } from 'vitest'
import { verifySignIn } from '../src/passkeys/verify-sign-in'

const walletOrigin = 'http://localhost:5174'
const config = { rpId: 'localhost', allowedHostOrigins: ['http://127.0.0.1:5173'], contractId: 'lending.devnet' }
const challenge = crypto.getRandomValues(new Uint8Array(32))
const person = new SoftwarePasskey({ rpId: 'localhost', origin: walletOrigin, topOrigin: 'http://127.0.0.1:5173' })
const proof = person.sign('', { challenge })

describe('verifying a sign-in', () => {
  it('behavior: an assertion over this sign-in\'s challenge by the key the chain holds signs in', () => {
    expect(() => verifySignIn({ proof, challenge, publicKey: person.publicKey, config, walletOrigin })).not.toThrow()
  })

  it('error: the chain holds another key for that credential id (a squatted account): SIGN_IN_FAILED', () => {
    const squatter = new SoftwarePasskey({ rpId: 'localhost', origin: walletOrigin, credentialId: person.credentialId })
    expect(() => verifySignIn({ proof, challenge, publicKey: squatter.publicKey, config, walletOrigin })).toThrowError(
      expect.objectContaining({ code: 'SIGN_IN_FAILED', details: expect.stringContaining('INVALID_SIGNATURE') }),
    )
  })

  it('error: an assertion over another challenge (replayed, or chosen by the host), or from a page not served, is refused', () => {
    const other = crypto.getRandomValues(new Uint8Array(32))
    expect(() => verifySignIn({ proof, challenge: other, publicKey: person.publicKey, config, walletOrigin })).toThrowError(expect.objectContaining({ code: 'SIGN_IN_FAILED' }))
    const framed = person.sign('', { challenge, topOrigin: 'https://evil.example' })
    expect(() => verifySignIn({ proof: framed, challenge, publicKey: person.publicKey, config, walletOrigin })).toThrowError(
      expect.objectContaining({ code: 'SIGN_IN_FAILED', details: expect.stringContaining('TOP_ORIGIN_NOT_ALLOWED') }),
    )
    expect(fromBase64Url(JSON.parse(proof.clientDataJSON).challenge as string)).toEqual(challenge)
  })
})
