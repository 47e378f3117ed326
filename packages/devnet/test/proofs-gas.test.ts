import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Account, JsonRpcProvider, KeyPair, actions, encodeTransaction, getTransactionLastResult } from 'near-api-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contractWasmPath, proofsFixturePath } from '@crosschain-lending/contracts'
import { type RunningDevnet, startDevnet } from '../src/index'
import { extCosts } from '../src/wasm/protocol-parameters'

/**
 * ccl-proofs' checks in the local chain's wasm runtime: contracts/proofs-probe (one method per
 * check) deployed by DeployContract and called through near-api-js with the fixtures TypeScript
 * signed. Each check's gas is printed next to the floor of its signature host function, and
 * refusals reach the caller as `CODE: message`. A check's own gas is the call's minus that of the
 * same call to a method that reads the same arguments (and parses the payload) and checks nothing.
 */
const wasm = contractWasmPath('proofs_probe')

type PasskeyInput = { publicKey: string; challenge: string; site?: string; proof: { authenticatorData: string; clientDataJSON: string; signature: string } }
type PasskeyCase = { name: string; input: PasskeyInput; mutations: Array<{ mutation: string; input: PasskeyInput; expected: { outcome: string } }> }
type Signer = { chain: string; address: string; publicKey?: string }
type Binding = { accountId: string; contractId: string; chainId: string; wallet: { address: string }; nonce: string; origin: string; deadline: number; nep413?: { nonce: string; recipient: string } }
type WalletInput = { role: string; signer: Signer; payload?: string; binding?: Binding; signature: string }
type WalletCase = { name: string; input: WalletInput; mutations: Array<{ mutation: string; input: WalletInput; expected: string }> }

const passkeys = JSON.parse(readFileSync(proofsFixturePath('passkeys.json'), 'utf8')) as { context: { rpId: string; walletOrigins: string[]; partnerOrigins: string[] }; cases: PasskeyCase[] }
const wallets = JSON.parse(readFileSync(proofsFixturePath('wallets.json'), 'utf8')) as { cases: WalletCase[] }

let devnet: RunningDevnet
let dataDir: string
let probe: Account
let probeId: string

beforeAll(async () => {
  if (!existsSync(wasm)) throw new Error(`${wasm} is missing: run pnpm build (it builds the contracts' wasm) first.`)
  dataDir = mkdtempSync(path.join(tmpdir(), 'ccl-devnet-proofs-'))
  devnet = await startDevnet({ dataDir, port: 0, blockIntervalMs: 10 })
  const key = KeyPair.fromRandom('ed25519')
  probeId = `proofs-${Date.now().toString(36)}.devnet`
  const created = await fetch(devnet.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'dev_create_near_account', params: { account_id: probeId, public_key: key.getPublicKey().toString() } }),
  }).then((response) => response.json() as Promise<{ error?: unknown }>)
  expect(created.error).toBeUndefined()
  probe = new Account(probeId, new JsonRpcProvider({ url: devnet.url }, { retries: 1 }), key.toString() as never)
  const deployed = await probe.signAndSendTransaction({ receiverId: probeId, actions: [actions.deployContract(readFileSync(wasm))] })
  expect(deployed.status).toEqual({ SuccessValue: '' })
}, 60_000)

afterAll(async () => {
  await devnet?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

const passkeyArgs = (input: PasskeyInput) => ({
  check: {
    public_key: input.publicKey,
    challenge: input.challenge,
    rp_id: passkeys.context.rpId,
    wallet_origins: passkeys.context.walletOrigins,
    partner_origins: passkeys.context.partnerOrigins,
    site: input.site ?? null,
    proof: { authenticator_data: input.proof.authenticatorData, client_data_json: input.proof.clientDataJSON, signature: input.proof.signature },
  },
})

const walletArgs = ({ role, signer, payload, binding, signature }: WalletInput) => ({
  check: {
    role,
    signer: { chain: signer.chain, address: signer.address, public_key: signer.publicKey ?? null },
    payload: payload ?? null,
    binding: binding
      ? { account_id: binding.accountId, contract_id: binding.contractId, chain_id: binding.chainId, wallet_address: binding.wallet.address, nonce: binding.nonce, site: binding.origin, deadline_ms: binding.deadline, nep413: binding.nep413 ? { ...binding.nep413, callback_url: null } : null }
      : null,
    signature,
  },
})

const gas = 300_000_000_000_000n

/** The receipt's gas and result of a call that must succeed. */
async function measured(method: string, args: object): Promise<{ gas: number; result: unknown }> {
  const outcome = await probe.signAndSendTransaction({ receiverId: probeId, actions: [actions.functionCall(method, args, gas, 0n)] })
  return { gas: Number(outcome.receipts_outcome[0]!.outcome.gas_burnt), result: getTransactionLastResult(outcome) }
}

/** The failure text of a call that must fail (near-api-js would throw it away). */
async function refusal(method: string, args: object): Promise<string> {
  const signed = await probe.createSignedTransaction({ receiverId: probeId, actions: [actions.functionCall(method, args, gas, 0n)] })
  const response = await fetch(devnet.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'broadcast_tx_commit', params: [Buffer.from(encodeTransaction(signed)).toString('base64')] }),
  }).then((answer) => answer.json() as Promise<{ result: { status: unknown } }>)
  return JSON.stringify(response.result.status)
}

