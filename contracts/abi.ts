/**
 * Each contract's NEAR ABI (near-abi's `AbiRoot`, schema 0.4) to dist/<name>.abi.json, without
 * cargo-near. The crate is built natively with its `abi` feature (near-sdk's ABI generator), then
 * abi-dump loads that library and merges the ABI entries it exports. Native, so rustup's cargo
 * does it; no wasm toolchain is involved. `pnpm build` writes the lending contract's (the one
 * description of its methods, which contracts/test/lending-abi.test.ts holds the TypeScript
 * callers to); `pnpm --filter @crosschain-lending/contracts abi [name…]` writes any.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type ContractName, contractCrates, contractWasmPath } from './index'

const workspace = path.dirname(fileURLToPath(import.meta.url))
const libraryExtension = process.platform === 'darwin' ? 'dylib' : 'so'
const cargo = (args: string[]) => execFileSync('cargo', ['--locked', ...args], { cwd: workspace, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })

export const abiPath = (name: ContractName) => contractWasmPath(name).replace(/\.wasm$/, '.abi.json')

/** Builds the crate's ABI and writes it; returns a line for the build's log. */
export function writeAbi(name: ContractName): string {
  const { crate } = contractCrates[name]
  const packages: { name: string; version: string }[] = JSON.parse(cargo(['metadata', '--format-version', '1', '--no-deps'])).packages
  const version = packages.find((entry) => entry.name === crate)?.version
  if (!version) throw new Error(`cargo metadata lists no crate ${crate}`)
  cargo(['build', '-p', crate, '--features', 'abi', '--lib'])
  const library = path.join(workspace, 'target/debug', `lib${crate.replaceAll('-', '_')}.${libraryExtension}`)
  const abi = cargo(['run', '-q', '-p', 'abi-dump', '--', library, crate, version])
  const output = abiPath(name)
  mkdirSync(path.dirname(output), { recursive: true })
  writeFileSync(output, abi)
  return `${name}: ${path.relative(workspace, output)}, ${JSON.parse(abi).body.functions.length} functions`
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const names = process.argv.length > 2 ? (process.argv.slice(2) as ContractName[]) : (Object.keys(contractCrates) as ContractName[])
  for (const name of names) console.log(`[contracts] ${writeAbi(name)}`)
}
