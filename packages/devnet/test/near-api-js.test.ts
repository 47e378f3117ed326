import { SoftwarePasskey } from '@crosschain-lending/testing/signers'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Account, JsonRpcProvider, KeyPair, KeyPairSigner, actions, createTransaction, encodeTransaction, getTransactionLastResult } from 'near-api-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningDevnet, devnetContractId, devnetRelayerAccountId, devnetRelayerKeys, startDevnet } from '../src/index'

let devnet: RunningDevnet
let dataDir: string
let provider: JsonRpcProvider
let relayer: Account

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'ccl-devnet-'))
  devnet = await startDevnet({ dataDir, port: 0, blockIntervalMs: 20 })
  provider = new JsonRpcProvider({ url: devnet.url })
  relayer = new Account(devnetRelayerAccountId, provider, devnetRelayerKeys(1)[0]!.secretKey)
})

afterAll(async () => {
  await devnet.close()
  rmSync(dataDir, { recursive: true, force: true })
})

/** What create_account asks to attach (get_storage_costs().account_stake): 5,000 bytes at 10^19 yoctoNEAR a byte. */
const accountStake = 5n * 10n ** 22n
const passkey = () => new SoftwarePasskey({ rpId: 'localhost', origin: 'http://localhost:5174' })
/** `create_account`'s arguments, with the passkey's proof of possession. */
const creation = (key: SoftwarePasskey) => key.createAccountArgs({ chainId: 'devnet', contractId: devnetContractId, deadline: Date.now() + 10 * 60 * 1000 })

