import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { p256 } from '@noble/curves/nist.js'
import { Account, JsonRpcProvider, KeyPair, actions, getTransactionLastResult } from 'near-api-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contractWasmPath } from '@crosschain-lending/contracts'
import { Devnet, type RunningDevnet, startDevnet } from '../src/index'
import { extCosts } from '../src/wasm/protocol-parameters'

/**
 * A real NEAR contract (contracts/host-probe, Rust on near-sdk, built to wasm by `pnpm build`)
 * deployed to the local chain by an ordinary DeployContract transaction from near-api-js, then
 * called and viewed through near-api-js: the chain runs it in the wasm runtime with NEAR's host
 * functions and gas, and a restart replays it.
 */
const probeWasm = contractWasmPath('host_probe')

let devnet: RunningDevnet
let dataDir: string
let provider: JsonRpcProvider
let probe: Account
let probeId: string
let code: Uint8Array

beforeAll(async () => {
  if (!existsSync(probeWasm)) throw new Error(`${probeWasm} is missing: run pnpm build (it builds the contracts' wasm) first.`)
  code = readFileSync(probeWasm)
  dataDir = mkdtempSync(path.join(tmpdir(), 'ccl-devnet-wasm-'))
  devnet = await startDevnet({ dataDir, port: 0, blockIntervalMs: 10 })
  provider = new JsonRpcProvider({ url: devnet.url }, { retries: 1 })
  const key = KeyPair.fromRandom('ed25519')
  probeId = `probe-${Date.now().toString(36)}.devnet`
  const created = await rpc('dev_create_near_account', { account_id: probeId, public_key: key.getPublicKey().toString() })
  expect(created.error).toBeUndefined()
  probe = new Account(probeId, provider, key.toString() as never)
  const deployed = await probe.signAndSendTransaction({ receiverId: probeId, actions: [actions.deployContract(code)] })
  expect(deployed.status).toEqual({ SuccessValue: '' })
}, 60_000)

afterAll(async () => {
  await devnet?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

const rpc = (method: string, params: unknown): Promise<{ result?: Record<string, unknown>; error?: unknown }> =>
  fetch(devnet.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) }).then((r) => r.json() as never)

const call = (method: string, args: object, gas = 100_000_000_000_000n, deposit = 0n) =>
  probe.signAndSendTransaction({ receiverId: probeId, actions: [actions.functionCall(method, args, gas, deposit)] })

