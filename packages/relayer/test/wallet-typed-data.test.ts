import { type Action, type SignedRequest, type WalletMessageRole, walletMessage, walletTypedData } from '@crosschain-lending/protocol'
import { type DevWallet, SoftwarePasskey, createDevWallet } from '@crosschain-lending/testing/signers'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Harness, type User, partnerOrigin, walletOrigin } from './support/harness'

/**
 * The relayer's precheck refuses, before it pays for a transaction, every EVM wallet signature
 * the contract would refuse for its role or its facts: a co-signature (or any other role's
 * signature) offered as a request's proof, a personal_sign over text, typed data whose amount,
 * recipient, site or deadline is not the request's, and a request naming a site the contract
 * does not serve. Real secp256k1 keys (the testing kit's dev wallets), the real contract behind
 * the local chain.
 */

let harness: Harness
let user: User
let wallet: DevWallet

beforeEach(async () => {
  harness = await Harness.start()
  user = await harness.createUser()
  const bound = await harness.bindRequest(user, 'evm')
  expect((await harness.post('/v1/requests', bound.request)).status).toBe(200)
  wallet = bound.wallet
})
afterEach(() => harness.close())

/** Posts `request` and expects a refusal with `code` that cost no transaction. */
async function refusedForFree(request: SignedRequest, code: string): Promise<void> {
  const before = harness.chain.counts.transactions
  const reply = await harness.post('/v1/requests', request)
  expect(reply.status, JSON.stringify(reply.body)).toBe(422)
  expect(reply.body.error.code).toBe(code)
  expect(harness.chain.counts.transactions).toBe(before)
}

const borrowToWallet = (): Action[] => [{ type: 'borrow', asset: 'USDC', amount: '10000000', recipient: { chain: 'evm', address: wallet.address } }]

describe('the relayer refuses EVM typed-data signatures in the wrong role or over other facts, for free', () => {
  // Mutation checked: with the precheck's verifyBoundWallet skipped, each of these cost a
  // transaction (the contract refused it on chain instead).
  it('error: a request signed in another role (a co-signature, a recovery, a removal) is refused INVALID_SIGNATURE before any transaction', async () => {
    const device = new SoftwarePasskey({ rpId: 'localhost', origin: walletOrigin })
    const byRole: [WalletMessageRole, Action[]][] = [
      ['recover', [{ type: 'add_passkey', passkey: { credentialId: device.credentialId, publicKey: device.publicKey } }]],
      ['remove', [{ type: 'remove_wallet', wallet: { chain: 'evm', address: wallet.address } }]],
      ['request', borrowToWallet()],
    ]
    for (const [role, actions] of byRole) {
      for (const wrong of (['cosign', 'recover', 'remove', 'request'] as const).filter((candidate) => candidate !== role)) {
        await refusedForFree(await harness.sign(user, actions, { wallet, role: wrong }), 'INVALID_SIGNATURE')
      }
    }
    // Signed in its own role, a request of the wallet's goes through (binding one more wallet).
    const reply = await harness.post('/v1/requests', (await harness.bindRequest(user, 'evm', { wallet })).request)
    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
  })

  it('error: a personal_sign over the request\'s text is refused INVALID_SIGNATURE before any transaction', async () => {
    const signed = await harness.sign(user, borrowToWallet(), { wallet })
    await refusedForFree({ ...signed, proof: { ...signed.proof, signature: await wallet.signMessage(walletMessage('request', signed.payload)) } as SignedRequest['proof'] }, 'INVALID_SIGNATURE')
  })

  it('error: a typed-data signature whose amount, recipient, site or deadline is not the request\'s is refused before any transaction', async () => {
    const signed = await harness.sign(user, borrowToWallet(), { wallet })
    const attacker = createDevWallet('evm').address
    const payloads = [
      signed.payload.replace('"amount":"10000000"', '"amount":"90000000"'),
      signed.payload.replace(`"address":"${wallet.address}"}}`, `"address":"${attacker}"}}`),
      signed.payload.replace(`"site":"${partnerOrigin}"`, `"site":"${walletOrigin}"`),
      signed.payload.replace(/"deadline":(\d+)/, (_, ms: string) => `"deadline":${Number(ms) + 60_000}`),
    ]
    for (const payload of payloads) {
      expect(payload).not.toBe(signed.payload)
      await refusedForFree({ ...signed, payload }, 'INVALID_SIGNATURE')
    }
    // The wallet shown other facts under this request's own id.
    const typed = walletTypedData('request', signed.payload)
    const actions = typed.message.actions as Record<string, unknown>[]
    for (const message of [
      { ...typed.message, actions: [{ ...actions[0], amount: '1 USDC' }] },
      { ...typed.message, actions: [{ ...actions[0], recipient: `EVM ${attacker}` }] },
      { ...typed.message, site: 'https://evil.example' },
      { ...typed.message, deadline: '2099-01-01T00:00:00.000Z' },
    ]) {
      const signature = await wallet.signTypedData({ ...typed, message })
      await refusedForFree({ ...signed, proof: { ...signed.proof, signature } as SignedRequest['proof'] }, 'INVALID_SIGNATURE')
    }
  })

  // Mutation checked: without assertSiteAllowed in the precheck, or without the site passed to
  // its verifyPasskeyProof, the refusal cost a transaction.
  it('error: a request naming a site the contract does not serve is refused SITE_NOT_ALLOWED, and a passkey that ran in another page than the named site SITE_MISMATCH, before any transaction', async () => {
    await refusedForFree(await harness.sign(user, borrowToWallet(), { wallet, site: 'https://evil.example' }), 'SITE_NOT_ALLOWED')
    // The wallet origin is a site the contract serves; the passkey still ran inside the partner page.
    await refusedForFree(await harness.sign(user, [{ type: 'supply', asset: 'USDC', amount: '1', collateral: true }], { site: walletOrigin }), 'SITE_MISMATCH')
  })
})
