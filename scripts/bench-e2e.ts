/**
 * End to end on loopback: passkey-signed requests per second through the relayer and the local
 * chain, each in its own process as in production, with p50/p99 latency and where the time goes.
 * Bounded in count and time; every address is 127.0.0.1.
 */
import { useNodeCrypto } from '@crosschain-lending/protocol/node'
import { type ChildProcess, spawn } from 'node:child_process'
import { Agent, request as httpRequest } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createBoundDevAccount } from './dev-account'

export type EndToEndBench = {
  requests: number
  failed: number
  /** Failed requests by the error code the relayer answered (or the HTTP status). */
  failures: Record<string, number>
  seconds: number
  requestsPerSecond: number
  latencyMs: { p50: number; p90: number; p99: number; max: number }
  chain: { blocks: number; transactionsPerBlock: number; applyMsPerBlock: number; fsyncMsPerBlock: number; blockIntervalMs: number }
  concurrency: number
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const walletOrigin = 'http://localhost:5174'

export function spawnService(args: string[], env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; url: string }> {
  // CCL_BENCH_PROFILE=DIR writes a CPU profile of each service there, to find what limits the rate.
  const profile = process.env.CCL_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CCL_BENCH_PROFILE}`] : []
  return new Promise((resolve, reject) => {
    // --max-semi-space-size: a larger young generation, as docs/operate.md recommends for the relayer
    // and the chain; their per-request garbage otherwise costs a tenth of the CPU in scavenges.
    const child = spawn(process.execPath, [...profile, '--max-semi-space-size=32', '--import', 'tsx', ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = ready.exec(output)
      if (match) resolve({ child, url: match[1]! })
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}: ${output}`)))
  })
}