describe('a Rust NEAR contract on the local chain', () => {
  it('behavior: the chain names its protocol (88) and that p256_verify is on, as EXPERIMENTAL_protocol_config', async () => {
    const config = (await rpc('EXPERIMENTAL_protocol_config', { finality: 'final' })).result as { protocol_version: number; runtime_config: { wasm_config: { p256_verify_host_fn: boolean; ext_costs: Record<string, number> } } }
    expect(config.protocol_version).toBe(88)
    expect(config.runtime_config.wasm_config.p256_verify_host_fn).toBe(true)
    expect(config.runtime_config.wasm_config.ext_costs.p256_verify_base).toBe(1_300_000_000_000)
    expect((await provider.viewNodeStatus()).protocol_version).toBe(88)
  })

  it('behavior: deployed by DeployContract, its code and hash are what view_code and view_account report', async () => {
    const viewed = await rpc('query', { request_type: 'view_code', finality: 'final', account_id: probeId })
    expect(Buffer.from(viewed.result!.code_base64 as string, 'base64').equals(Buffer.from(code))).toBe(true)
    const account = await provider.viewAccount({ accountId: probeId })
    expect(account.code_hash).toBe(viewed.result!.hash)
    expect(account.storage_usage).toBeGreaterThan(code.length)
  })

  it('behavior: a call writes storage that a view then reads; view_state lists it; a view may not write (ProhibitedInView: "storage_write is not allowed in view calls")', async () => {
    const written = await call('write_value', { key: 'colour', value: 'teal' })
    expect(getTransactionLastResult(written)).toBe(false)
    expect(await provider.callFunction({ contractId: probeId, method: 'read_value', args: { key: 'colour' } })).toBe('teal')
    const state = await rpc('query', { request_type: 'view_state', finality: 'final', account_id: probeId, prefix_base64: Buffer.from('colour').toString('base64') })
    expect(state.result!.values).toEqual([{ key: Buffer.from('colour').toString('base64'), value: Buffer.from('teal').toString('base64') }])
    await expect(provider.callFunction({ contractId: probeId, method: 'write_value', args: { key: 'colour', value: 'red' } })).rejects.toThrow(/storage_write is not allowed in view/)
    expect(await provider.callFunction({ contractId: probeId, method: 'read_value', args: { key: 'colour' } })).toBe('teal')
  })

  it('error: a panic fails the receipt with its message and rolls back what the call wrote', async () => {
    await expect(call('write_then_fail', { key: 'ghost', value: 'boo' })).rejects.toThrow()
    expect(await provider.callFunction({ contractId: probeId, method: 'has_value', args: { key: 'ghost' } })).toBe(false)
    const failed = await rpc('broadcast_tx_commit', [await signedCall('fail_with_message', { message: 'HEALTH_FACTOR_TOO_LOW: not today' })])
    expect(JSON.stringify(failed.result!.status)).toContain('HEALTH_FACTOR_TOO_LOW: not today')
  })

  it('behavior: logs and NEP-297 events appear in the receipt outcome', async () => {
    const outcome = await call('emit_event', { note: 'hello' })
    const logs = outcome.receipts_outcome.flatMap((receipt) => receipt.outcome.logs)
    expect(logs).toEqual([`EVENT_JSON:${JSON.stringify({ standard: 'host_probe', version: '1.0.0', event: 'probed', data: { note: 'hello' } })}`])
  })

  it("behavior: a WebAuthn P-256 signature from Chrome verifies through the contract's p256_verify; a mutated one does not; the call's gas includes NEAR's 1.3 Tgas for it", async () => {
    const vectors = JSON.parse(readFileSync(new URL('../../protocol/test/vectors/webauthn-chrome-assertions.json', import.meta.url), 'utf8')) as {
      cases: { publicKey: string; authenticatorData: string; clientDataJSON: string; signature: string }[]
    }
    const assertion = vectors.cases[0]!
    const digest = createHash('sha256')
      .update(Buffer.from(assertion.authenticatorData, 'hex'))
      .update(createHash('sha256').update(assertion.clientDataJSON).digest())
      .digest('hex')
    const publicKey = Buffer.from(p256.Point.fromHex(assertion.publicKey).toBytes(true)).toString('hex')
    // r‖s as Chrome's DER decodes to; NEAR's p256_verify accepts high S (the contract applies its own low-S rule).
    const signature = assertion.signature
    const outcome = await call('verify_p256', { signature, digest, public_key: publicKey })
    expect(getTransactionLastResult(outcome)).toBe(true)
    const gas = outcome.receipts_outcome[0]!.outcome.gas_burnt
    expect(gas).toBeGreaterThan(extCosts.p256_verify_base + 32 * extCosts.p256_verify_byte)
    const mutated = digest.slice(0, -2) + (digest.endsWith('00') ? '01' : '00')
    expect(getTransactionLastResult(await call('verify_p256', { signature, digest: mutated, public_key: publicKey }))).toBe(false)
  })

  it('behavior: a cross-contract call with a callback runs over later blocks and the callback reads the promise result', async () => {
    const outcome = await call('call_with_callback', { receiver_id: probeId, method_name: 'echo', args: JSON.stringify({ value: 'ping' }) }, 200_000_000_000_000n)
    expect(getTransactionLastResult(outcome)).toEqual({ promise_results_count: 1, succeeded: true, value: '"ping"' })
    expect(new Set(outcome.receipts_outcome.map((receipt) => receipt.block_hash)).size).toBeGreaterThanOrEqual(3)
  })

  it('behavior: a transfer the contract sends arrives in a later block', async () => {
    const receiver = `payee-${Date.now().toString(36)}.devnet`
    expect((await rpc('dev_create_near_account', { account_id: receiver, public_key: KeyPair.fromRandom('ed25519').getPublicKey().toString() })).error).toBeUndefined()
    const before = (await provider.viewAccount({ accountId: receiver })).amount
    await call('send_transfer', { receiver_id: receiver, amount: (10n ** 23n).toString() })
    expect((await provider.viewAccount({ accountId: receiver })).amount).toBe(before + 10n ** 23n)
  })

  it('behavior: a restart replays the deployed code and its storage to the same state', async () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'ccl-devnet-wasm-copy-'))
    const { cpSync } = await import('node:fs')
    cpSync(path.join(dataDir, 'chain.log'), path.join(copy, 'chain.log'))
    const reopened = await Devnet.open({ dataDir: copy })
    try {
      const live = devnet.chain.account(probeId)!
      const replayed = reopened.account(probeId)!
      expect([replayed.amount, replayed.storageUsage, replayed.codeHash, [...replayed.data]]).toEqual([live.amount, live.storageUsage, live.codeHash, [...live.data]])
    } finally {
      await reopened.close()
      rmSync(copy, { recursive: true, force: true })
    }
  })
})

/** A signed function call to the probe, base64, for answers near-api-js would turn into a throw. */
async function signedCall(method: string, args: object): Promise<string> {
  const { encodeTransaction } = await import('near-api-js')
  const signed = await probe.createSignedTransaction({ receiverId: probeId, actions: [actions.functionCall(method, args, 30_000_000_000_000n, 0n)] })
  return Buffer.from(encodeTransaction(signed)).toString('base64')
}
