import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CorruptLogError, Devnet, WriteAheadLog } from '../src/index'

const dirs: string[] = []

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A log of five records, closed; returns its path and where each record's frame starts. */
function writtenLog(): { file: string; offsets: number[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'ccl-devnet-wal-'))
  dirs.push(dir)
  const file = path.join(dir, 'chain.log')
  const { log } = WriteAheadLog.open<{ kind: string; n: number }>(file)
  const offsets: number[] = []
  for (let n = 0; n < 5; n++) {
    offsets.push(statSync(file).size)
    log.append([{ kind: 'block', n }])
  }
  log.close()
  return { file, offsets }
}

function damage(file: string, at: number, change: (byte: number) => number): void {
  const bytes = readFileSync(file)
  bytes[at] = change(bytes[at]!)
  writeFileSync(file, bytes)
}

describe('the log refuses to lose records to damage before its tail', () => {
  it('error: a flipped byte inside a record in the middle stops the open, naming the offset, and leaves the file as it was', () => {
    const { file, offsets } = writtenLog()
    damage(file, offsets[2]! + 12, (byte) => byte ^ 0x01)
    const before = readFileSync(file)
    const error = (() => {
      try {
        WriteAheadLog.open(file)
      } catch (caught) {
        return caught
      }
    })()
    expect(error).toBeInstanceOf(CorruptLogError)
    expect(error).toMatchObject({ code: 'CORRUPT_LOG', file, offset: offsets[2] })
    expect((error as Error).message).toContain(`byte ${offsets[2]}`)
    expect((error as Error).message).toContain('--reset')
    // Nothing was cut: the intact records after the damage are still there to be recovered.
    expect(readFileSync(file)).toEqual(before)
  })

  it('error: a record whose length field is damaged (so it seems to run past the end) is corruption, not a torn tail', () => {
    const { file, offsets } = writtenLog()
    damage(file, offsets[1]! + 2, () => 0x7f)
    expect(() => WriteAheadLog.open(file)).toThrow(CorruptLogError)
    expect(statSync(file).size).toBe(readFileSync(file).length)
  })

  it('error: the chain does not start on a log damaged in the middle', async () => {
    const { file, offsets } = writtenLog()
    damage(file, offsets[3]! + 9, (byte) => byte ^ 0x20)
    await expect(Devnet.open({ dataDir: path.dirname(file) })).rejects.toMatchObject({ name: 'CorruptLogError', offset: offsets[3] })
  })

  it('behavior: a torn last record (cut short, or its full length written but not its bytes) is dropped and the rest kept', () => {
    const { file, offsets } = writtenLog()
    const whole = readFileSync(file)
    // Cut in the middle of the last record's body, as a crash during its write leaves it.
    writeFileSync(file, whole.subarray(0, whole.length - 3))
    let opened = WriteAheadLog.open<{ n: number }>(file)
    expect(opened.records.map((record) => record.n)).toEqual([0, 1, 2, 3])
    expect(opened.droppedBytes).toBe(whole.length - 3 - offsets[4]!)
    opened.log.close()
    expect(statSync(file).size).toBe(offsets[4])

    // A power cut can leave the file longer than what reached the disk: zeros where the record should be.
    writeFileSync(file, Buffer.concat([whole.subarray(0, offsets[4]!), Buffer.alloc(whole.length - offsets[4]!)]))
    opened = WriteAheadLog.open<{ n: number }>(file)
    expect(opened.records.map((record) => record.n)).toEqual([0, 1, 2, 3])
    opened.log.close()

    // The last record with a flipped byte: nothing intact follows it, so it is the torn write.
    writeFileSync(file, whole)
    damage(file, offsets[4]! + 10, (byte) => byte ^ 0x01)
    opened = WriteAheadLog.open<{ n: number }>(file)
    expect(opened.records).toHaveLength(4)
    opened.log.close()
  })
})
