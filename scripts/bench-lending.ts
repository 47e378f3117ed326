/**
 * The lending wasm's gas and storage per operation (issue 16): one account's whole signed
 * sequence (contracts/lending/tests/signed-requests.ts, signed as the wallet signs) on a fresh
 * local chain, each step's gas burnt beside its signature host functions' floor, and the
 * contract storage each step added.
 */
import { contractWasmPath } from '@crosschain-lending/contracts'
import { type Call, signedSequence } from '../contracts/lending/tests/signed-requests'
import { deployLending } from '../packages/devnet/test/lending-deployment'
import { floorOf } from '../packages/devnet/test/lending-floors'
import { actions } from 'near-api-js'
import { readFileSync } from 'node:fs'

export type LendingStep = { step: string; gasTgas: number; floorTgas: number; bytes: number }
export type LendingBench = { wasmBytes: number; steps: LendingStep[] }

export async function benchLending(): Promise<LendingBench> {
  const deployment = await deployLending('bench-lending')
  const { provider, lending, lendingId } = deployment
  try {
    const send = async (method: string, args: object, deposit = 0n) => {
      const outcome = await lending.signAndSendTransaction({ receiverId: lendingId, actions: [actions.functionCall(method, args, 300n * 10n ** 12n, deposit)], throwOnFailure: false } as never)
      if (!('SuccessValue' in (outcome.status as object))) throw new Error(`${method} failed: ${JSON.stringify(outcome.status)}`)
      return outcome.receipts_outcome.reduce((sum, receipt) => sum + BigInt(receipt.outcome.gas_burnt), 0n)
    }
    const storageUsage = async () => Number(((await provider.viewAccount({ accountId: lendingId } as never)) as unknown as { storage_usage: number }).storage_usage)
    await send('new', { config: { chainId: 'devnet', owner: lendingId, rpId: 'localhost', walletOrigins: ['http://localhost:5174'], partnerOrigins: ['http://127.0.0.1:5173'], maxDeadlineWindowMs: 3_600_000 } })
    await send('set_price', { asset: 'ETH', price_usd: '3000' })
    const stakes = (await provider.callFunction({ contractId: lendingId, method: 'get_storage_costs', args: {} })) as { account_stake: string; deposit_ref_stake: string }
    const deposit = (call: Call) => (call.method === 'create_account' ? BigInt(stakes.account_stake) : call.method === 'deposit' ? BigInt(stakes.deposit_ref_stake) : 0n)
    const sequence = await signedSequence({ contractId: lendingId, startMs: Date.now() })
    const steps: LendingStep[] = []
    for (const step of sequence.steps) {
      const before = await storageUsage()
      const gas = await send(step.call.method, step.call.args, deposit(step.call))
      steps.push({ step: step.name, gasTgas: Number(gas) / 1e12, floorTgas: floorOf(step.name), bytes: (await storageUsage()) - before })
    }
    return { wasmBytes: readFileSync(contractWasmPath('lending')).length, steps }
  } finally {
    await deployment.close()
  }
}

export function printLendingBench({ wasmBytes, steps }: LendingBench): void {
  const width = Math.max(...steps.map((row) => row.step.length))
  console.log(`  ${'operation'.padEnd(width)}   gas burnt   signature floor   contract's own   storage added`)
  for (const row of steps) {
    const own = row.gasTgas - row.floorTgas
    console.log(`  ${row.step.padEnd(width)}   ${row.gasTgas.toFixed(2).padStart(6)} Tgas   ${row.floorTgas.toFixed(2).padStart(8)} Tgas   ${own.toFixed(2).padStart(9)} Tgas   ${String(row.bytes).padStart(7)} bytes`)
  }
  const supply = steps.filter((row) => /^supply/i.test(row.step)).map((row) => row.gasTgas)
  const account = steps.find((row) => row.step === 'create_account')
  if (supply.length > 0) console.log(`  Supply: ${Math.max(...supply).toFixed(2)} Tgas at most (aim < 3; ratio ${(Math.max(...supply) / 3).toFixed(2)})`)
  if (account) console.log(`  a passkey account's record: ${account.bytes} bytes (aim ≤ 400; ratio ${(account.bytes / 400).toFixed(2)})`)
  console.log(`  lending.wasm: ${(wasmBytes / 1024).toFixed(0)} KB`)
}
