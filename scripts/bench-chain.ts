/**
 * The local chain as a contract author meets it: the probe contract (contracts/host-probe, built
 * by `pnpm build`) deployed by a DeployContract transaction, then views and state-changing calls
 * per second through the chain's JSON-RPC and its blocks (the chain in its own process, every
 * address 127.0.0.1), and the gas of each signature host function the probe calls, against
 * nearcore's parameters for it. Bounded in time: about 10 s.
 * `tsx scripts/bench-chain.ts`, or as part of `pnpm bench`.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto'
import { Agent, request as httpRequest } from 'node:http'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { KeyPair, KeyPairSigner, actions, baseDecode, createTransaction } from 'near-api-js'
import { contractWasmPath } from '../contracts/index'
import { executeFunctionCall, prepareContract } from '../packages/devnet/src/wasm'
import { extCosts } from '../packages/devnet/src/wasm/protocol-parameters'
import { context } from '../packages/devnet/test/wasm/harness'
import { spawnService } from './bench-e2e'

export type SignatureGas = { hostFunction: string; input: string; charged: number; parameter: number; formula: string; wholeCallOnChain: number }
export type ChainBench = {
  views: { perSecond: number; p50Ms: number; calls: number }
  calls: { perSecond: number; p50Ms: number; calls: number; blocks: number; counterMatches: boolean }
  inFlight: number
  blockIntervalMs: number
  signatures: SignatureGas[]
}

type Rpc = (method: string, params: unknown) => Promise<Record<string, any>> // eslint-disable-line @typescript-eslint/no-explicit-any

function rpcClient(url: string, inFlight: number): Rpc {
  // node:http with keep-alive, as in the end-to-end bench: fetch's client cost would be measured as the chain's.
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight })
  const { hostname, port } = new URL(url)
  let id = 0
  return (method, params) =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params })
      const request = httpRequest({ host: hostname, port, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => {
          const answer = JSON.parse(Buffer.concat(chunks).toString('utf8'))
          if (answer.error) reject(new Error(`${method}: ${JSON.stringify(answer.error)}`))
          else resolve(answer.result)
        })
      })
      request.on('error', reject)
      request.end(body)
    })
}

/** Runs `worker` in `inFlight` loops until `seconds` pass; the rate and the median time of one. */
async function sustained(seconds: number, inFlight: number, worker: (loop: number) => Promise<void>) {
  const latencies: number[] = []
  const start = performance.now()
  const deadline = start + seconds * 1000
  await Promise.all(
    Array.from({ length: inFlight }, async (_, loop) => {
      while (performance.now() < deadline) {
        const begun = performance.now()
        await worker(loop)
        latencies.push(performance.now() - begun)
      }
    }),
  )
  latencies.sort((a, b) => a - b)
  return { perSecond: latencies.length / ((performance.now() - start) / 1000), p50Ms: latencies[Math.floor(latencies.length / 2)]!, calls: latencies.length }
}

/** One full-access key of the probe account, signing transactions with its own nonce. */
type Signer = { keyPair: KeyPair; signer: KeyPairSigner; nonce: bigint }

async function sendCall(rpc: Rpc, accountId: string, key: Signer, built: ReturnType<typeof actions.functionCall>[] | ReturnType<typeof actions.deployContract>[]) {
  const block = await rpc('block', { finality: 'final' })
  key.nonce += 1n
  const transaction = createTransaction(accountId, key.keyPair.getPublicKey(), accountId, key.nonce, built, baseDecode(block.header.hash))
  const { signedTransaction } = await key.signer.signTransaction(transaction)
  const outcome = await rpc('send_tx', { signed_tx_base64: Buffer.from(signedTransaction.encode()).toString('base64'), wait_until: 'FINAL' })
  if (!('SuccessValue' in outcome.status)) throw new Error(`the probe's call failed: ${JSON.stringify(outcome.status)}`)
  return outcome as { status: { SuccessValue: string }; receipts_outcome: { outcome: { gas_burnt: number } }[] }
}

/** The SEC1 compressed form of an uncompressed point (04 ‖ x ‖ y): 02 or 03 by the parity of y, then x. */
const compressed = (point: Buffer) => Buffer.concat([Buffer.from([point[64]! & 1 ? 3 : 2]), point.subarray(1, 33)])

/**
 * The probe's arguments for one call of each signature host function, from real keys and
 * signatures: Chrome's WebAuthn assertion for P-256, keys made here for Ed25519 and secp256k1.
 * ecrecover needs the recovery id, which ECDSA signers other than Ethereum's do not give:
 * `recoveryId` finds it by asking the probe which id recovers the signing key.
 */
