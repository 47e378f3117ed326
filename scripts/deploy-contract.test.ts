import { type RunningDevnet, startDevnet } from '@crosschain-lending/devnet'
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { JsonRpcProvider, KeyPair } from 'near-api-js'
import { contractWasmPath } from '@crosschain-lending/contracts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DeployContractError, deployContract } from './deploy-contract'

const root = fileURLToPath(new URL('..', import.meta.url))
let devnet: RunningDevnet
let dataDir: string

beforeAll(async () => {
  if (!existsSync(contractWasmPath('lending'))) throw new Error('contracts/dist/lending.wasm is missing: run pnpm build first.')
  dataDir = mkdtempSync(path.join(tmpdir(), 'ccl-deploy-'))
  devnet = await startDevnet({ dataDir, port: 0, blockIntervalMs: 10 })
}, 60_000)

afterAll(async () => {
  await devnet?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

async function newNearAccount(accountId: string) {
  const key = KeyPair.fromRandom('ed25519')
  const reply = await fetch(devnet.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'dev_create_near_account', params: { account_id: accountId, public_key: key.getPublicKey().toString() } }) })
  expect(((await reply.json()) as { error?: unknown }).error).toBeUndefined()
  return key.toString()
}

const init = { owner: 'owner.devnet', rpId: 'wallet.example', walletOrigins: ['https://wallet.example'], partnerOrigins: ['https://partner.example'] }

describe('pnpm deploy:contract', () => {
  it('behavior: a fresh account is deployed and initialized in one transaction; deploying again replaces the code and keeps the state', async () => {
    const secretKey = await newNearAccount('lending-deploy.devnet')
    const first = await deployContract({ network: 'devnet', accountId: 'lending-deploy.devnet', secretKey, rpcUrl: devnet.url, init })
    expect(first).toMatchObject({ action: 'initialized', codeHash: expect.stringMatching(/^[1-9A-HJ-NP-Za-km-z]{43,44}$/) })
    expect(first.gasBurnt).toBeGreaterThan(0n)
    const provider = new JsonRpcProvider({ url: devnet.url })
    expect(await provider.callFunction({ contractId: 'lending-deploy.devnet', method: 'get_config', args: {} })).toMatchObject({ chainId: 'devnet', contractId: 'lending-deploy.devnet', rpId: 'wallet.example', partnerOrigins: ['https://partner.example'] })

    // The state is at this version already: the code is redeployed alone, and the configuration stays.
    const again = await deployContract({ network: 'devnet', accountId: 'lending-deploy.devnet', secretKey, rpcUrl: devnet.url })
    expect(again).toMatchObject({ action: 'code-only', codeHash: first.codeHash })
    expect(await provider.callFunction({ contractId: 'lending-deploy.devnet', method: 'get_config', args: {} })).toMatchObject({ rpId: 'wallet.example' })
  }, 60_000)

  it('error: a fresh account without a configuration is refused before anything is sent, and a key the account does not hold deploys nothing', async () => {
    const secretKey = await newNearAccount('lending-bare.devnet')
    const missing = await deployContract({ network: 'devnet', accountId: 'lending-bare.devnet', secretKey, rpcUrl: devnet.url }).catch((error: unknown) => error)
    expect(missing).toBeInstanceOf(DeployContractError)
    expect((missing as DeployContractError).code).toBe('MISSING_INIT')
    const stranger = KeyPair.fromRandom('ed25519').toString()
    await expect(deployContract({ network: 'devnet', accountId: 'lending-bare.devnet', secretKey: stranger, rpcUrl: devnet.url, init })).rejects.toThrow()
    const account = (await new JsonRpcProvider({ url: devnet.url }).viewAccount({ accountId: 'lending-bare.devnet' } as never)) as unknown as { code_hash: string }
    expect(account.code_hash).toBe('11111111111111111111111111111111')
  }, 60_000)

  it('behavior: the command line creates a local-chain account, deploys, initializes and prints the code hash and the gas', async () => {
    const { stdout } = await promisify(execFile)(
      'pnpm',
      ['--silent', 'deploy:contract', '--', '--network', 'devnet', '--account', 'lending-cli.devnet', '--rpc', devnet.url, '--create', '--no-build', '--owner', 'owner.devnet', '--rp-id', 'localhost', '--wallet-origin', 'http://localhost:5174'],
      { cwd: root, env: { ...process.env, CCL_DEPLOYER_KEY: '' } },
    )
    expect(stdout).toMatch(/initialized lending-cli\.devnet on devnet: code hash [1-9A-HJ-NP-Za-km-z]{43,44}, \d+\.\d\d Tgas burnt/)
  }, 60_000)
})
