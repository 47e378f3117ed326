import { describe, expect, it } from 'vitest'
import { interfaceProblems } from '../wasm-checks'

type Import = { module: string; name: string; kind: 'function' | 'memory' }

const utf8 = (text: string) => [...new TextEncoder().encode(text)]
const name = (text: string) => [utf8(text).length, ...utf8(text)]
const section = (id: number, entries: number[][]) => {
  const body = [entries.length, ...entries.flat()]
  return [id, body.length, ...body]
}

/** A wasm module of one `() -> ()` type, the given imports, and an own memory if asked. */
function moduleWith(imports: Import[], ownMemory: boolean): Uint8Array<ArrayBuffer> {
  const importEntries = imports.map((entry) => [...name(entry.module), ...name(entry.name), ...(entry.kind === 'function' ? [0x00, 0x00] : [0x02, 0x00, 0x01])])
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [[0x60, 0x00, 0x00]]),
    ...(importEntries.length > 0 ? section(2, importEntries) : []),
    ...(ownMemory ? [...section(5, [[0x00, 0x01]]), ...section(7, [[...name('memory'), 0x02, 0x00]])] : []),
  ])
}

const fromEnv = (name: string): Import => ({ module: 'env', name, kind: 'function' })

describe('interfaceProblems (what nearcore would refuse, found at build time)', () => {
  it('behavior: functions imported from env and an exported own memory pass', () => {
    expect(interfaceProblems(moduleWith([fromEnv('sha256'), fromEnv('input')], true), ['sha256'])).toEqual([])
  })

  it('error: a function from another module is named', () => {
    const module = moduleWith([fromEnv('sha256'), { module: 'wasi', name: 'fd_write', kind: 'function' }], true)
    expect(interfaceProblems(module, [])).toEqual(['imports function wasi.fd_write: NEAR allows only functions from env'])
  })

  it('error: an imported memory is named, and is no memory of its own', () => {
    const module = moduleWith([fromEnv('sha256'), { module: 'env', name: 'memory', kind: 'memory' }], false)
    expect(interfaceProblems(module, [])).toEqual(['imports memory env.memory: NEAR allows only functions from env', 'exports no memory'])
  })

  it('error: a required host function that is not imported points at --cfg near', () => {
    expect(interfaceProblems(moduleWith([fromEnv('sha256')], true), ['sha256', 'p256_verify'])).toEqual([
      'does not import env.p256_verify: was it built without --cfg near?',
    ])
  })

  it('error: a module without its own exported memory is refused', () => {
    expect(interfaceProblems(moduleWith([fromEnv('sha256')], false), [])).toEqual(['exports no memory'])
  })
})