const tgas = (value: number) => `${(value / 1e12).toFixed(3)} Tgas`
const ed25519Floor = (messageBytes: number) => extCosts.ed25519_verify_base + messageBytes * extCosts.ed25519_verify_byte

/** The signature host function each check cannot do without, at its protocol-88 price. */
function walletFloor(input: WalletInput, signedTextBytes: number): number {
  switch (input.signer.chain) {
    case 'evm':
      return extCosts.ecrecover_base
    case 'solana':
      return ed25519Floor(signedTextBytes)
    default:
      return ed25519Floor(32)
  }
}

describe('ccl-proofs in the wasm runtime', () => {
  const rows: string[] = []
  afterAll(() => console.log(`[proofs gas] check: the check's own gas = the call's minus the same call that checks nothing; floor = its signature host function\n${rows.join('\n')}`))

  /** The check's own gas: what the call burnt beyond reading the same arguments. */
  async function checkGas(method: 'passkey' | 'wallet', args: object): Promise<{ own: number; call: number; result: unknown }> {
    const checked = await measured(`check_${method}`, args)
    const baseline = await measured(`read_${method}_check`, args)
    return { own: checked.gas - baseline.gas, call: checked.gas, result: checked.result }
  }

  it('behavior: each passkey fixture verifies in the wasm, at p256_verify\'s 1.3 Tgas plus the parsing around it', async () => {
    const floor = extCosts.p256_verify_base + 32 * extCosts.p256_verify_byte
    for (const passkeyCase of passkeys.cases) {
      const { own, call, result } = await checkGas('passkey', passkeyArgs(passkeyCase.input))
      expect(result).toHaveProperty('sign_count')
      expect(own).toBeGreaterThan(floor)
      rows.push(`passkey, ${passkeyCase.name}: ${tgas(own)} (floor ${tgas(floor)}; the whole call ${tgas(call)})`)
    }
  }, 60_000)

  it('behavior: each wallet fixture (5 wallets × 5 roles) verifies in the wasm, above its host-function floor', async () => {
    for (const walletCase of wallets.cases) {
      const signedText = (walletCase as { signed?: { text?: string } }).signed?.text ?? ''
      const floor = walletFloor(walletCase.input, Buffer.byteLength(signedText))
      const { own, call, result } = await checkGas('wallet', walletArgs(walletCase.input))
      expect(result, walletCase.name).toHaveProperty('address')
      expect(own, walletCase.name).toBeGreaterThan(floor)
      rows.push(`${walletCase.name}: ${tgas(own)} (floor ${tgas(floor)}; the whole call ${tgas(call)})`)
    }
  }, 120_000)

  it('error: a refusal in the wasm ends the call with the code TypeScript gives (high S, another origin, a flipped signature bit, another role)', async () => {
    const passkeyCase = passkeys.cases[0]!
    for (const name of ['the high-S twin of the signature', 'an origin that is not the wallet', 'a page that is not a partner (topOrigin)']) {
      const mutation = passkeyCase.mutations.find((each) => each.mutation === name)!
      expect(await refusal('check_passkey', passkeyArgs(mutation.input)), name).toContain(`${mutation.expected.outcome}: `)
    }
    for (const walletCase of wallets.cases.filter(({ name }) => name.endsWith('/request') || name.endsWith('/bind'))) {
      for (const mutation of walletCase.mutations.filter(({ mutation }) => mutation === 'a bit of the signature' || mutation.startsWith('the role read as'))) {
        expect(mutation.expected).not.toBe('OK')
        expect(await refusal('check_wallet', walletArgs(mutation.input)), `${walletCase.name} / ${mutation.mutation}`).toContain(`${mutation.expected}: `)
      }
    }
  }, 120_000)
})
