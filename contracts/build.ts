/**
 * `pnpm build` for the contracts: each crate of `index.ts` to the wasm NEAR runs.
 *   1. Debian's cargo builds the crates for wasm32-unknown-unknown in release, compiling std from
 *      its sources (-Zbuild-std, which a stable compiler allows under RUSTC_BOOTSTRAP=1), for the
 *      MVP CPU and with `--cfg near` (without it near-sdk computes hashes inside the wasm instead of
 *      calling the host's).
 *   2. wasm-opt -Oz, MVP features only; then wabt's validator and the interface checks.
 *   3. dist/<name>.wasm and dist/<name>.wasm.sha256 (in sha256sum's format).
 *   4. dist/lending.abi.json: the lending contract's NEAR ABI (abi.ts), a native build.
 * Incremental: cargo keeps its cache in target/; wasm-opt runs again only when cargo's output
 * changed (the hash of what it last optimized is kept in target/ too).
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeAbi } from './abi'
import { type ContractName, contractCrates, contractWasmPath } from './index'
import { wasmToolchainProblem } from './toolchain.mjs'
import { interfaceProblems, mvpValidationProblem } from './wasm-checks'

const workspace = path.dirname(fileURLToPath(import.meta.url))
const target = path.join(workspace, 'target')
const cargoOutput = (name: string) => path.join(target, 'wasm32-unknown-unknown/release', `${name}.wasm`)
const optimizedFrom = (name: string) => path.join(target, 'wasm-opt-input', `${name}.sha256`)
const started = Date.now()
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)}s`

function fail(message: string): never {
  console.error(`\x1b[1;31m[contracts]\x1b[0m ${message}`)
  process.exit(1)
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(command, args, { cwd: workspace, stdio: 'inherit', env })
  if (result.error) fail(`${command} did not run: ${result.error.message}`)
  if (result.status !== 0) fail(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal}); see above.`)
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

function cargoBuild(names: ContractName[]) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    RUSTC: '/usr/bin/rustc',
    RUSTDOC: '/usr/bin/rustdoc',
    RUSTC_BOOTSTRAP: '1',
    RUSTFLAGS: '-C target-cpu=mvp --cfg near -Zfmt-debug=none -Zlocation-detail=none',
  }
  // Set when this runs under rustup or cargo; either would pull in rustup's compiler or flags.
  delete env.RUSTUP_TOOLCHAIN
  delete env.CARGO_ENCODED_RUSTFLAGS
  const packages = names.flatMap((name) => ['-p', contractCrates[name].crate])
  run('/usr/bin/cargo', ['build', '--locked', '--release', '--target', 'wasm32-unknown-unknown', '-Zbuild-std=std,panic_abort', ...packages], env)
}

/** wasm-opt, checks, dist/; skipped when dist/ already holds the optimization of this very output. */
function optimize(name: ContractName): string {
  const input = readFileSync(cargoOutput(name))
  const inputHash = sha256(input)
  const output = contractWasmPath(name)
  const recorded = optimizedFrom(name)
  if (existsSync(output) && existsSync(recorded) && readFileSync(recorded, 'utf8') === inputHash) {
    return `${name}: unchanged`
  }
  // Optimized into target/ and moved into dist/ only once it passes the checks, so dist/ never
  // holds a wasm that failed them (a test run after a failed build would otherwise deploy it).
  const candidate = path.join(target, 'wasm-opt-input', `${name}.candidate.wasm`)
  mkdirSync(path.dirname(candidate), { recursive: true })
  rmSync(output, { force: true })
  rmSync(`${output}.sha256`, { force: true })
  run('/usr/bin/wasm-opt', ['-Oz', '--mvp-features', '--strip-debug', '--strip-producers', cargoOutput(name), '-o', candidate])
  const invalid = mvpValidationProblem(candidate)
  if (invalid) fail(`${name}: ${invalid}`)
  const bytes = readFileSync(candidate)
  const problems = interfaceProblems(bytes, contractCrates[name].requiredImports)
  if (problems.length > 0) fail(`${name}: ${problems.join('; ')}`)
  mkdirSync(path.dirname(output), { recursive: true })
  renameSync(candidate, output)
  const hash = sha256(bytes)
  writeFileSync(`${output}.sha256`, `${hash}  ${path.basename(output)}\n`)
  mkdirSync(path.dirname(recorded), { recursive: true })
  writeFileSync(recorded, inputHash)
  return `${name}: ${path.relative(workspace, output)}, ${bytes.length} bytes, sha256 ${hash}`
}

const problem = wasmToolchainProblem()
if (problem) fail(problem)
const names = Object.keys(contractCrates) as ContractName[]
cargoBuild(names)
for (const name of names) console.log(`[contracts] ${optimize(name)}`)
console.log(`[contracts] ${writeAbi('lending')}`)
console.log(`[contracts] built in ${seconds()}`)
