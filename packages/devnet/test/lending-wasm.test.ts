import { readFileSync } from 'node:fs'
import { type Account, type JsonRpcProvider, actions, getTransactionLastResult } from 'near-api-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contractWasmPath } from '@crosschain-lending/contracts'
import { formatP256PublicKey } from '@crosschain-lending/protocol'
import { receiptFees } from '../src/action-fees'
import { type FunctionCallOutcome, executeFunctionCall, prepareContract } from '../src/wasm'
import { deployLending } from './lending-deployment'

/**
 * The lending contract's wasm (contracts/lending, built by `pnpm build`) deployed to the local
 * chain by a DeployContract transaction and driven through near-api-js: `new`, the oracle's
 * price, the bridge's deposit, create_account refused by the signature check (the whole signed
 * path is lending-signed.test.ts), and the views. Prints the gas each call burnt and where it went:
 * each call runs again in the wasm runtime alone (against a mirror of the contract's storage),
 * whose profile splits the contract's gas into code loading (per wasm byte), wasm instructions,
 * storage host functions and the other host functions; the rest of the receipt's gas is the
 * function-call action's execution fee, checked to the unit.
 */
const wasm = contractWasmPath('lending')

let deployment: Awaited<ReturnType<typeof deployLending>>
let provider: JsonRpcProvider
let lending: Account
let lendingId: string
const gas: Record<string, bigint> = {}
const breakdowns: string[] = []
/** The contract's storage as the calls left it, for running each call again in the runtime alone. */
const mirror = new Map<string, Uint8Array>()
const tgas = (gas: number | bigint) => (Number(gas) / 1e12).toFixed(3)

beforeAll(async () => {
  deployment = await deployLending('lending')
  ;({ provider, lending, lendingId } = deployment)
}, 60_000)

afterAll(async () => {
  console.log(`[lending.wasm] ${readFileSync(wasm).length} bytes; gas burnt per call (Tgas): ${Object.entries(gas).map(([method, burnt]) => `${method} ${tgas(burnt)}`).join(', ')}`)
  console.log(`[lending.wasm] where it went (Tgas):\n${breakdowns.join('\n')}`)
  await deployment?.close()
})


/** The same call in the wasm runtime alone, on the mirror: its gas profile. */
function alone(method: string, argBytes: Uint8Array, deposit: bigint): FunctionCallOutcome {
  const outcome = executeFunctionCall({
    contract: prepareContract(readFileSync(wasm)),
    method,
    args: argBytes,
    context: {
      currentAccountId: lendingId,
      signerAccountId: lendingId,
      signerAccountPk: new Uint8Array(33),
      predecessorAccountId: lendingId,
      blockIndex: 1n,
      blockTimestampNs: BigInt(Date.now()) * 1_000_000n,
      epochHeight: 0n,
      attachedDeposit: deposit,
      prepaidGas: 300e12,
      accountBalance: 10n ** 26n,
      accountLockedBalance: 0n,
      storageUsage: 500_000,
      randomSeed: new Uint8Array(32),
      isView: false,
      promiseResults: [],
    },
    storage: { get: (key) => mirror.get(Buffer.from(key).toString('hex')) },
  })
  for (const change of outcome.storageChanges) {
    const key = Buffer.from(change.key).toString('hex')
    if (change.value) mirror.set(key, change.value)
    else mirror.delete(key)
  }
  return outcome
}

/** Loading, instructions, storage, other host functions: the profile's costs in four groups. */
function groups(profile: Record<string, number>) {
  const sum = (of: (cost: string) => boolean) => Object.entries(profile).reduce((total, [cost, gas]) => total + (of(cost) ? gas : 0), 0)
  const loading = sum((cost) => cost.startsWith('contract_loading'))
  const instructions = profile.wasm_execution ?? 0
  const storage = sum((cost) => cost.startsWith('storage_'))
  return { loading, instructions, storage, host: sum(() => true) - loading - instructions - storage }
}

/** A call by the contract's own account (owner, oracle and bridge here), its gas recorded and broken down. */
async function call(method: string, args: object, deposit = 0n) {
  const outcome = await lending.signAndSendTransaction({ receiverId: lendingId, actions: [actions.functionCall(method, args, 300_000_000_000_000n, deposit)], throwOnFailure: false } as never)
  gas[method] = outcome.receipts_outcome.reduce((sum, receipt) => sum + BigInt(receipt.outcome.gas_burnt), 0n)
  const argBytes = new TextEncoder().encode(JSON.stringify(args))
  const contract = alone(method, argBytes, deposit)
  const fee = receiptFees([{ kind: 'FunctionCall', methodName: method, args: argBytes, gas: 300e12, deposit, gasWeight: 0n }], true).execution
  // What NEAR charges for running any function call, plus what this contract's code spent.
  expect(gas[method]).toBe(fee + BigInt(contract.gasBurnt))
  const { loading, instructions, storage, host } = groups(contract.profile)
  breakdowns.push(`  ${method}: ${tgas(gas[method])} = action fee ${tgas(fee)} + code loading ${tgas(loading)} + wasm instructions ${tgas(instructions)} + storage ${tgas(storage)} + other host functions ${tgas(host)}`)
  return outcome
}