describe('the local chain speaks NEAR JSON-RPC to near-api-js', () => {
  it('behavior: status, blocks, accounts, access keys and view calls answer in NEAR shapes', async () => {
    const status = await provider.viewNodeStatus()
    expect(status.chain_id).toBe('devnet')
    const block = await provider.viewBlock({ finality: 'final' })
    expect(block.header.hash).toMatch(/^[1-9A-HJ-NP-Za-km-z]{32,44}$/)
    const account = await provider.viewAccount({ accountId: devnetRelayerAccountId })
    expect(account.amount).toBeGreaterThan(10n ** 24n)
    const key = await provider.viewAccessKey({ accountId: devnetRelayerAccountId, publicKey: devnetRelayerKeys(1)[0]!.publicKey })
    expect(typeof key.nonce).toBe('bigint')
    const markets = await provider.callFunction({ contractId: devnetContractId, method: 'get_markets', args: {} })
    expect((markets as { asset: string }[]).map((market) => market.asset)).toEqual(['USDC', 'USDT', 'ETH', 'SOL', 'NEAR', 'XLM'])
  })

  it('behavior: a function call signed by near-api-js runs the contract and returns its outcome', async () => {
    const key = passkey()
    const outcome = await relayer.signAndSendTransaction({
      receiverId: devnetContractId,
      actions: [actions.functionCall('create_account', creation(key), 30_000_000_000_000n, accountStake)],
    })
    expect(outcome.final_execution_status).toBe('FINAL')
    const result = getTransactionLastResult(outcome) as { account_id: string; created: boolean }
    expect(result.created).toBe(true)
    const stored = await provider.callFunction({ contractId: devnetContractId, method: 'get_account_by_credential', args: { credential_id: key.credentialId } })
    expect(stored).toMatchObject({ id: result.account_id, bound: false })
    const byHash = await provider.viewTransactionStatus({ txHash: outcome.transaction_outcome.id, accountId: devnetRelayerAccountId, waitUntil: 'FINAL' })
    expect(byHash.transaction_outcome.id).toBe(outcome.transaction_outcome.id)
  })

  it('error: a contract refusal comes back as a failed execution carrying the contract error code', async () => {
    const error = await relayer
      .callFunction({ contractId: devnetContractId, methodName: 'set_price', args: { asset: 'ETH', price_usd: '1' } })
      .catch((caught: unknown) => caught as Error)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toContain('Smart contract panicked: UNAUTHORIZED: ')
    const viewError = await provider.callFunction({ contractId: devnetContractId, method: 'get_nothing', args: {} }).catch((caught: unknown) => caught as Error)
    expect(viewError).toBeInstanceOf(Error)
  })

  it('error: a reused nonce, a bad signature and an unknown block hash are refused before anything runs', async () => {
    const keyPair = KeyPair.fromString(devnetRelayerKeys(2)[1]!.secretKey)
    const signer = new KeyPairSigner(keyPair)
    const { nonce } = await provider.viewAccessKey({ accountId: devnetRelayerAccountId, publicKey: keyPair.getPublicKey() })
    const head = await provider.viewBlock({ finality: 'final' })
    const { baseDecode } = await import('near-api-js')
    const call = actions.functionCall('get_markets', {}, 30_000_000_000_000n, 0n)
    const sign = async (n: bigint, blockHash = baseDecode(head.header.hash)) =>
      (await signer.signTransaction(createTransaction(devnetRelayerAccountId, keyPair.getPublicKey(), devnetContractId, n, [call], blockHash))).signedTransaction

    await provider.sendTransaction(await sign(nonce + 1n))
    await expect(provider.sendTransaction(await sign(nonce + 2n, new Uint8Array(32)))).rejects.toMatchObject({ name: 'TransactionExpiredError' })
    const reused = await sign(nonce + 1n)
    // Same bytes: the chain answers with the first outcome instead of running it twice.
    await expect(provider.sendTransaction(reused)).resolves.toMatchObject({ final_execution_status: 'FINAL' })
    const older = createTransaction(devnetRelayerAccountId, keyPair.getPublicKey(), devnetContractId, nonce + 1n, [actions.functionCall('get_config', {}, 1n, 0n)], baseDecode(head.header.hash))
    await expect(provider.sendTransaction((await signer.signTransaction(older)).signedTransaction)).rejects.toMatchObject({ name: 'InvalidNonceError' })
    const forged = await sign(nonce + 5n)
    const bytes = encodeTransaction(forged)
    bytes[bytes.length - 1]! ^= 1
    const response = await fetch(devnet.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'broadcast_tx_commit', params: [Buffer.from(bytes).toString('base64')] }),
    }).then((r) => r.json() as Promise<{ error: { data: unknown } }>)
    expect(response.error.data).toEqual({ TxExecutionError: { InvalidTxError: 'InvalidSignature' } })
  })

  it('behavior: dev methods fund an account from another chain and list where borrowed assets arrived', async () => {
    const key = passkey()
    const created = getTransactionLastResult(
      await relayer.signAndSendTransaction({ receiverId: devnetContractId, actions: [actions.functionCall('create_account', creation(key), 30_000_000_000_000n, accountStake)] }),
    ) as { account_id: string }
    const rpc = (method: string, params: unknown) =>
      fetch(devnet.url, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) }).then((r) => r.json() as Promise<{ result?: Record<string, unknown>; error?: { cause: { name: string } } }>)
    const addresses = (await rpc('dev_deposit_addresses', { account_id: created.account_id })).result as Record<string, string>
    expect(addresses.evm).toMatch(/^0x[0-9a-fA-F]{40}$/)
    const deposit = await rpc('dev_deposit', { chain: 'evm', to: addresses.evm, asset: 'USDC', amount: '5000000' })
    expect(deposit.result).toMatchObject({ credited: true, balance: '5000000' })
    const wrongChain = await rpc('dev_deposit', { chain: 'stellar', to: addresses.stellar, asset: 'ETH', amount: '1' })
    expect(wrongChain.error?.cause.name).toBe('UNSUPPORTED_DESTINATION')
    expect((await rpc('dev_ledger', { chain: 'evm' })).result).toEqual({ transfers: [], totals: {} })

    // The explorer's one call: the account with its passkey and position, the markets, the last transactions.
    await rpc('dev_set_price', { asset: 'ETH', price_usd: '2500' })
    const explorer = (await rpc('dev_explorer', { limit: 5 })).result as {
      accounts: { id: string; passkeys: { publicKey: string }[]; wallets: unknown[]; position: { assets: { asset: string; balance: string }[] } }[]
      markets: { asset: string; priceUsd: string }[]
      blocks: { transactions: { methods: string[]; ok: boolean }[] }[]
    }
    const shown = explorer.accounts.find((account) => account.id === created.account_id)!
    expect(shown.passkeys.map((each) => each.publicKey)).toEqual([key.publicKey])
    expect(shown.wallets).toEqual([])
    expect(shown.position.assets.find((asset) => asset.asset === 'USDC')?.balance).toBe('5000000')
    expect(explorer.markets.find((market) => market.asset === 'ETH')?.priceUsd).toBe('2500')
    expect(explorer.blocks.flatMap((block) => block.transactions)).toContainEqual({ hash: expect.any(String), signer: devnetRelayerAccountId, receiver: devnetContractId, methods: ['create_account'], ok: true })
  })
})
