/**
 * Preparing a contract once: parse and check it as nearcore's preparation does, instrument it,
 * compile it with V8, and link its imports against NEAR's host functions. The result (or the
 * refusal) is kept by the SHA-256 of the code, as nearcore caches compiled contracts by code hash,
 * so a contract called again costs no preparation.
 */
import { createHash } from 'node:crypto'
import type { CompilationError } from './errors'
import { type InstrumentedModule, instrumentModule, pageSize } from './instrument'
import { hostSignatures, signatureOf } from './host/imports'
import { PrepareRefusal, parseModule } from './module-parser'
import { limits } from './protocol-parameters'

export type PreparedContract =
  | {
      ok: true
      codeHash: string
      codeLength: number
      module: WebAssembly.Module
      info: InstrumentedModule
      /** Set when an import is not one of NEAR's host functions (or has another signature). */
      linkError: string | undefined
      /** Set when a data segment does not fit the initial memory: instantiation traps, as in nearcore. */
      dataOutOfBounds: boolean
    }
  | { ok: false; codeHash: string; codeLength: number; error: CompilationError }

const cache = new Map<string, PreparedContract>()
/** The same bytes passed again skip even the hashing. */
const byIdentity = new WeakMap<Uint8Array, PreparedContract>()
/** Compiled contracts kept; the oldest is dropped beyond this. */
const cacheCapacity = 256

export const codeHashOf = (code: Uint8Array): string => createHash('sha256').update(code).digest('hex')

/** The prepared form of `code`, from the cache when this code was prepared before. */
export function prepareContract(code: Uint8Array): PreparedContract {
  const known = byIdentity.get(code)
  if (known && cache.get(known.codeHash) === known) return known
  const prepared = preparedByHash(code)
  byIdentity.set(code, prepared)
  return prepared
}

function preparedByHash(code: Uint8Array): PreparedContract {
  const codeHash = codeHashOf(code)
  const cached = cache.get(codeHash)
  if (cached) {
    // Refresh its place: the map's order is the eviction order.
    cache.delete(codeHash)
    cache.set(codeHash, cached)
    return cached
  }
  const prepared = prepareUncached(code, codeHash)
  cache.set(codeHash, prepared)
  if (cache.size > cacheCapacity) cache.delete(cache.keys().next().value!)
  return prepared
}

function prepareUncached(code: Uint8Array, codeHash: string): PreparedContract {
  const codeLength = code.length
  let info: InstrumentedModule
  try {
    info = instrumentModule(parseModule(code))
  } catch (error) {
    if (error instanceof PrepareRefusal) return { ok: false, codeHash, codeLength, error: { type: 'PrepareError', error: error.reason } }
    throw error
  }
  let module: WebAssembly.Module
  try {
    module = new WebAssembly.Module(info.bytes)
  } catch (error) {
    // V8 validates what preparation copied through (types, stack discipline): a module it refuses
    // is one wasmparser refuses too.
    if (error instanceof WebAssembly.CompileError) return { ok: false, codeHash, codeLength, error: { type: 'PrepareError', error: 'Deserialization' } }
    throw error
  }
  const initialBytes = limits.initialMemoryPages * pageSize
  return {
    ok: true,
    codeHash,
    codeLength,
    module,
    info,
    linkError: linkProblem(info),
    dataOutOfBounds: info.dataExtents.some(({ offset, length }) => offset + length > initialBytes),
  }
}

/** wasmtime's link error for the first import NEAR does not provide as declared. */
function linkProblem(info: InstrumentedModule): string | undefined {
  for (const entry of info.imports) {
    const expected = hostSignatures[entry.name]
    if (!expected) return 'unknown or invalid import'
    const type = info.types[entry.typeIndex]!
    const declared = signatureOf(type.params, type.results)
    if (!declared || declared.params !== expected.params || declared.results !== expected.results) {
      return `incompatible import type for \`env::${entry.name}\``
    }
  }
  return undefined
}
