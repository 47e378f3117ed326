/**
 * `pnpm bench`: the project's figures. It builds what it measures, so numbers always describe
 * the current sources: the bundles a browser downloads, against their budgets; the contract; the
 * local chain's wasm runtime, and the probe contract through the chain's RPC with the gas of each
 * signature host function against nearcore's parameter; end to end; and what the relayer pays for
 * refused requests and new accounts.
 */
import { execFileSync } from 'node:child_process'
import { build } from 'esbuild'
import { benchChain, printChainBench } from './bench-chain'
import { benchEndToEnd } from './bench-e2e'
import { type Cost, benchRelayerSpend } from './bench-relayer-spend'
import { benchWasm, printWasmBench } from './bench-wasm'
import { benchLending, printLendingBench } from './bench-lending'
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

type Entry = { name: string; files: string[]; budgetKb: number; note: string }

function walletEntryFiles(page = 'index.html'): string[] {
  const assets = path.join(root, 'packages/wallet/dist/assets')
  // The initial wallet script: the chunks the page loads (entry and preloads), not lazy ones.
  const html = readFileSync(path.join(root, 'packages/wallet/dist', page), 'utf8')
  const loaded = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.(?:js|css))"/g)].map((match) => match[1]!)
  return loaded.filter((file) => readdirSync(assets).includes(file)).map((file) => path.join(assets, file))
}

function measure(files: string[]) {
  const content = Buffer.concat(files.map((file) => readFileSync(file)))
  return {
    raw: content.length,
    gzip: gzipSync(content, { level: 9 }).length,
    brotli: brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  }
}

console.log('Building the element, the wallet and the contracts\' wasm…')
execFileSync('pnpm', ['--filter', '@crosschain-lending/widget', '--filter', '@crosschain-lending/wallet', '--filter', '@crosschain-lending/contracts', '--reporter', 'silent', 'run', 'build'], {
  cwd: root,
  stdio: 'inherit',
})

const cdn = path.join(root, 'packages/widget/cdn')
/** A module and every module it imports statically (`from"./…"`): what loads before it runs. */
function withStaticImports(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return []
  seen.add(file)
  const text = readFileSync(file, 'utf8')
  for (const match of text.matchAll(/(?:from|import)\s*"(\.[^"]+)"/g)) withStaticImports(path.resolve(path.dirname(file), match[1]!), seen)
  return [...seen]
}
const chunk = (prefix: string) => path.join(cdn, 'chunks', readdirSync(path.join(cdn, 'chunks')).find((file) => file.startsWith(prefix) && file.endsWith('.js'))!)
const lendingChunk = chunk('lending-ui-')
const firstRender = new Set(withStaticImports(path.join(cdn, 'crosschain-lending.js')))
/** What loading `file` downloads beyond what the element's first render already has. */
const beyondFirstRender = (file: string) => withStaticImports(file).filter((part) => !firstRender.has(part))

const entries: Entry[] = [
  {
    name: 'element, script tag (ES module)',
    files: withStaticImports(path.join(cdn, 'crosschain-lending.js')),
    budgetKb: 20,
    note: 'all a partner page downloads before the element renders its first state',
  },
  {
    name: 'element, script tag (classic)',
    files: [path.join(cdn, 'crosschain-lending.iife.js'), ...withStaticImports(path.join(cdn, 'crosschain-lending.js'))],
    budgetKb: 20,
    note: 'same, for <script src> without type=module (a loader that imports the module)',
  },
  {
    name: 'element, lending UI',
    files: beyondFirstRender(lendingChunk),
    budgetKb: 20,
    note: 'loaded once someone signs in: forms, position, history, languages',
  },
  { name: 'wallet, initial script + css', files: walletEntryFiles(), budgetKb: 60, note: 'what the iframe loads first' },
  { name: 'passkey window, script + css', files: walletEntryFiles('passkey.html'), budgetKb: 60, note: 'the window popup mode opens for each passkey prompt' },
  {
    name: 'wallet window, script + css',
    files: walletEntryFiles('wallet-window.html'),
    budgetKb: 60,
    note: 'the window where external wallets connect and sign, with their connectors (mipd, Wallet Standard, Freighter API)',
  },
]

