import { readFileSync } from 'node:fs'
import { type Account, type JsonRpcProvider, actions } from 'near-api-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contractWasmPath } from '@crosschain-lending/contracts'
import { type Call, signedSequence } from '../../../contracts/lending/tests/signed-requests'
import { deployLending } from './lending-deployment'
import { floorOf } from './lending-floors'

/**
 * One account's whole life on the lending wasm (contracts/lending, `pnpm build`) on the local
 * chain, through near-api-js: `new`, a price, then the sequence the TypeScript wallet code signs
 * (contracts/lending/tests/signed-requests.ts, signed here for this contract account and the
 * chain's clock): create_account with its storage stake, the bridge's deposits, and `execute` for
 * bind, Supply, Borrow, co-signed Borrow, Repay, Adjust, recovery and removal, each after the
 * mutations an attacker would send (refused with TypeScript's codes). Prints each operation's gas
 * beside its host-function floor and the contract's storage bytes it added.
 */
const wasm = contractWasmPath('lending')
const TGAS = 10n ** 12n
let deployment: Awaited<ReturnType<typeof deployLending>>
let provider: JsonRpcProvider
let lending: Account
let lendingId: string
const rows: { step: string; gas: bigint; floor: number; bytes: number }[] = []

beforeAll(async () => {
  deployment = await deployLending('lending-signed')
  ;({ provider, lending, lendingId } = deployment)
}, 60_000)

afterAll(async () => {
  if (rows.length > 0) {
    const table = rows.map(({ step, gas, floor, bytes }) => `  ${step.padEnd(42)} ${(Number(gas) / 1e12).toFixed(2).padStart(6)} Tgas   floor ${floor.toFixed(2)}   ${String(bytes).padStart(5)} bytes`)
    console.log(`[lending.wasm on the local chain] ${readFileSync(wasm).length} bytes of wasm; gas burnt per operation, its signature host-function floor, contract storage it added:\n${table.join('\n')}`)
  }
  await deployment?.close()
})

const view = (method: string, args: Record<string, unknown> = {}) => provider.callFunction({ contractId: lendingId, method, args }) as Promise<never>
const storageUsage = async () => Number((await provider.viewAccount({ accountId: lendingId } as never) as unknown as { storage_usage: number }).storage_usage)

/** Sends one call as the contract's own account (owner, oracle, bridge and relayer here). */
async function send(method: string, args: object, deposit = 0n) {
  const outcome = await lending.signAndSendTransaction({ receiverId: lendingId, actions: [actions.functionCall(method, args, 300n * TGAS, deposit)], throwOnFailure: false } as never)
  const gas = outcome.receipts_outcome.reduce((sum, receipt) => sum + BigInt(receipt.outcome.gas_burnt), 0n)
  return { status: JSON.stringify(outcome.status), gas }
}

let stakes: { account_stake: string; deposit_ref_stake: string }
const deposit = (call: Call) => (call.method === 'create_account' ? BigInt(stakes.account_stake) : call.method === 'deposit' ? BigInt(stakes.deposit_ref_stake) : 0n)

describe('a whole account on the lending wasm, signed as the wallet signs it', () => {
  it('behavior: every step is accepted, every mutation refused with its TypeScript code, and the views follow', async () => {
    const initialized = await send('new', { config: { chainId: 'devnet', owner: lendingId, rpId: 'localhost', walletOrigins: ['http://localhost:5174'], partnerOrigins: ['http://127.0.0.1:5173'], maxDeadlineWindowMs: 3_600_000 } })
    expect(initialized.status).toContain('SuccessValue')
    expect((await send('set_price', { asset: 'ETH', price_usd: '3000' })).status).toContain('SuccessValue')
    stakes = await view('get_storage_costs')

    const sequence = await signedSequence({ contractId: lendingId, startMs: Date.now() })
    for (const step of sequence.steps) {
      for (const mutation of step.mutations) {
        const refused = await send(mutation.call.method, mutation.call.args, deposit(mutation.call))
        expect(refused.status, `${step.name} / ${mutation.name}`).toContain(`${mutation.outcome}: `)
      }
      const before = await storageUsage()
      const accepted = await send(step.call.method, step.call.args, deposit(step.call))
      expect(accepted.status, step.name).toContain('SuccessValue')
      rows.push({ step: step.name, gas: accepted.gas, floor: floorOf(step.name), bytes: (await storageUsage()) - before })
    }

    const account = (await view('get_account', { account_id: sequence.accountId })) as { passkeys: unknown[]; wallets: { address: string }[] } | null
    expect(account?.passkeys).toHaveLength(1)
    expect(account?.wallets).toHaveLength(1)
    expect(await view('get_account_by_wallet', { chain: 'evm', address: account!.wallets[0]!.address })).toMatchObject({ id: sequence.accountId })
    const position = (await view('get_position', { account_id: sequence.accountId })) as { assets: { asset: string; collateral: string; debt: string }[] }
    const byAsset = Object.fromEntries(position.assets.map((asset) => [asset.asset, asset]))
    expect(byAsset.ETH).toBeDefined()
    expect(byAsset.USDC).toBeDefined()
    const transfers = (await view('get_transfers', {})) as { amount: string }[]
    expect(transfers.map((transfer) => transfer.amount).sort()).toEqual(['100000000', '50000000'])
    const requests = (await view('get_account_requests', { account_id: sequence.accountId })) as unknown[]
    expect(requests.length).toBeGreaterThanOrEqual(8)
  }, 240_000)
})
