import { SoftwarePasskey } from '@crosschain-lending/testing/signers'
import { type ChildProcess, spawn } from 'node:child_process'
import { appendFileSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Account, JsonRpcProvider, actions, getTransactionLastResult } from 'near-api-js'
import { afterEach, describe, expect, it } from 'vitest'
import { Devnet, bridgeDeposit, devnetContractId, devnetRelayerAccountId, devnetRelayerKeys, startDevnet } from '../src/index'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const dirs: string[] = []
const children: ChildProcess[] = []

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ccl-devnet-durable-'))
  dirs.push(dir)
  return dir
}

/** What create_account asks to attach (get_storage_costs().account_stake): 5,000 bytes at 10^19 yoctoNEAR a byte. */
const accountStake = 5n * 10n ** 22n
const passkey = () => new SoftwarePasskey({ rpId: 'localhost', origin: 'http://localhost:5174' })
const createAccountCall = (key: SoftwarePasskey) =>
  actions.functionCall('create_account', key.createAccountArgs({ chainId: 'devnet', contractId: devnetContractId, deadline: Date.now() + 10 * 60 * 1000 }), 30_000_000_000_000n, accountStake)

describe('the chain survives restarts and crashes', () => {
  it('behavior: a restart replays the log to the same state, and a torn last record is dropped', async () => {
    const dataDir = tempDir()
    const first = await startDevnet({ dataDir, port: 0, blockIntervalMs: 10 })
    const relayer = new Account(devnetRelayerAccountId, new JsonRpcProvider({ url: first.url }), devnetRelayerKeys(1)[0]!.secretKey)
    const keys = [passkey(), passkey(), passkey()]
    const ids: string[] = []
    for (const key of keys) ids.push((getTransactionLastResult(await relayer.signAndSendTransaction({ receiverId: devnetContractId, actions: [createAccountCall(key)] })) as { account_id: string }).account_id)
    await bridgeDeposit(first.chain, { accountId: ids[0]!, chain: 'evm', asset: 'USDC', amount: '42', ref: 'r1' })
    const before = { head: first.chain.head, position: await first.chain.view('get_position', { account_id: ids[0] }) }
    await first.close()

    // A crash in the middle of a write leaves a partial record at the end of the log.
    const log = path.join(dataDir, 'chain.log')
    const size = statSync(log).size
    appendFileSync(log, Buffer.from([200, 0, 0, 0, 1, 2, 3, 4, 123, 34]))
    const second = await Devnet.open({ dataDir })
    // The deployment, three creations, one deposit: one block each.
    expect(second.recovered).toMatchObject({ blocks: 5, transactions: 5, droppedBytes: 10 })
    expect(statSync(log).size).toBe(size)
    expect(second.head).toEqual(before.head)
    expect(await second.view('get_position', { account_id: ids[0] })).toEqual(before.position)
    for (const [i, key] of keys.entries()) expect(await second.view('get_account_by_credential', { credential_id: key.credentialId })).toMatchObject({ id: ids[i] })
    await second.close()
  })

  it('behavior: kill -9 in the middle of a stream of submissions loses nothing that was reported final', async () => {
    const dataDir = tempDir()
    const start = () =>
      new Promise<{ url: string; child: ChildProcess }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'packages/devnet/src/main.ts', '--data-dir', dataDir, '--port', '0', '--block-interval', '25'], {
          cwd: repoRoot,
          stdio: ['ignore', 'pipe', 'inherit'],
        })
        children.push(child)
        let output = ''
        child.stdout!.on('data', (chunk: Buffer) => {
          output += chunk.toString()
          const ready = /DEVNET_READY (\S+)/.exec(output)
          if (ready) resolve({ url: ready[1]!, child })
        })
        child.once('exit', (code) => reject(new Error(`devnet exited early with ${code}: ${output}`)))
      })

    const { url, child } = await start()
    // One attempt per call: after the kill, calls fail at once instead of backing off for seconds.
    const provider = new JsonRpcProvider({ url }, { retries: 1 })
    const submitters = devnetRelayerKeys(4).map((key) => new Account(devnetRelayerAccountId, provider, key.secretKey))
    const acknowledged: { credentialId: string; accountId: string }[] = []
    let killed = false
    const streams = submitters.map(async (account) => {
      while (!killed) {
        const key = passkey()
        try {
          const outcome = await account.signAndSendTransaction({ receiverId: devnetContractId, actions: [createAccountCall(key)], retries: 0 })
          if (!killed) acknowledged.push({ credentialId: key.credentialId, accountId: (getTransactionLastResult(outcome) as { account_id: string }).account_id })
        } catch {
          return
        }
      }
    })
    while (acknowledged.length < 40) await new Promise((resolve) => setTimeout(resolve, 5))
    // SIGKILL: no handler runs, no buffer is flushed; only what fsync wrote survives.
    child.kill('SIGKILL')
    killed = true
    const lastAcknowledged = [...acknowledged]
    await Promise.allSettled(streams)

    const restarted = await start()
    const after = new JsonRpcProvider({ url: restarted.url })
    for (const { credentialId, accountId } of lastAcknowledged) {
      const account = (await after.callFunction({ contractId: devnetContractId, method: 'get_account_by_credential', args: { credential_id: credentialId } })) as { id: string; passkeys: unknown[] } | null
      expect(account, `account ${accountId} was reported final`).toMatchObject({ id: accountId })
      // Nothing half-applied: the account and its credential index came back together.
      expect(account!.passkeys).toHaveLength(1)
    }
    expect(lastAcknowledged.length).toBeGreaterThanOrEqual(40)
  }, 60_000)
})
