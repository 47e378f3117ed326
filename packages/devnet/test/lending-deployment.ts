import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Account, JsonRpcProvider, KeyPair, actions } from 'near-api-js'
import { contractWasmPath } from '@crosschain-lending/contracts'
import { startDevnet } from '../src/index'

/** lending.wasm (built by `pnpm build`) deployed by a DeployContract transaction to a fresh account of a fresh local chain. */
export async function deployLending(label: string) {
  const wasm = contractWasmPath('lending')
  if (!existsSync(wasm)) throw new Error(`${wasm} is missing: run pnpm build (it builds the contracts' wasm) first.`)
  const dataDir = mkdtempSync(path.join(tmpdir(), `ccl-devnet-${label}-`))
  const devnet = await startDevnet({ dataDir, port: 0, blockIntervalMs: 10 })
  const provider = new JsonRpcProvider({ url: devnet.url }, { retries: 1 })
  const key = KeyPair.fromRandom('ed25519')
  const lendingId = `lending-${Date.now().toString(36)}.devnet`
  const rpc = (method: string, params: unknown): Promise<{ result?: Record<string, unknown>; error?: unknown }> =>
    fetch(devnet.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) }).then((r) => r.json() as never)
  const created = await rpc('dev_create_near_account', { account_id: lendingId, public_key: key.getPublicKey().toString() })
  if (created.error) throw new Error(`dev_create_near_account failed: ${JSON.stringify(created.error)}`)
  const lending = new Account(lendingId, provider, key.toString() as never)
  const deployed = await lending.signAndSendTransaction({ receiverId: lendingId, actions: [actions.deployContract(readFileSync(wasm))] })
  if (JSON.stringify(deployed.status) !== '{"SuccessValue":""}') throw new Error(`deploy failed: ${JSON.stringify(deployed.status)}`)
  const close = async () => {
    await devnet.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
  return { wasm, devnet, provider, lending, lendingId, rpc, close }
}
