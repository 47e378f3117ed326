import { readFileSync } from 'node:fs'
import { contractWasmPath } from '@crosschain-lending/contracts'
import { executeFunctionCall, prepareContract } from '../src/wasm'

const wasm = readFileSync(process.argv[2] ?? contractWasmPath('lending'))
const contract = prepareContract(wasm)
const storage = new Map<string, Uint8Array>()
const id = 'lending.devnet'
function call(method: string, args: object, usage = 500_000) {
  const outcome = executeFunctionCall({
    contract, method, args: new TextEncoder().encode(JSON.stringify(args)),
    context: { currentAccountId: id, signerAccountId: id, signerAccountPk: new Uint8Array(33), predecessorAccountId: id, blockIndex: 10n, blockTimestampNs: 1_800_000_000_000_000_000n, epochHeight: 0n, attachedDeposit: 0n, prepaidGas: 300e12, accountBalance: 10n ** 26n, accountLockedBalance: 0n, storageUsage: usage, randomSeed: new Uint8Array(32), isView: false, promiseResults: [] },
    storage: { get: (key: Uint8Array) => storage.get(Buffer.from(key).toString('hex')) },
  })
  if (outcome.error) console.log(method, 'error', JSON.stringify(outcome.error).slice(0, 300))
  for (const change of outcome.storageChanges) { const k = Buffer.from(change.key).toString('hex'); if (change.value) storage.set(k, change.value); else storage.delete(k) }
  const p = outcome.profile
  const sum = (f: (k: string) => boolean) => Object.entries(p).filter(([k]) => f(k)).reduce((s, [, v]) => s + v, 0)
  const t = (g: number) => (g / 1e12).toFixed(3)
  console.log(`${method}: burnt ${t(outcome.gasBurnt)} Tgas = loading ${t(sum((k) => k.startsWith('contract_loading')))} + wasm ${t(p.wasm_execution ?? 0)} + storage ${t(sum((k) => k.startsWith('storage') || k.startsWith('touching')))} + other host ${t(sum((k) => !k.startsWith('contract_loading') && !k.startsWith('storage') && k !== 'wasm_execution'))}`)
  console.log('   ', Object.entries(p).filter(([, v]) => v > 5e9).map(([k, v]) => `${k}=${t(v)}`).join(' '))
}
const config = { chainId: 'devnet', owner: id, rpId: 'localhost', walletOrigins: ['http://localhost:5174'], partnerOrigins: ['http://127.0.0.1:5173'], maxDeadlineWindowMs: 3_600_000 }
call('new', { config })
call('set_price', { asset: 'ETH', price_usd: '2500.25' })
call('set_price', { asset: 'XLM', price_usd: '0.11' })
call('deposit', { account_id: 'pk-nobody', asset: 'USDC', amount: '1000000', chain: 'evm', ref: 'tx-1' })
call('get_markets', {})
