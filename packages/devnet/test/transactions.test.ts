import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  JsonRpcProvider,
  KeyPair,
  KeyPairSigner,
  actions,
  baseDecode,
  createTransaction,
  encodeTransaction,
} from 'near-api-js'
import { NotEnoughBalanceError, TransactionSizeExceededError } from 'near-api-js/rpc-errors'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Devnet, type RunningDevnet, devnetContractId, devnetRelayerAccountId, maxTransactionSize, startDevnet } from '../src/index'

// Blocks are made by the tests (`mined`), so what lands in one block is the test's choice.
let devnet: RunningDevnet
let dataDir: string
let provider: JsonRpcProvider

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'ccl-devnet-tx-'))
  devnet = await startDevnet({ dataDir, port: 0, blockIntervalMs: 3_600_000, lending: false })
  provider = new JsonRpcProvider({ url: devnet.url }, { retries: 1 })
})

afterAll(async () => {
  await devnet.close()
  rmSync(dataDir, { recursive: true, force: true })
})

type RpcAnswer = { result?: unknown; error?: { name: string; cause: { name: string; info: Record<string, unknown> }; data: unknown } }
const rpc = (method: string, params: unknown): Promise<RpcAnswer> =>
  fetch(devnet.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) }).then((r) => r.json() as Promise<RpcAnswer>)

/** Produces blocks until `pending` settles (the chain's own timer is off). */
async function mined<T>(pending: Promise<T>): Promise<T> {
  let settled = false
  pending.then(
    () => (settled = true),
    () => (settled = true),
  )
  while (!settled) {
    await new Promise((resolve) => setTimeout(resolve, 5))
    await devnet.chain.produceBlock()
  }
  return pending
}

/** A fresh NEAR account with the faucet's 10 NEAR, and a way to sign its transactions. */
async function fundedAccount(name: string) {
  const key = KeyPair.fromRandom('ed25519')
  const accountId = `${name}-${Date.now().toString(36)}.devnet`
  const created = await mined(rpc('dev_create_near_account', { account_id: accountId, public_key: key.getPublicKey().toString() }))
  expect(created.error).toBeUndefined()
  const signer = new KeyPairSigner(key)
  const head = await provider.viewBlock({ finality: 'final' })
  const sign = async (nonce: bigint, receiverId: string, list: ReturnType<typeof actions.transfer>[]) =>
    (await signer.signTransaction(createTransaction(accountId, key.getPublicKey(), receiverId, nonce, list, baseDecode(head.header.hash)))).signedTransaction
  return { accountId, publicKey: key.getPublicKey(), sign }
}

const near = (amount: bigint) => amount * 10n ** 24n
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