function signatureCalls(recoveryId: (args: Record<string, unknown>, publicKey: string) => number) {
  const vectors = JSON.parse(readFileSync(new URL('../packages/protocol/test/vectors/webauthn-chrome-assertions.json', import.meta.url), 'utf8'))
  const assertion = vectors.cases[0]
  const webauthnDigest = createHash('sha256')
    .update(Buffer.from(assertion.authenticatorData, 'hex'))
    .update(createHash('sha256').update(assertion.clientDataJSON).digest())
    .digest()
  const message = Buffer.from('a message a wallet signed')
  const digest = createHash('sha256').update(message).digest()
  const ed25519 = generateKeyPairSync('ed25519')
  const ed25519Key = ed25519.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32)
  const secp = generateKeyPairSync('ec', { namedCurve: 'secp256k1' })
  const secpPoint = secp.publicKey.export({ format: 'der', type: 'spki' }).subarray(-65)
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
  // OpenSSL signs sha256(message): that digest is the hash ecrecover is given. S may be high, so malleable signatures are allowed.
  const ecrecoverArgs = { hash: hex(digest), signature: hex(sign('sha256', message, { key: secp.privateKey, dsaEncoding: 'ieee-p1363' })), malleability_flag: false }
  const per = (base: keyof typeof extCosts, byte: keyof typeof extCosts | undefined, bytes: number) => ({
    parameter: extCosts[base] + (byte ? extCosts[byte] * bytes : 0),
    formula: byte ? `${base} + ${bytes} × ${byte}` : base,
  })
  return [
    { hostFunction: 'sha256', input: '32 bytes', method: 'hash_sha256', args: { data: hex(digest) }, costs: ['sha256_base', 'sha256_byte'], ...per('sha256_base', 'sha256_byte', 32) },
    { hostFunction: 'keccak256', input: '32 bytes', method: 'hash_keccak256', args: { data: hex(digest) }, costs: ['keccak256_base', 'keccak256_byte'], ...per('keccak256_base', 'keccak256_byte', 32) },
    {
      hostFunction: 'ed25519_verify',
      input: '32-byte message',
      method: 'verify_ed25519',
      args: { signature: hex(sign(null, digest, ed25519.privateKey)), message: hex(digest), public_key: hex(ed25519Key) },
      costs: ['ed25519_verify_base', 'ed25519_verify_byte'],
      ...per('ed25519_verify_base', 'ed25519_verify_byte', 32),
    },
    {
      hostFunction: 'ecrecover',
      input: '32-byte hash',
      method: 'recover_secp256k1',
      args: { ...ecrecoverArgs, v: recoveryId(ecrecoverArgs, hex(secpPoint.subarray(1))) },
      costs: ['ecrecover_base'],
      ...per('ecrecover_base', undefined, 32),
    },
    {
      hostFunction: 'p256_verify',
      input: '32-byte digest (Chrome WebAuthn)',
      method: 'verify_p256',
      args: { signature: assertion.signature, digest: hex(webauthnDigest), public_key: hex(compressed(Buffer.from(assertion.publicKey, 'hex'))) },
      costs: ['p256_verify_base', 'p256_verify_byte'],
      ...per('p256_verify_base', 'p256_verify_byte', 32),
    },
  ]
}