const view = (method: string, args: Record<string, unknown> = {}) => provider.callFunction({ contractId: lendingId, method, args })

const config = () => ({
  chainId: 'devnet',
  owner: lendingId,
  rpId: 'localhost',
  walletOrigins: ['http://localhost:5174'],
  partnerOrigins: ['http://127.0.0.1:5173'],
  maxDeadlineWindowMs: 3_600_000,
})

describe('the lending contract as NEAR wasm on the local chain', () => {
  it('behavior: new initializes it; get_config and get_markets answer in the TypeScript shapes', async () => {
    const initialized = await call('new', { config: config() })
    expect(initialized.status).toEqual({ SuccessValue: expect.any(String) })
    const viewed = (await view('get_config')) as Record<string, unknown>
    expect(viewed).toMatchObject({ contractId: lendingId, chainId: 'devnet', owner: lendingId, oracle: lendingId, bridge: lendingId, securityPeriodMs: 48 * 3_600_000 })
    const markets = (await view('get_markets')) as { asset: string; priceUsd: string; collateralFactor: string }[]
    expect(markets.map((market) => market.asset)).toEqual(['USDC', 'USDT', 'ETH', 'SOL', 'NEAR', 'XLM'])
    expect(markets[2]).toMatchObject({ priceUsd: '3000', collateralFactor: '0.7' })
  })

  it("behavior: the oracle's set_price moves a price", async () => {
    const outcome = await call('set_price', { asset: 'ETH', price_usd: '2500.25' })
    expect(getTransactionLastResult(outcome)).toEqual({ asset: 'ETH', price_usd: '2500.25' })
    expect(((await view('get_markets')) as { priceUsd: string }[])[2]!.priceUsd).toBe('2500.25')
  })

  it("error: the bridge's deposit to an account that does not exist is refused with its code", async () => {
    const outcome = await call('deposit', { account_id: 'pk-nobody', asset: 'USDC', amount: '1000000', chain: 'evm', ref: 'tx-1' }, 10n ** 21n)
    expect(JSON.stringify(outcome.status)).toContain('ACCOUNT_NOT_FOUND: No account pk-nobody.')
  })

  it('error: create_account whose proof carries no real signature is refused by the signature check', async () => {
    const storage = (await view('get_storage_costs')) as { account_stake: string }
    // A real passkey's key (Chrome's), so only the signature check is left to refuse.
    const vectors = JSON.parse(readFileSync(new URL('../../protocol/test/vectors/webauthn-chrome-assertions.json', import.meta.url), 'utf8')) as { cases: { publicKey: string }[] }
    const publicKey = formatP256PublicKey(Uint8Array.from(Buffer.from(vectors.cases[0]!.publicKey, 'hex')))
    const outcome = await call(
      'create_account',
      { credential_id: 'AAAAAAAAAAAAAAAAAAAAAA', public_key: publicKey, deadline: Date.now() + 60_000, proof: { type: 'passkey', authenticatorData: 'SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAQ', clientDataJSON: '{}', signature: 'p256:2' } },
      BigInt(storage.account_stake),
    )
    expect(JSON.stringify(outcome.status)).toContain('MALFORMED_SIGNATURE: The P-256 signature is malformed')
    expect(await view('get_account_by_credential', { credential_id: 'AAAAAAAAAAAAAAAAAAAAAA' })).toBeNull()
  })

  it('behavior: the views of an unknown account answer null, false or empty', async () => {
    expect(await view('get_account', { account_id: 'pk-nobody' })).toBeNull()
    expect(await view('get_account_by_credential', { credential_id: 'AAAA' })).toBeNull()
    expect(await view('get_account_by_wallet', { chain: 'evm', address: '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed' })).toBeNull()
    expect(await view('is_credential_retired', { credential_id: 'AAAA' })).toEqual({ retired: false })
    expect(await view('get_position', { account_id: 'pk-nobody' })).toBeNull()
    expect(await view('get_nonce_status', { account_id: 'pk-nobody', nonce: 'x' })).toEqual({ used: false })
    expect(await view('get_request', { request_id: '00'.repeat(32) })).toBeNull()
    expect(await view('get_transfers', {})).toEqual([])
    expect(await view('get_account_requests', { account_id: 'pk-nobody' })).toEqual([])
  })
})
