/**
 * The contracts this workspace builds to wasm, by the name of the file `pnpm build` writes for
 * each (`contracts/dist/<name>.wasm`, beside `<name>.wasm.sha256`). No wasm is committed: a
 * consumer (the local chain's tests) reads it after a build.
 */
import { fileURLToPath } from 'node:url'

export const contractCrates = {
  host_probe: {
    crate: 'host-probe',
    /**
     * Host functions the built module must import. One that is absent means the build compiled it
     * to pure Rust inside the wasm, which near-sdk does whenever `--cfg near` is not set.
     */
    requiredImports: ['sha256', 'keccak256', 'keccak512', 'ripemd160', 'ecrecover', 'ed25519_verify', 'p256_verify', 'log_utf16', 'promise_result'],
  },
  lending: {
    crate: 'lending',
    /**
     * sha256 (request ids, account ids, hashed keys) and keccak256 (EIP-55 addresses). The
     * signature host functions join when the proofs crate plugs into signers.rs.
     */
    requiredImports: ['sha256', 'keccak256', 'storage_usage'],
  },
  proofs_probe: {
    crate: 'proofs-probe',
    /** ccl-proofs' checks call the host for every hash and signature: none may be compiled in. */
    requiredImports: ['sha256', 'keccak256', 'ecrecover', 'ed25519_verify', 'p256_verify'],
  },
} as const

export type ContractName = keyof typeof contractCrates

export function contractWasmPath(name: ContractName): string {
  return fileURLToPath(new URL(`./dist/${name}.wasm`, import.meta.url))
}

/** A fixture of ccl-proofs (`contracts/proofs/tests/fixtures/<name>`), made by `contracts/proofs/fixtures.ts`. */
export function proofsFixturePath(name: 'passkeys.json' | 'wallets.json' | 'chrome-outcomes.json'): string {
  return fileURLToPath(new URL(`./proofs/tests/fixtures/${name}`, import.meta.url))
}