export async function benchChain({ seconds = 3, inFlight = 16, blockIntervalMs = 50 } = {}): Promise<ChainBench> {
  const code = readFileSync(contractWasmPath('host_probe'))
  const dir = mkdtempSync(path.join(tmpdir(), 'ccl-bench-chain-'))
  const chain = await spawnService(['packages/devnet/src/main.ts', '--data-dir', dir, '--port', '0', '--block-interval', String(blockIntervalMs)], {}, /DEVNET_READY (\S+)/)
  try {
    const rpc = rpcClient(chain.url, inFlight)
    const accountId = 'probe.devnet'
    const keys: Signer[] = Array.from({ length: inFlight }, () => {
      const keyPair = KeyPair.fromRandom('ed25519')
      return { keyPair, signer: new KeyPairSigner(keyPair), nonce: 0n }
    })
    await rpc('dev_create_near_account', { account_id: accountId, public_key: keys[0]!.keyPair.getPublicKey().toString() })
    keys[0]!.nonce = BigInt((await rpc('query', { request_type: 'view_access_key', finality: 'final', account_id: accountId, public_key: keys[0]!.keyPair.getPublicKey().toString() })).nonce)
    await sendCall(rpc, accountId, keys[0]!, [actions.deployContract(code), ...keys.slice(1).map((key) => actions.addFullAccessKey(key.keyPair.getPublicKey()))] as never)
    for (const key of keys.slice(1)) {
      key.nonce = BigInt((await rpc('query', { request_type: 'view_access_key', finality: 'final', account_id: accountId, public_key: key.keyPair.getPublicKey().toString() })).nonce)
    }

    const view = { request_type: 'call_function', finality: 'final', account_id: accountId, method_name: 'get_counter', args_base64: '' }
    const views = await sustained(seconds, inFlight, async () => {
      await rpc('query', view)
    })
    const blocksBefore = (await rpc('block', { finality: 'final' })).header.height as number
    const calls = await sustained(seconds, inFlight, async (loop) => {
      await sendCall(rpc, accountId, keys[loop]!, [actions.functionCall('increment', {}, 30_000_000_000_000n, 0n)])
    })
    const blocks = ((await rpc('block', { finality: 'final' })).header.height as number) - blocksBefore
    const counter = JSON.parse(Buffer.from((await rpc('query', view)).result).toString('utf8')) as number

    // Each host function's charge as the runtime the chain runs reports it, beside the whole call's gas on the chain.
    const contract = prepareContract(code)
    const runLocally = (method: string, args: object) => {
      const outcome = executeFunctionCall({ contract, method, args: new TextEncoder().encode(JSON.stringify(args)), context: context(), storage: { get: () => undefined } })
      if (outcome.error) throw new Error(`${method}: ${JSON.stringify(outcome.error)}`)
      return outcome
    }
    const recoveryId = (args: Record<string, unknown>, publicKey: string) => {
      const v = [0, 1].find((candidate) => {
        const returned = runLocally('recover_secp256k1', { ...args, v: candidate }).returnData
        return returned.kind === 'value' && JSON.parse(Buffer.from(returned.value).toString('utf8')) === publicKey
      })
      if (v === undefined) throw new Error('ecrecover recovers the signing key with neither recovery id')
      return v
    }
    const signatures: SignatureGas[] = []
    for (const each of signatureCalls(recoveryId)) {
      const local = runLocally(each.method, each.args)
      const returned = local.returnData.kind === 'value' ? Buffer.from(local.returnData.value).toString('utf8') : ''
      if (returned === 'false' || returned === 'null') throw new Error(`${each.method} refused its real signature`)
      const onChain = await sendCall(rpc, accountId, keys[0]!, [actions.functionCall(each.method, each.args, 30_000_000_000_000n, 0n)])
      signatures.push({
        hostFunction: each.hostFunction,
        input: each.input,
        charged: each.costs.reduce((sum, cost) => sum + (local.profile[cost] ?? 0), 0),
        parameter: each.parameter,
        formula: each.formula,
        wholeCallOnChain: onChain.receipts_outcome[0]!.outcome.gas_burnt,
      })
    }
    return { views, calls: { ...calls, blocks, counterMatches: counter === calls.calls }, inFlight, blockIntervalMs, signatures }
  } finally {
    chain.child.kill()
    rmSync(dir, { recursive: true, force: true })
  }
}

export function printChainBench(bench: ChainBench): void {
  const rate = (n: number) => `${Math.round(n).toLocaleString('en')} /s`
  const ggas = (gas: number) => `${(gas / 1e9).toFixed(3)} Ggas`
  const { views, calls } = bench
  console.log(`
  view (query call_function get_counter)              ${rate(views.perSecond)}   p50 ${views.p50Ms.toFixed(1)} ms   ${views.calls.toLocaleString('en')} views, ${bench.inFlight} in flight
  state change (increment, a signed transaction)      ${rate(calls.perSecond)}   p50 ${calls.p50Ms.toFixed(0)} ms   ${calls.calls.toLocaleString('en')} transactions from ${bench.inFlight} keys over ${calls.blocks} blocks (one every ${bench.blockIntervalMs} ms); counter ${calls.counterMatches ? 'matches' : 'DOES NOT MATCH'}
`)
  const rows = bench.signatures.map((each) => [each.hostFunction, each.input, ggas(each.charged), `${ggas(each.parameter)} (${each.formula})`, (each.charged / each.parameter).toFixed(2), `${(each.wholeCallOnChain / 1e12).toFixed(3)} Tgas`])
  const header = ['host function', 'input', 'charged here', "nearcore's parameter", 'ratio', 'whole call on the chain']
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)))
  const line = (cells: string[]) => `  ${cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('   ')}`
  console.log(line(header))
  for (const row of rows) console.log(line(row))
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log('The local chain through its JSON-RPC: the probe contract…')
  printChainBench(await benchChain())
}
