/**
 * Checks of a built contract before it is written to dist/: what nearcore's preparation would
 * refuse at deploy time is better refused at build time, where the cause (a compiler flag) is.
 */
import { spawnSync } from 'node:child_process'

/** wabt's validator with every post-MVP feature it enables by default turned off. */
const mvpOnly = [
  '--disable-mutable-globals',
  '--disable-saturating-float-to-int',
  '--disable-sign-extension',
  '--disable-multi-value',
  '--disable-bulk-memory',
  '--disable-reference-types',
]

/** Why `file` is not MVP wasm, or undefined when it is. */
export function mvpValidationProblem(file: string): string | undefined {
  const result = spawnSync('/usr/bin/wasm-validate', [...mvpOnly, file], { encoding: 'utf8' })
  if (result.error) return `wasm-validate did not run: ${result.error.message}`
  return result.status === 0 ? undefined : `wasm-validate refused it as MVP wasm:\n${result.stderr.trim()}`
}

/**
 * The module's imports and exports against NEAR's rules (functions imported from `env` only, its
 * own memory exported) and against the host functions this contract must import.
 */
export function interfaceProblems(bytes: Uint8Array<ArrayBuffer>, requiredImports: readonly string[]): string[] {
  const module = new WebAssembly.Module(bytes)
  const imports = WebAssembly.Module.imports(module)
  const problems = imports
    .filter((entry) => entry.module !== 'env' || entry.kind !== 'function')
    .map((entry) => `imports ${entry.kind} ${entry.module}.${entry.name}: NEAR allows only functions from env`)
  const imported = new Set(imports.map((entry) => entry.name))
  for (const name of requiredImports) {
    if (!imported.has(name)) problems.push(`does not import env.${name}: was it built without --cfg near?`)
  }
  if (!WebAssembly.Module.exports(module).some((entry) => entry.kind === 'memory')) problems.push('exports no memory')
  return problems
}