export async function benchEndToEnd({ requests = 3000, concurrency = 64, users = 64, blockIntervalMs = 50, maxSeconds = 60 } = {}): Promise<EndToEndBench> {
  useNodeCrypto()
  const dir = mkdtempSync(path.join(tmpdir(), 'ccl-bench-'))
  const children: ChildProcess[] = []
  try {
    const chain = await spawnService(['packages/devnet/src/main.ts', '--data-dir', path.join(dir, 'chain'), '--port', '0', '--block-interval', String(blockIntervalMs)], {}, /DEVNET_READY (\S+)/)
    children.push(chain.child)
    const relayer = await spawnService(
      ['packages/relayer/src/main.ts'],
      {
        CCL_RPC_URL: chain.url,
        CCL_RELAYER_PORT: '0',
        CCL_RELAYER_DATA_DIR: path.join(dir, 'relayer'),
        // Every simulated user calls from 127.0.0.1: lift the per-address (and subnet) limits, and
        // the in-flight count that would dry-run one address's 64 concurrent requests, so what is
        // measured is the common path of many well-behaved clients (one transaction, no view).
        CCL_RATE_LIMIT_PER_ACCOUNT: '1000000',
        CCL_RATE_LIMIT_PER_CLIENT: '1000000',
        CCL_REQUEST_BUDGET_PER_CLIENT: '1000000',
        CCL_REQUEST_BUDGET_PER_SUBNET: '1000000',
        CCL_REQUEST_BUDGET_GLOBAL: '1000000',
        CCL_DRY_RUN_AFTER_REFUSALS: '1000000',
        // The accounts are made from one address too.
        CCL_ACCOUNT_BUDGET_PER_CLIENT: '1000000',
        CCL_ACCOUNT_BUDGET_PER_SUBNET: '1000000',
        CCL_ACCOUNT_BUDGET_GLOBAL: '1000000',
      },
      /relayer listening on (http:\/\/[0-9.]+:[0-9]+)/,
    )
    children.push(relayer.child)

    // The load generator uses plain node:http with keep-alive: fetch costs the client more CPU
    // per call than the relayer spends, and on two cores that would be measured as the product.
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
    const relayerUrl = new URL(relayer.url)
    const post = (route: string, body: unknown) =>
      new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
        const data = JSON.stringify(body)
        const req = httpRequest(
          { agent, host: relayerUrl.hostname, port: relayerUrl.port, path: route, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), origin: walletOrigin } },
          (res) => {
            const chunks: Buffer[] = []
            res.on('data', (chunk: Buffer) => chunks.push(chunk))
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown> }))
          },
        )
        req.on('error', reject)
        req.end(data)
      })
    const rpc = (method: string, params: unknown) =>
      fetch(chain.url, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) }).then((r) => r.json() as Promise<{ result: Record<string, unknown> }>)
    // An account may have only so many requests whose deadline has not passed (the contract's
    // storage bound): spread the requests over enough accounts that none reaches it.
    const storage = await fetch(chain.url, {
      method: 'POST',
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'query', params: { request_type: 'call_function', finality: 'final', account_id: 'lending.devnet', method_name: 'get_storage_costs', args_base64: '' } }),
    }).then(async (r) => JSON.parse(Buffer.from(((await r.json()) as { result: { result: number[] } }).result.result).toString('utf8')) as { max_live_nonces: number })
    const accountCount = Math.max(users, Math.ceil((requests + 200) / (storage.max_live_nonces - 1)))
    // Users who can Supply: an account, a bound wallet, and USDC deposited from another chain.
    const accounts = await Promise.all(
      Array.from({ length: accountCount }, async () => {
        const account = await createBoundDevAccount({ relayerUrl: relayer.url, walletOrigin, rpId: 'localhost', hostOrigin: 'http://127.0.0.1:5173', chainId: 'devnet', contractId: 'lending.devnet' })
        await rpc('dev_deposit', { chain: 'evm', account_id: account.accountId, asset: 'USDC', amount: String(10n ** 12n) })
        return account.sign
      }),
    )
    const signed = Array.from({ length: requests + 200 }, (_, i) => accounts[i % accountCount]!([{ type: 'supply', asset: 'USDC', amount: '1000', collateral: true }]))

    const run = async (batch: typeof signed, limitSeconds: number) => {
      const latencies: number[] = []
      let failed = 0
      const failures = new Map<string, number>()
      let next = 0
      const deadline = performance.now() + limitSeconds * 1000
      const started = performance.now()
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < batch.length && performance.now() < deadline) {
            const request = batch[next++]!
            const sent = performance.now()
            const reply = await post('/v1/requests', request).catch(() => ({ status: 0, body: {} }))
            latencies.push(performance.now() - sent)
            if (reply.status !== 200) {
              failed++
              const code = String((reply.body as { error?: { code?: string } }).error?.code ?? reply.status)
              failures.set(code, (failures.get(code) ?? 0) + 1)
            }
          }
        }),
      )
      return { latencies, failed, failures: Object.fromEntries(failures), seconds: (performance.now() - started) / 1000 }
    }
    await run(signed.slice(0, 200), 20)
    const before = (await rpc('dev_info', {})).result.stats as { blocks: number; transactions: number; applyMs: number; fsyncMs: number }
    const measured = await run(signed.slice(200), maxSeconds)
    const after = (await rpc('dev_info', {})).result.stats as typeof before
    agent.destroy()
    const sorted = measured.latencies.sort((a, b) => a - b)
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
    const blocks = after.blocks - before.blocks
    return {
      requests: sorted.length,
      failed: measured.failed,
      failures: measured.failures,
      seconds: measured.seconds,
      requestsPerSecond: (sorted.length - measured.failed) / measured.seconds,
      latencyMs: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted.at(-1) ?? 0 },
      chain: {
        blocks,
        transactionsPerBlock: (after.transactions - before.transactions) / Math.max(blocks, 1),
        applyMsPerBlock: (after.applyMs - before.applyMs) / Math.max(blocks, 1),
        fsyncMsPerBlock: (after.fsyncMs - before.fsyncMs) / Math.max(blocks, 1),
        blockIntervalMs,
      },
      concurrency,
    }
  } finally {
    for (const child of children) child.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 300))
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  console.log(JSON.stringify(await benchEndToEnd({ requests: Number(process.argv[2] ?? 3000) }), null, 2))
}
