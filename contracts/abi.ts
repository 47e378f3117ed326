/**
 * `pnpm --filter @crosschain-lending/contracts abi`: each contract's NEAR ABI (near-abi's
 * `AbiRoot`, schema 0.4) to dist/<name>.abi.json, without cargo-near. The crate is built natively
 * with its `abi` feature (near-sdk's ABI generator), then abi-dump loads that library and merges
 * the ABI entries it exports. Native, so rustup's cargo does it; no wasm toolchain is involved.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type ContractName, contractCrates, contractWasmPath } from './index'

const workspace = path.dirname(fileURLToPath(import.meta.url))
const libraryExtension = process.platform === 'darwin' ? 'dylib' : 'so'
const cargo = (args: string[]) => execFileSync('cargo', ['--locked', ...args], { cwd: workspace, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })

const packages: { name: string; version: string }[] = JSON.parse(cargo(['metadata', '--format-version', '1', '--no-deps'])).packages

for (const name of Object.keys(contractCrates) as ContractName[]) {
  const { crate } = contractCrates[name]
  const version = packages.find((entry) => entry.name === crate)?.version
  if (!version) throw new Error(`cargo metadata lists no crate ${crate}`)
  cargo(['build', '-p', crate, '--features', 'abi', '--lib'])
  const library = path.join(workspace, 'target/debug', `lib${name}.${libraryExtension}`)
  const abi = cargo(['run', '-q', '-p', 'abi-dump', '--', library, crate, version])
  const output = contractWasmPath(name).replace(/\.wasm$/, '.abi.json')
  mkdirSync(path.dirname(output), { recursive: true })
  writeFileSync(output, abi)
  console.log(`[contracts] ${name}: ${path.relative(workspace, output)}, ${JSON.parse(abi).body.functions.length} functions`)
}
