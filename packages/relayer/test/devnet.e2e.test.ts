import { type RunningDevnet, bridgeDeposit, startDevnet } from '@crosschain-lending/devnet'
import { type Action, type SignedRequest, bindingMessage, bindingSignable, encodeRequest, requestSignable, toBase64Url, walletRequestRole } from '@crosschain-lending/protocol'
import { type DevWallet, SoftwarePasskey, createDevWallet, relayerCreationBody, signSignable } from '@crosschain-lending/testing/signers'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { relayerConfigFromEnv } from '../src/config'
import { type Relayer, startRelayer } from '../src/server'

/**
 * The relayer in front of the real local chain (not a fake): signed requests go through the
 * relayer's HTTP API, become NEAR transactions, and change the contract's state on the chain.
 */
const walletOrigin = 'http://localhost:5174'
const partnerOrigin = 'http://127.0.0.1:5173'
let dataDir: string
let devnet: RunningDevnet
let relayer: Relayer

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'ccl-e2e-'))
  devnet = await startDevnet({ dataDir: path.join(dataDir, 'chain'), port: 0, blockIntervalMs: 20 })
  relayer = await startRelayer(relayerConfigFromEnv({ CCL_RPC_URL: devnet.url, CCL_RELAYER_PORT: '0', CCL_RELAYER_DATA_DIR: path.join(dataDir, 'relayer') }), { log: () => undefined })
})