describe('the chain applies NEAR transaction rules', () => {
  it('error: three 9-NEAR transfers from a 10-NEAR account in one block: the first runs, the others fail with NotEnoughBalance and change nothing', async () => {
    const sender = await fundedAccount('overdraft')
    const receiverBefore = (await provider.viewAccount({ accountId: devnetRelayerAccountId })).amount
    const transfers = await Promise.all([1n, 2n, 3n].map((nonce) => sender.sign(nonce, devnetRelayerAccountId, [actions.transfer(near(9n))])))
    // All three are accepted on arrival (each alone fits the balance), then applied in one block.
    const hashes: string[] = []
    for (const signed of transfers) {
      const answer = await rpc('broadcast_tx_async', [base64(encodeTransaction(signed))])
      expect(answer.error).toBeUndefined()
      hashes.push(answer.result as string)
    }
    await devnet.chain.produceBlock()
    expect(devnet.chain.head.txHashes).toEqual(hashes)

    const outcomes = await Promise.all(hashes.map((txHash) => provider.viewTransactionStatus({ txHash, accountId: sender.accountId, waitUntil: 'FINAL' })))
    expect(outcomes[0]!.status).toEqual({ SuccessValue: '' })
    for (const outcome of outcomes.slice(1)) {
      expect(outcome.status).toMatchObject({ Failure: { InvalidTxError: { NotEnoughBalance: { signer_id: sender.accountId } } } })
      expect(outcome.transaction_outcome.outcome.tokens_burnt).toBe('0')
    }
    const balance = (await provider.viewAccount({ accountId: sender.accountId })).amount
    expect(balance).toBeGreaterThan(0n)
    expect(balance).toBe(near(1n) - BigInt(outcomes[0]!.transaction_outcome.outcome.tokens_burnt) - BigInt(outcomes[0]!.receipts_outcome[0]!.outcome.tokens_burnt))
    expect((await provider.viewAccount({ accountId: devnetRelayerAccountId })).amount).toBe(receiverBefore + near(9n))
    // The refused transactions did not use their nonces.
    expect((await provider.viewAccessKey({ accountId: sender.accountId, publicKey: outcomes[0]!.transaction.public_key })).nonce).toBe(1n)

    // Sent now, on the balance that is left, another is refused on arrival.
    await expect(provider.sendTransaction(await sender.sign(2n, devnetRelayerAccountId, [actions.transfer(near(8n))]))).rejects.toBeInstanceOf(NotEnoughBalanceError)

    // A restart replays the block to the same balances and outcomes.
    const reopened = await copyAndOpen()
    expect(reopened.account(sender.accountId)?.amount).toBe(balance)
    expect(reopened.outcome(hashes[2]!)?.status).toEqual(outcomes[2]!.status)
    await reopened.close()
  })

  it('error: a signed transaction with bytes after it is refused before anything runs', async () => {
    const sender = await fundedAccount('trailing')
    const signed = encodeTransaction(await sender.sign(1n, devnetRelayerAccountId, [actions.transfer(1n)]))
    const before = statSync(path.join(dataDir, 'chain.log')).size
    for (const extra of [Uint8Array.of(0), new Uint8Array(300).fill(7)]) {
      const answer = await rpc('broadcast_tx_commit', [base64(new Uint8Array([...signed, ...extra]))])
      expect(answer.error).toMatchObject({ name: 'REQUEST_VALIDATION_ERROR', cause: { name: 'PARSE_ERROR' } })
      expect(String(answer.error!.data)).toContain(`${extra.length} bytes follow the signed transaction`)
    }
    await devnet.chain.produceBlock()
    expect(statSync(path.join(dataDir, 'chain.log')).size).toBe(before)
    expect((await provider.viewAccessKey({ accountId: sender.accountId, publicKey: sender.publicKey })).nonce).toBe(0n)
    // The same bytes without the extra ones are an ordinary transaction.
    await expect(mined(provider.sendTransaction(await sender.sign(1n, devnetRelayerAccountId, [actions.transfer(1n)])))).resolves.toMatchObject({ status: { SuccessValue: '' } })
  })

  it("error: a transaction over NEAR's size limit (1,572,864 bytes) is refused with TransactionSizeExceeded; one at the limit is accepted", async () => {
    const sender = await fundedAccount('large')
    const call = (argsLength: number) => actions.functionCall('get_config', new Uint8Array(argsLength).fill(0x61), 1n, 0n) as never
    // A transaction's size grows byte for byte with its arguments: measure a small one, then make it the size wanted.
    const overhead = encodeTransaction(await sender.sign(1n, devnetContractId, [call(0)])).length
    const sized = async (nonce: bigint, size: number) => {
      const signed = await sender.sign(nonce, devnetContractId, [call(size - overhead)])
      const bytes = encodeTransaction(signed)
      expect(bytes.length).toBe(size)
      return { signed, bytes }
    }
    const before = statSync(path.join(dataDir, 'chain.log')).size
    const over = await sized(1n, 1_600_000)
    const answer = await rpc('broadcast_tx_commit', [base64(over.bytes)])
    expect(answer.error?.data).toEqual({ TxExecutionError: { InvalidTxError: { TransactionSizeExceeded: { size: 1_600_000, limit: maxTransactionSize } } } })
    await expect(provider.sendTransaction((await sized(1n, maxTransactionSize + 1)).signed)).rejects.toBeInstanceOf(TransactionSizeExceededError)
    await devnet.chain.produceBlock()
    expect(statSync(path.join(dataDir, 'chain.log')).size).toBe(before)

    const atLimit = await sized(1n, maxTransactionSize)
    const accepted = await mined(rpc('broadcast_tx_commit', [base64(atLimit.bytes)]))
    expect(accepted.result).toMatchObject({ final_execution_status: 'FINAL' })
  }, 60_000)

  it('error: dev_create_near_account refuses account ids NEAR would not have (a NUL, capitals, bad separators, bad lengths) and keys it cannot verify', async () => {
    const publicKey = KeyPair.fromRandom('ed25519').getPublicKey().toString()
    for (const accountId of ['evil\u0000.devnet', 'Evil.devnet', 'evil..devnet', '.evil', 'evil-', 'e', 'e'.repeat(65), 'evil devnet']) {
      const answer = await mined(rpc('dev_create_near_account', { account_id: accountId, public_key: publicKey }))
      expect(answer.error?.cause.name, JSON.stringify(accountId)).toBe('INVALID_ACCOUNT_ID')
      expect(String((answer.error!.data as { message: string }).message)).toContain('is not a valid NEAR account id')
      expect(devnet.chain.account(accountId)).toBeUndefined()
    }
    const key = KeyPair.fromRandom('ed25519')
    const implicit = Buffer.from(baseDecode(key.getPublicKey().toString().slice('ed25519:'.length))).toString('hex')
    const refused = [
      { account_id: 'keyless.devnet', public_key: 'ed25519:abc' },
      { account_id: 'keyless.devnet', public_key: 'secp256k1:abc' },
      { account_id: implicit, public_key: publicKey },
      { account_id: `0x${'ab'.repeat(20)}`, public_key: publicKey },
    ]
    for (const params of refused) expect((await mined(rpc('dev_create_near_account', params))).error?.cause.name, JSON.stringify(params)).toBe('INVALID_ACCOUNT_ID')
    // An implicit account named by its own key is created.
    expect((await mined(rpc('dev_create_near_account', { account_id: implicit, public_key: key.getPublicKey().toString() }))).result).toEqual({ account_id: implicit })
  })

  it('error: transactions, views and dev methods refuse an account id that is not one, saying why', async () => {
    const key = KeyPair.fromRandom('ed25519')
    const head = baseDecode((await provider.viewBlock({ finality: 'final' })).header.hash)
    const send = async (signerId: string, receiverId: string) => {
      const { signedTransaction } = await new KeyPairSigner(key).signTransaction(createTransaction(signerId, key.getPublicKey(), receiverId, 1n, [actions.transfer(1n)], head))
      return (await rpc('broadcast_tx_commit', [base64(encodeTransaction(signedTransaction))])).error?.data
    }
    expect(await send('evil\u0000.devnet', devnetRelayerAccountId)).toEqual({ TxExecutionError: { InvalidTxError: { InvalidSignerId: { signer_id: 'evil\u0000.devnet' } } } })
    expect(await send(devnetRelayerAccountId, 'Relayer.devnet')).toEqual({ TxExecutionError: { InvalidTxError: { InvalidReceiverId: { receiver_id: 'Relayer.devnet' } } } })

    const viewed = await rpc('query', { request_type: 'view_account', finality: 'final', account_id: 'relayer.devnet\u0000' })
    expect(viewed.error).toMatchObject({ cause: { name: 'PARSE_ERROR' } })
    expect(String(viewed.error!.data)).toContain('is not a valid NEAR account id')
    const addresses = await rpc('dev_deposit_addresses', { account_id: 'PK-1' })
    expect(addresses.error).toMatchObject({ cause: { name: 'PARSE_ERROR' } })
  })
})

/** Opens a second chain on a copy of the running chain's log (the running one keeps its file open). */
async function copyAndOpen(): Promise<Devnet> {
  const copy = mkdtempSync(path.join(tmpdir(), 'ccl-devnet-tx-copy-'))
  cpSync(path.join(dataDir, 'chain.log'), path.join(copy, 'chain.log'))
  const opened = await Devnet.open({ dataDir: copy })
  const close = opened.close.bind(opened)
  opened.close = async () => {
    await close()
    rmSync(copy, { recursive: true, force: true })
  }
  return opened
}