console.log('\nBundle sizes (minified; gzip -9, brotli -11)\n')
const header = ['entry', 'raw', 'gzip', 'brotli', 'budget (gzip)', 'gzip / budget']
const rows = entries.map((entry) => {
  const size = measure(entry.files)
  const ratio = size.gzip / (entry.budgetKb * 1024)
  return { entry, size, ratio, cells: [entry.name, kb(size.raw), kb(size.gzip), kb(size.brotli), `${entry.budgetKb} KB`, `${ratio.toFixed(2)}${ratio > 1 ? '  OVER' : ''}`] }
})
const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row.cells[i]!.length)))
const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('   ')
console.log(line(header))
for (const row of rows) console.log(line(row.cells))
console.log('')
for (const row of rows) console.log(`  ${row.entry.name}: ${row.entry.note}`)

// ——— The contract: whole passkey-signed requests per second vs a bare native P-256 verify.
// Measured on an esbuild bundle in a fresh Node process, as the chain runs it (not through tsx).
const bundle = path.join(root, 'node_modules/.cache/ccl-bench/bench-contract.mjs')
await build({
  entryPoints: [path.join(root, 'scripts/bench-contract-main.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: bundle,
  logLevel: 'warning',
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
})
console.log('\nThe contract: passkey-signed requests executed per second (one core)…')
const contract = JSON.parse(execFileSync(process.execPath, [bundle, '6000'], { encoding: 'utf8' }).trim().split('\n').pop()!) as {
  requestsPerSecond: number
  bareVerifyPerSecond: number
  ratio: number
  requests: number
  historyReadMicros: { busy: number; quiet: number }
}
console.log(`
  whole request (parse, hash, all checks, P-256 signature, state change)   ${Math.round(contract.requestsPerSecond).toLocaleString('en')} /s
  bare node:crypto verify of one P-256 signature, cached key            ${Math.round(contract.bareVerifyPerSecond).toLocaleString('en')} /s
  ratio (goal ≥ 0.50)                                                       ${contract.ratio.toFixed(2)}
  (${contract.requests.toLocaleString('en')} requests after a 1,000-request warm-up)
  history view, 20 newest, of the account that made them all              ${contract.historyReadMicros.busy.toFixed(1)} µs
  history view of an account with no requests, beside them                ${contract.historyReadMicros.quiet.toFixed(1)} µs`)

// ——— The local chain's wasm runtime: calls per second and the gas of a WebAuthn check (issue 15).
console.log('\nThe local chain\'s wasm runtime (packages/devnet/src/wasm), calls per second on one core…')
printWasmBench(benchWasm())

// ——— The probe contract through the chain's RPC and blocks, and the signature host functions' gas (issue 15).
console.log("\nThe local chain through its JSON-RPC: the probe contract (contracts/host-probe), the chain in its own process…")
printChainBench(await benchChain())

// ——— The lending contract's wasm: gas and storage per operation (issue 16).
console.log('\nThe lending contract (contracts/dist/lending.wasm) on the local chain: gas and storage per operation…')
printLendingBench(await benchLending())

// ——— End to end: relayer and chain in their own processes, passkey-signed Supply requests.
console.log('\nEnd to end on loopback: passkey-signed requests through the relayer and the local chain…')
const e2e = await benchEndToEnd({ requests: 4000 })
const perBlockMs = e2e.chain.applyMsPerBlock + e2e.chain.fsyncMsPerBlock
// Time a request spends on the chain: waiting for the next block (half an interval on average), then the block's apply and fsync.
const chainMs = e2e.chain.blockIntervalMs / 2 + perBlockMs
const stages = [
  { name: 'chain (block wait, apply, fsync)', ms: chainMs },
  { name: 'relayer and HTTP (prechecks, transaction building and signing, RPC, queueing for a key or the CPU)', ms: Math.max(0, e2e.latencyMs.p50 - chainMs) },
].sort((a, b) => b.ms - a.ms)
console.log(`
  sustained                    ${Math.round(e2e.requestsPerSecond).toLocaleString('en')} requests/s (goal ≥ 500), ${e2e.failed} failed, ${e2e.requests.toLocaleString('en')} requests, ${e2e.concurrency} in flight
  latency                      p50 ${e2e.latencyMs.p50.toFixed(0)} ms   p90 ${e2e.latencyMs.p90.toFixed(0)} ms   p99 ${e2e.latencyMs.p99.toFixed(0)} ms (goal < 250)   max ${e2e.latencyMs.max.toFixed(0)} ms
  chain blocks                 ${e2e.chain.blocks} blocks, ${e2e.chain.transactionsPerBlock.toFixed(1)} transactions each; apply ${e2e.chain.applyMsPerBlock.toFixed(1)} ms and one fsync ${e2e.chain.fsyncMsPerBlock.toFixed(1)} ms per block; a block every ${e2e.chain.blockIntervalMs} ms
  where the median goes        ${stages.map((stage) => `${stage.name}: ${stage.ms.toFixed(0)} ms`).join('; ')}
  slowest stage                ${stages[0]!.name}`)

// ——— The relayer's spend: what a refused request and a created account cost it, at the RPC.
console.log("\nThe relayer's spend on refused requests and new accounts (counted at the RPC, with the budgets a relayer off devnet starts with)…")
const spend = await benchRelayerSpend()
const near = (yocto: bigint) => `${(Number(yocto) / 1e24).toFixed(6)} NEAR`
const cost = (c: Cost) => `${c.transactions.toFixed(c.transactions % 1 ? 2 : 0)} transaction(s), ${(c.gasBurnt / 1e12).toFixed(2)} Tgas and ${near(c.tokensBurnt)} burnt, ${c.views.toFixed(2)} views`
const perDay = (perHour: number) => (perHour * 24).toLocaleString('en')
const { refused, creation, health, budgets } = spend
const spendRows: [string, string][] = [
  [`refused request, before a pattern shows (first ${refused.beforePattern.requests} of ${refused.requests})`, cost(refused.beforePattern.perRequest)],
  [`refused request, after: dry run (other ${refused.afterPattern.requests})`, cost(refused.afterPattern.perRequest)],
  [`${refused.requests} doomed requests, ${refused.accounts} free accounts, one address`, `${refused.total.transactions} transactions, ${near(refused.total.tokensBurnt)} burnt in all (before this defense: ${refused.requests} transactions)`],
  ['created account', cost(creation.perAccount)],
  [`${creation.oneAddress.tried} creations from one address`, `${creation.oneAddress.created} created, ${creation.oneAddress.transactions} transactions (before the budgets: ${creation.oneAddress.tried})`],
  [`${creation.oneSubnet.tried} creations from 256 addresses of one /24`, `${creation.oneSubnet.created} created, ${creation.oneSubnet.transactions} transactions`],
  ['accounts a day the budgets allow', `${perDay(budgets.perClient)} per address, ${perDay(budgets.perSubnet)} per /24 or /64, ${perDay(budgets.global)} in all (before: about 864,000 from one address)`],
  [`${health.hits.toLocaleString('en')} /health hits`, `${health.rpcCalls} RPC call(s) (before: ${health.hits.toLocaleString('en')}); from one address ${health.fromOneAddress.served} of ${health.fromOneAddress.hits} served, the rest 429`],
]
const labelWidth = Math.max(...spendRows.map(([label]) => label.length))
console.log('')
for (const [label, value] of spendRows) console.log(`  ${label.padEnd(labelWidth)}   ${value}`)

const over = rows.filter((row) => row.ratio > 1)
if (over.length) {
  console.error(`\n${over.length} bundle(s) over budget.`)
  process.exit(1)
}