afterAll(async () => {
  await relayer.close()
  await devnet.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const post = (route: string, body: unknown) =>
  fetch(`${relayer.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: walletOrigin }, body: JSON.stringify(body) }).then(async (response) => ({
    status: response.status,
    body: (await response.json()) as Record<string, any>, // eslint-disable-line @typescript-eslint/no-explicit-any
  }))

const view = (method: string, args: Record<string, unknown>) => devnet.chain.view<Record<string, any>>(method, args) // eslint-disable-line @typescript-eslint/no-explicit-any

type User = { accountId: string; passkey: SoftwarePasskey; wallet?: DevWallet }
const nonce = () => toBase64Url(crypto.getRandomValues(new Uint8Array(32)))

async function newUser(): Promise<User> {
  const passkey = new SoftwarePasskey({ rpId: 'localhost', origin: walletOrigin, topOrigin: partnerOrigin })
  const created = await post('/v1/accounts', relayerCreationBody(passkey.createAccountArgs({ chainId: 'devnet', contractId: 'lending.devnet', deadline: Date.now() + 5 * 60 * 1000 })))
  expect(created.status).toBe(201)
  return { accountId: created.body.accountId, passkey }
}

async function sign(user: User, actions: Action[], options: { by?: 'passkey' | 'wallet'; nonce?: string; deadline?: number; contractId?: string } = {}): Promise<SignedRequest> {
  const n = options.nonce ?? nonce()
  const byWallet = options.by === 'wallet'
  const payload = encodeRequest({
    chainId: 'devnet',
    contractId: options.contractId ?? 'lending.devnet',
    accountId: user.accountId,
    site: partnerOrigin,
    signer: byWallet ? { type: 'wallet', chain: user.wallet!.chain, address: user.wallet!.address } : { type: 'passkey', credentialId: user.passkey.credentialId },
    nonce: n,
    deadline: options.deadline ?? Date.now() + 120_000,
    actions,
  })
  if (!byWallet) return { payload, proof: user.passkey.sign(payload) }
  const signature = await signSignable(user.wallet!, requestSignable('evm', walletRequestRole(actions), payload))
  return { payload, proof: { type: 'wallet', chain: user.wallet!.chain, address: user.wallet!.address, signature } }
}

async function bind(user: User): Promise<void> {
  const wallet = createDevWallet('evm')
  const n = nonce()
  const deadline = Date.now() + 120_000
  const fields = { accountId: user.accountId, contractId: 'lending.devnet', chainId: 'devnet' as const, wallet: { chain: 'evm' as const, address: wallet.address }, nonce: n, origin: partnerOrigin, deadline }
  const proof = { message: bindingMessage(fields), signature: await signSignable(wallet, bindingSignable(fields)) }
  const reply = await post('/v1/requests', await sign(user, [{ type: 'add_wallet', wallet: { chain: 'evm', address: wallet.address }, proof }], { nonce: n, deadline }))
  expect(reply.status, JSON.stringify(reply.body)).toBe(200)
  user.wallet = wallet
}

describe('relayer and local chain, end to end', () => {
  it('behavior: passkey-signed and wallet-signed requests through the relayer change the contract state on the chain', async () => {
    const user = await newUser()
    await bind(user)
    await bridgeDeposit(devnet.chain, { accountId: user.accountId, chain: 'evm', asset: 'USDC', amount: '3000000', ref: `e2e-${user.accountId}` })

    const byPasskey = await post('/v1/requests', await sign(user, [{ type: 'supply', asset: 'USDC', amount: '1000000', collateral: true }]))
    expect(byPasskey.status, JSON.stringify(byPasskey.body)).toBe(200)
    expect(byPasskey.body).toMatchObject({ status: 'final', transactionHash: expect.any(String), outcome: { accountId: user.accountId } })
    const byWallet = await post('/v1/requests', await sign(user, [{ type: 'supply', asset: 'USDC', amount: '2000000', collateral: false }], { by: 'wallet' }))
    expect(byWallet.status, JSON.stringify(byWallet.body)).toBe(200)

    const usdc = ((await view('get_position', { account_id: user.accountId })).assets as { asset: string }[]).find((asset) => asset.asset === 'USDC')
    expect(usdc).toMatchObject({ balance: '0', collateral: '1000000', supplied: '2000000' })
    const status = await fetch(`${relayer.url}/v1/requests/${byPasskey.body.requestId}`).then((r) => r.json() as Promise<Record<string, unknown>>)
    expect(status).toMatchObject({ status: 'final', transactionHash: byPasskey.body.transactionHash })
  })

  it('error: a replayed, an expired, a tampered and another contract\'s request are refused with the contract\'s code, changing nothing', async () => {
    const user = await newUser()
    await bind(user)
    await bridgeDeposit(devnet.chain, { accountId: user.accountId, chain: 'evm', asset: 'USDC', amount: '1000000', ref: `e2e-r-${user.accountId}` })
    const supply: Action = { type: 'supply', asset: 'USDC', amount: '100', collateral: false }
    const first = await sign(user, [supply])
    expect((await post('/v1/requests', first)).status).toBe(200)

    const sameNonce = await sign(user, [{ ...supply, amount: '200' }], { nonce: JSON.parse(first.payload).nonce })
    expect(await post('/v1/requests', sameNonce)).toMatchObject({ status: 409, body: { error: { code: 'NONCE_ALREADY_USED' } } })
    expect(await post('/v1/requests', await sign(user, [supply], { deadline: Date.now() - 1000 }))).toMatchObject({ body: { error: { code: 'REQUEST_EXPIRED' } } })
    const tampered = await sign(user, [supply])
    expect(await post('/v1/requests', { ...tampered, payload: tampered.payload.replace('"100"', '"999"') })).toMatchObject({ status: 422, body: { error: { code: 'CHALLENGE_MISMATCH' } } })
    expect(await post('/v1/requests', await sign(user, [supply], { contractId: 'other.devnet' }))).toMatchObject({ body: { error: { code: 'WRONG_CONTRACT' } } })
    // A refusal the contract makes (not a precheck) comes through with its code as well.
    expect(await post('/v1/requests', await sign(user, [{ type: 'repay', asset: 'USDC', amount: '1' }]))).toMatchObject({ status: 422, body: { error: { code: 'NOTHING_TO_REPAY' } } })

    const usdc = ((await view('get_position', { account_id: user.accountId })).assets as { asset: string }[]).find((asset) => asset.asset === 'USDC')
    expect(usdc).toMatchObject({ balance: String(1_000_000 - 100), supplied: '100' })
  })

  it('behavior: 50 concurrent submissions of one signed request execute it once, and every caller gets its result', async () => {
    const user = await newUser()
    await bind(user)
    await bridgeDeposit(devnet.chain, { accountId: user.accountId, chain: 'evm', asset: 'USDC', amount: '1000', ref: `e2e-d-${user.accountId}` })
    const request = await sign(user, [{ type: 'supply', asset: 'USDC', amount: '10', collateral: false }])
    const replies = await Promise.all(Array.from({ length: 50 }, () => post('/v1/requests', request)))
    expect(new Set(replies.map((reply) => reply.status))).toEqual(new Set([200]))
    expect(new Set(replies.map((reply) => reply.body.requestId)).size).toBe(1)
    const usdc = ((await view('get_position', { account_id: user.accountId })).assets as { asset: string }[]).find((asset) => asset.asset === 'USDC')
    expect(usdc).toMatchObject({ balance: '990', supplied: '10' })
  })
})
