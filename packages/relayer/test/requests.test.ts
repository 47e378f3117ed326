import { requestId } from '@crosschain-lending/protocol'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Harness, type User, randomNonce } from './support/harness'

let harness: Harness
let user: User

beforeEach(async () => {
  harness = await Harness.start()
  user = await harness.createUser()
})
afterEach(() => harness.close())

describe('POST /v1/requests', () => {
  it('behavior: a passkey-signed request executes and answers with the final outcome', async () => {
    const { request, wallet } = await harness.bindRequest(user)
    const reply = await harness.post('/v1/requests', request)
    expect(reply.status).toBe(200)
    const id = requestId(request.payload)
    expect(reply.body).toMatchObject({ requestId: id, status: 'final', outcome: { requestId: id, accountId: user.accountId, transfers: [] } })
    expect(reply.body.transactionHash).toMatch(/^[1-9A-HJ-NP-Za-km-z]{43,44}$/)
    expect(reply.body.blockHeight).toBe(reply.body.outcome.blockHeight)
    expect(harness.chain.counts.executions.execute).toBe(1)
    expect(((await harness.chain.view('get_account', { account_id: user.accountId })) as { wallets: { address: string }[] }).wallets.map((bound) => bound.address)).toEqual([wallet.address])
  })

  it('behavior: the same signed request twice executes once; the second caller gets the first result', async () => {
    const { request } = await harness.bindRequest(user)
    const first = await harness.post('/v1/requests', request)
    const second = await harness.post('/v1/requests', request)
    expect(second.status).toBe(200)
    expect(second.body).toEqual(first.body)
    expect(harness.chain.counts.transactions).toBe(1)
  })

  it('behavior: 50 concurrent copies of one request execute once and all get its outcome', async () => {
    await harness.chain.close()
    await harness.relayer.close()
    harness = await Harness.start({ chain: { executionDelayMs: 50 } })
    user = await harness.createUser()
    const { request } = await harness.bindRequest(user)
    const replies = await Promise.all(Array.from({ length: 50 }, () => harness.post('/v1/requests', request)))
    expect(replies.map((reply) => reply.status)).toEqual(Array(50).fill(200))
    expect(new Set(replies.map((reply) => JSON.stringify(reply.body))).size).toBe(1)
    expect(harness.chain.counts.executions.execute).toBe(1)
    expect(harness.chain.counts.transactions).toBe(1)
  })

  it('behavior: concurrent different requests each get a key and a nonce of their own', async () => {
    // A passkey without a counter (as synced passkeys): with one, requests signed in order must arrive in order.
    // Five accounts of four binds each: the contract binds at most four wallets to an account.
    const users = await Promise.all(Array.from({ length: 5 }, () => harness.createUser({ keepsCounter: false })))
    const requests = await Promise.all(users.flatMap((each) => Array.from({ length: 4 }, () => harness.bindRequest(each))))
    const replies = await Promise.all(requests.map(({ request }) => harness.post('/v1/requests', request)))
    expect(replies.map((reply) => reply.status), JSON.stringify(replies.find((reply) => reply.status !== 200)?.body)).toEqual(Array(20).fill(200))
    expect(harness.chain.counts.executions.execute).toBe(20)
    expect(harness.chain.counts.invalidNonces).toBe(0)
  })

  it('behavior: a request a bound wallet signed (EVM EIP-712 typed data, NEAR NEP-413 with the request nonce) is checked and executes', async () => {
    for (const chain of ['evm', 'near'] as const) {
      const { request, wallet } = await harness.bindRequest(user, chain)
      expect((await harness.post('/v1/requests', request)).status).toBe(200)
      // The bound wallet now signs a request of its own: binding one more wallet.
      const reply = await harness.post('/v1/requests', (await harness.bindRequest(user, 'evm', { wallet })).request)
      expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    }
    expect(harness.chain.counts.executions.execute).toBe(4)
  })

  it('behavior: a request another relayer executed meanwhile is answered with its original outcome', async () => {
    const { request } = await harness.bindRequest(user)
    let original: unknown
    // Another relayer instance gets it on chain between our checks and our transaction.
    harness.chain.beforeExecute = async (method) => {
      harness.chain.beforeExecute = undefined
      if (method === 'execute') original = await harness.chain.hostCall('execute', { ...request })
    }
    const reply = await harness.post('/v1/requests', request)
    expect(reply.status).toBe(200)
    expect(reply.body).toMatchObject({ status: 'final', outcome: original })
    expect(harness.chain.counts.executions.execute).toBeUndefined() // the relayer's own transaction was refused
  })

  it('behavior: a relayer with no memory of a request gets its original outcome from the chain, executing it once', async () => {
    const { request } = await harness.bindRequest(user)
    const first = await harness.post('/v1/requests', request)
    await harness.relayer.close()
    await harness.startRelayer({ dataDir: `${harness.dataDir}/other-instance` })
    const again = await harness.post('/v1/requests', request)
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ requestId: first.body.requestId, status: 'final', outcome: first.body.outcome })
    // The second instance sends it (no lookup before paying); the contract refuses the repeat, and
    // the relayer answers with the chain's record of the first execution.
    expect(harness.chain.counts.executions).toEqual({ execute: 1 })
  })

  it('error: another payload with a used nonce is refused 409 NONCE_ALREADY_USED and never executes', async () => {
    const nonce = randomNonce()
    expect((await harness.post('/v1/requests', (await harness.bindRequest(user, 'evm', { nonce })).request)).status).toBe(200)
    const replay = await harness.post('/v1/requests', (await harness.bindRequest(user, 'evm', { nonce })).request)
    expect(replay.status).toBe(409)
    expect(replay.body.error.code).toBe('NONCE_ALREADY_USED')
    expect(harness.chain.counts.executions).toEqual({ execute: 1 })
  })

  it('error: another payload that takes the nonce on chain first is refused 409 after the chain refuses ours', async () => {
    const nonce = randomNonce()
    const { request } = await harness.bindRequest(user, 'evm', { nonce })
    const rival = (await harness.bindRequest(user, 'evm', { nonce })).request
    harness.chain.beforeExecute = async () => {
      harness.chain.beforeExecute = undefined
      await harness.chain.hostCall('execute', { ...rival })
    }
    const reply = await harness.post('/v1/requests', request)
    expect(reply.status).toBe(409)
    expect(reply.body.error.code).toBe('NONCE_ALREADY_USED')
  })

  it('error: a tampered payload is refused 422 before any transaction is sent', async () => {
    const { request } = await harness.bindRequest(user)
    const tampered = { ...request, payload: request.payload.replace('Site: http://127.0.0.1:5173', 'Site: https://evil.example') }
    expect(tampered.payload).not.toBe(request.payload)
    const reply = await harness.post('/v1/requests', tampered)
    expect(reply.status).toBe(422)
    expect(reply.body.error.code).toBe('CHALLENGE_MISMATCH')
    const forged = { ...request, proof: { ...request.proof, signature: user.passkey.sign('something else').signature } }
    const forgedReply = await harness.post('/v1/requests', forged)
    expect(forgedReply.status).toBe(422)
    expect(forgedReply.body.error.code).toBe('INVALID_SIGNATURE')
    expect(harness.chain.counts.calls.send_tx).toBeUndefined()
  })

  it('error: a passkey assertion made inside a page that is not a partner site (topOrigin) is refused before any transaction', async () => {
    const { request } = await harness.bindRequest(user)
    const framed = { ...request, proof: user.passkey.sign(request.payload, { topOrigin: 'https://evil.example' }) }
    const reply = await harness.post('/v1/requests', framed)
    expect(reply.status).toBe(422)
    expect(reply.body.error.code).toBe('TOP_ORIGIN_NOT_ALLOWED')
    expect(harness.chain.counts.transactions).toBe(0)
  })

  it('error: a passkey that is not on the account is refused UNKNOWN_SIGNER before any transaction', async () => {
    const stranger = await harness.createUser()
    const { request } = await harness.bindRequest({ accountId: user.accountId, passkey: stranger.passkey })
    const reply = await harness.post('/v1/requests', request)
    expect(reply.status).toBe(422)
    expect(reply.body.error.code).toBe('UNKNOWN_SIGNER')
    expect(harness.chain.counts.transactions).toBe(0)
  })

  it('error: an expired request is refused REQUEST_EXPIRED before any transaction', async () => {
    const { request } = await harness.bindRequest(user, 'evm', { deadline: Date.now() - 60_000 })
    const reply = await harness.post('/v1/requests', request)
    expect(reply.status).toBe(422)
    expect(reply.body.error.code).toBe('REQUEST_EXPIRED')
    expect(harness.chain.counts.transactions).toBe(0)
  })

  it('error: a deadline further ahead than the contract allows is refused DEADLINE_TOO_FAR', async () => {
    const { request } = await harness.bindRequest(user, 'evm', { deadline: Date.now() + 2 * 60 * 60 * 1000 })
    const reply = await harness.post('/v1/requests', request)
    expect(reply.body.error.code).toBe('DEADLINE_TOO_FAR')
    expect(harness.chain.counts.transactions).toBe(0)
  })

  it('error: a request for another contract or network is refused before any transaction', async () => {
    const wrongContract = await harness.post('/v1/requests', (await harness.bindRequest(user, 'evm', { contractId: 'other.devnet' })).request)
    expect(wrongContract.status).toBe(422)
    expect(wrongContract.body.error.code).toBe('WRONG_CONTRACT')
    const wrongNetwork = await harness.post('/v1/requests', (await harness.bindRequest(user, 'evm', { chainId: 'mainnet' })).request)
    expect(wrongNetwork.body.error.code).toBe('WRONG_CHAIN')
    expect(harness.chain.counts.transactions).toBe(0)
  })

  it('error: an account that does not exist is refused ACCOUNT_NOT_FOUND', async () => {
    const { request } = await harness.bindRequest({ accountId: 'pk-0000000000000000000000000000000000000000', passkey: user.passkey })
    const reply = await harness.post('/v1/requests', request)
    expect(reply.status).toBe(422)
    expect(reply.body.error.code).toBe('ACCOUNT_NOT_FOUND')
  })

  it('error: a malformed signed request is refused 400 INVALID_REQUEST naming the field', async () => {
    const reply = await harness.post('/v1/requests', { payload: '{}', proof: { type: 'passkey' } })
    expect(reply.status).toBe(400)
    expect(reply.body.error.code).toBe('INVALID_REQUEST')
    expect(reply.body.error.message).toMatch(/payload/)
    const notJson = await harness.post('/v1/requests', '{"payload":')
    expect(notJson.status).toBe(400)
    expect(notJson.body).toEqual({ error: { code: 'INVALID_REQUEST', message: 'The request body is not valid JSON.' } })
  })

  it('error: a contract refusal is reported 422 with its code and is not retried', async () => {
    const request = await harness.sign(user, [{ type: 'repay', asset: 'USDC', amount: '1000' }])
    const reply = await harness.post('/v1/requests', request)
    expect(reply.status).toBe(422)
    expect(reply.body.error.code).toBe('NOTHING_TO_REPAY')
    expect(reply.body.error).not.toHaveProperty('stack')
    expect(harness.chain.counts.calls.send_tx).toBe(1)
    expect(harness.chain.counts.refusals).toBe(1)
  })
})
