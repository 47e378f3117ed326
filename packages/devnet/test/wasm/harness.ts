/**
 * Test contracts are WAT, compiled here with wabt; each test file runs methods of one of them
 * against a context and a storage it controls.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import wabtInit from 'wabt'
import { type ContractStorage, type ExecutionContext, type FunctionCallOutcome, executeFunctionCall } from '../../src/wasm'
import { extCosts, wasmCosts } from '../../src/wasm/protocol-parameters'

const wabt = await wabtInit()
const here = path.dirname(fileURLToPath(import.meta.url))

export type WatFeatures = { simd?: boolean; multi_value?: boolean; threads?: boolean; exceptions?: boolean; tail_call?: boolean }

/** Compiles WAT to a wasm binary (bulk memory and reference types on, like NEAR). */
export function wat(source: string, features: WatFeatures = {}): Uint8Array {
  const module = wabt.parseWat('test.wat', source, { bulk_memory: true, reference_types: true, sign_extension: true, sat_float_to_int: true, mutable_globals: true, ...features })
  try {
    return new Uint8Array(module.toBinary({}).buffer)
  } finally {
    module.destroy()
  }
}

/** A test contract of this folder, by file name without `.wat`. */
export function watFile(name: string): Uint8Array {
  return wat(readFileSync(path.join(here, `${name}.wat`), 'utf8'))
}

export const tgas = 1_000_000_000_000
export const near = 10n ** 24n

export function context(overrides: Partial<ExecutionContext> = {}): ExecutionContext {
  return {
    currentAccountId: 'contract.test',
    signerAccountId: 'signer.test',
    signerAccountPk: Uint8Array.from([0, ...new Array(32).fill(7)]),
    predecessorAccountId: 'predecessor.test',
    blockIndex: 42n,
    blockTimestampNs: 1_700_000_000_000_000_000n,
    epochHeight: 3n,
    attachedDeposit: 0n,
    prepaidGas: 300 * tgas,
    accountBalance: 10n * near,
    accountLockedBalance: 0n,
    storageUsage: 1000,
    randomSeed: new Uint8Array(32).fill(9),
    isView: false,
    promiseResults: [],
    ...overrides,
  }
}

/** Storage held in a map, keyed by hex. */
export class MapStorage implements ContractStorage {
  readonly entries = new Map<string, Uint8Array>()

  constructor(initial: Record<string, string> = {}) {
    for (const [key, value] of Object.entries(initial)) this.entries.set(Buffer.from(key).toString('hex'), Buffer.from(value))
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.entries.get(Buffer.from(key).toString('hex'))
  }
}

export type CallOptions = { args?: Uint8Array | string; context?: Partial<ExecutionContext>; storage?: ContractStorage }

export function run(code: Uint8Array, method: string, options: CallOptions = {}): FunctionCallOutcome {
  const args = typeof options.args === 'string' ? new TextEncoder().encode(options.args) : (options.args ?? new Uint8Array())
  return executeFunctionCall({ code, method, args, context: context(options.context), storage: options.storage ?? new MapStorage() })
}

/** The value a call returned, as text. */
export function returnedText(outcome: FunctionCallOutcome): string {
  if (outcome.returnData.kind !== 'value') throw new Error(`no value returned: ${JSON.stringify(outcome.error)}`)
  return Buffer.from(outcome.returnData.value).toString('utf8')
}

export function returnedBytes(outcome: FunctionCallOutcome): Buffer {
  if (outcome.returnData.kind !== 'value') throw new Error(`no value returned: ${JSON.stringify(outcome.error, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`)
  return Buffer.from(outcome.returnData.value)
}

/** The little-endian u64s a call returned. */
export function returnedU64s(outcome: FunctionCallOutcome): bigint[] {
  const bytes = returnedBytes(outcome)
  return Array.from({ length: bytes.length / 8 }, (_, i) => bytes.readBigUInt64LE(i * 8))
}

/** Gas of `n` regular wasm instructions. */
export const ops = (n: number) => n * wasmCosts.regularOp

/** Gas of loading a contract of this many bytes (charged before any of its code runs). */
export const loading = (code: Uint8Array) => extCosts.contract_loading_base + extCosts.contract_loading_bytes * code.length

/** Gas of entering a function with `localBytes` of parameters and locals (nearcore: a regular op per 8 bytes of the frame, which is 64 plus locals). */
export const frame = (localBytes = 0) => ops(Math.ceil((64 + localBytes) / 8))
