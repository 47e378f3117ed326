import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type RequestStatusRecord, RequestStatusStore } from '../src/status-store'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'relayer-store-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const id = (n: number) => n.toString(16).padStart(64, '0')
const record = (n: number, status: RequestStatusRecord['status'] = 'final', at = Date.now()): RequestStatusRecord => ({ requestId: id(n), status, at, transactionHash: `tx${n}` })

describe('RequestStatusStore', () => {
  it('behavior: records are on disk when record() resolves, and the latest record of an id wins after reopening', async () => {
    const store = await RequestStatusStore.open(dir)
    await store.record(record(1, 'pending'))
    await store.record(record(1, 'final'))
    await store.record(record(2, 'failed'))
    await store.close()
    const lines = (await readFile(path.join(dir, 'requests.jsonl'), 'utf8')).trim().split('\n')
    expect(lines).toHaveLength(3)
    const reopened = await RequestStatusStore.open(dir)
    expect(reopened.get(id(1))?.status).toBe('final')
    expect(reopened.get(id(2))?.status).toBe('failed')
    await reopened.close()
  })

  it('behavior: concurrent records are written together, none lost', async () => {
    const store = await RequestStatusStore.open(dir)
    await Promise.all(Array.from({ length: 200 }, (_, n) => store.record(record(n))))
    await store.close()
    const reopened = await RequestStatusStore.open(dir)
    for (let n = 0; n < 200; n++) expect(reopened.get(id(n))?.transactionHash).toBe(`tx${n}`)
    await reopened.close()
  })

  it('behavior: a torn last line (a crash mid-write) is dropped and cut off, and the next append starts clean', async () => {
    const file = path.join(dir, 'requests.jsonl')
    await writeFile(file, `${JSON.stringify(record(1))}\n`)
    await appendFile(file, JSON.stringify(record(2)).slice(0, 30))
    const store = await RequestStatusStore.open(dir)
    expect(store.get(id(1))).toBeDefined()
    expect(store.get(id(2))).toBeUndefined()
    await store.record(record(3))
    await store.close()
    const lines = (await readFile(file, 'utf8')).split('\n')
    expect(lines.filter(Boolean).map((line) => JSON.parse(line).requestId)).toEqual([id(1), id(3)])
  })

  it('behavior: a damaged line in the middle loses that record only', async () => {
    const file = path.join(dir, 'requests.jsonl')
    await writeFile(file, `${JSON.stringify(record(1))}\n{"requestId":\n${JSON.stringify(record(2))}\n`)
    const store = await RequestStatusStore.open(dir)
    expect([store.get(id(1))?.status, store.get(id(2))?.status]).toEqual(['final', 'final'])
    await store.close()
  })

  it('behavior: a log of mostly superseded or expired lines is compacted at open', async () => {
    const file = path.join(dir, 'requests.jsonl')
    const old = Date.now() - 30 * 24 * 60 * 60 * 1000
    const lines = [
      ...Array.from({ length: 1500 }, (_, n) => JSON.stringify(record(n % 10, 'pending'))),
      ...Array.from({ length: 10 }, (_, n) => JSON.stringify(record(n, 'final'))),
      ...Array.from({ length: 100 }, (_, n) => JSON.stringify(record(1000 + n, 'final', old))),
    ]
    await writeFile(file, `${lines.join('\n')}\n`)
    const store = await RequestStatusStore.open(dir)
    await store.close()
    const kept = (await readFile(file, 'utf8')).trim().split('\n')
    expect(kept).toHaveLength(10)
    expect(kept.every((line) => JSON.parse(line).status === 'final')).toBe(true)
  })
})
