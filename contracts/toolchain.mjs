// What the contracts' wasm build runs, and the Debian packages that provide it. Plain JavaScript
// with no dependencies: scripts/bootstrap.mjs reads it before anything is installed, to install
// what is missing, and build.ts reads it to refuse a build with a message that names the package.
//
// Why Debian's Rust and not rustup's: rustup cannot download the wasm32 target on these machines.
// Debian's rustc-web has no prebuilt wasm32 std either, but rust-web-src carries std's sources, so
// cargo's -Zbuild-std compiles std for wasm32 (for the MVP CPU, which NEAR accepts everywhere).
// Debian's tools live in /usr/bin and are called by that path: rustup's come first in PATH.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

/** near-sdk 5.30 declares rust-version 1.95; bookworm's own rustc-web is 1.85, bookworm-security's 1.96. */
export const minimumRustc = [1, 95]

export const wasmTools = [
  { what: 'cargo', path: '/usr/bin/cargo', packages: ['cargo-web'] },
  { what: 'rustc', path: '/usr/bin/rustc', packages: ['rustc-web'] },
  { what: "std's sources (for -Zbuild-std)", path: '/usr/lib/rustlib/src/rust/library/Cargo.lock', packages: ['rust-web-src'] },
  // rust-web-llvm installs /usr/bin/rust-lld as a link to lld-22 without depending on it.
  { what: 'rust-lld (the wasm linker)', path: '/usr/bin/rust-lld', packages: ['rust-web-llvm', 'lld-22'] },
  { what: 'wasm-opt', path: '/usr/bin/wasm-opt', packages: ['binaryen'] },
  { what: 'wasm-validate', path: '/usr/bin/wasm-validate', packages: ['wabt'] },
]

export const wasmPackages = [...new Set(wasmTools.flatMap((tool) => tool.packages))]

/** The tools that are absent (a dangling link counts as absent). */
export function missingWasmTools() {
  return wasmTools.filter((tool) => !existsSync(tool.path))
}

/** Why /usr/bin/rustc cannot build the contracts, or undefined when it can. */
export function rustcProblem() {
  const result = spawnSync('/usr/bin/rustc', ['--version'], { encoding: 'utf8' })
  if (result.error || result.status !== 0) return '/usr/bin/rustc does not run'
  const match = /^rustc (\d+)\.(\d+)/.exec(result.stdout)
  if (!match) return `/usr/bin/rustc printed an unexpected version: ${result.stdout.trim()}`
  const [major, minor] = [Number(match[1]), Number(match[2])]
  const [needMajor, needMinor] = minimumRustc
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return undefined
  return `${result.stdout.trim()} is older than ${minimumRustc.join('.')}, which near-sdk needs (Debian's newer rustc-web is in bookworm-security)`
}

/** One paragraph saying what is missing and how to install it, or undefined when nothing is. */
export function wasmToolchainProblem() {
  const missing = missingWasmTools()
  if (missing.length > 0) {
    const packages = [...new Set(missing.flatMap((tool) => tool.packages))]
    return (
      `The contracts' wasm build needs ${missing.map((tool) => `${tool.what} (${tool.path})`).join(', ')}.\n` +
      `  Install Debian's packages: sudo apt-get install ${packages.join(' ')}\n` +
      '  or run `node scripts/bootstrap.mjs install` as root, which installs them.'
    )
  }
  const rustc = rustcProblem()
  return rustc && `The contracts' wasm build cannot use Debian's rustc: ${rustc}.`
}
