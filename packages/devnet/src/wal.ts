import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs'
import path from 'node:path'

/**
 * An append-only log of JSON records, each framed as `u32 length ‖ u32 crc32 ‖ bytes`
 * (little-endian). `append` writes a batch and fsyncs once: that is the chain's group commit,
 * one fsync per block however many transactions it holds. On open, records are read back in
 * order. Only the tail may be damaged by a crash (every earlier record was fsynced before the
 * chain reported it): a last record that is short or fails its checksum is a torn write and
 * the file is cut there, so the next append starts on a clean boundary. Damage with intact
 * records after it is not a crash's doing, and cutting there would silently drop acknowledged
 * blocks: the open fails with a `CorruptLogError` instead, and the file is left as it was.
 */
export class WriteAheadLog<T> {
  readonly file: string
  #fd: number

  private constructor(file: string, fd: number) {
    this.file = file
    this.#fd = fd
  }

  /** Opens (or creates) the log and returns it with every intact record in order. */
  static open<T>(file: string): { log: WriteAheadLog<T>; records: T[]; droppedBytes: number } {
    mkdirSync(path.dirname(file), { recursive: true })
    const bytes = existsSync(file) ? readFileSync(file) : Buffer.alloc(0)
    const records: T[] = []
    let offset = 0
    while (offset < bytes.length) {
      const frame = readFrame(bytes, offset)
      if (!frame.ok) {
        // Torn tail or damage in the middle? A crash tears only the last write, so nothing intact can follow it.
        if (intactFrameAfter(bytes, offset + 1)) throw new CorruptLogError(file, offset, `${frame.reason}, and intact records follow it`)
        break
      }
      try {
        records.push(JSON.parse(frame.body.toString('utf8')) as T)
      } catch {
        // The checksum matched, so these are the bytes that were written: no crash explains them.
        throw new CorruptLogError(file, offset, 'matches its checksum but is not JSON')
      }
      offset = frame.end
    }
    const fd = openSync(file, existsSync(file) ? 'r+' : 'w+')
    const droppedBytes = bytes.length - offset
    if (droppedBytes > 0) {
      ftruncateSync(fd, offset)
      fsyncSync(fd)
    }
    const log = new WriteAheadLog<T>(file, fd)
    log.#position = offset
    return { log, records, droppedBytes }
  }

  #position = 0

  /** Appends the records and returns once they are on disk. */
  append(records: readonly T[]): void {
    if (records.length === 0) return
    const frames = records.map((record) => {
      const body = Buffer.from(JSON.stringify(record), 'utf8')
      const header = Buffer.alloc(8)
      header.writeUInt32LE(body.length, 0)
      header.writeUInt32LE(crc32(body), 4)
      return Buffer.concat([header, body])
    })
    const batch = Buffer.concat(frames)
    let written = 0
    while (written < batch.length) written += writeSync(this.#fd, batch, written, batch.length - written, this.#position + written)
    fsyncSync(this.#fd)
    this.#position += batch.length
  }

  close(): void {
    closeSync(this.#fd)
  }
}

/**
 * The log is damaged before its tail: a record that intact records follow fails its checksum,
 * is cut short, or does not parse. The chain does not start on it (see `WriteAheadLog`).
 */
export class CorruptLogError extends Error {
  override readonly name = 'CorruptLogError'
  readonly code = 'CORRUPT_LOG'

  constructor(
    readonly file: string,
    /** Where the damaged record's frame starts, in bytes from the start of the file. */
    readonly offset: number,
    readonly reason: string,
  ) {
    super(
      `${file} is damaged at byte ${offset}: the record there ${reason}. A crash tears only the last write, so this is not one, and the chain will not start by cutting the log there. ` +
        'Restore the file from a backup, or start with --reset to begin anew (that discards the local chain).',
    )
  }
}

type Frame = { ok: true; body: Buffer; end: number } | { ok: false; reason: string }

function readFrame(bytes: Buffer, offset: number): Frame {
  if (offset + 8 > bytes.length) return { ok: false, reason: 'is cut short in its header' }
  const length = bytes.readUInt32LE(offset)
  // No record is empty: a zero length is what a file extended by a crash, but never written, holds.
  if (length === 0) return { ok: false, reason: 'has a length of zero' }
  const end = offset + 8 + length
  if (end > bytes.length) return { ok: false, reason: `claims ${length} bytes, past the end of the file` }
  const body = bytes.subarray(offset + 8, end)
  if (crc32(body) !== bytes.readUInt32LE(offset + 4)) return { ok: false, reason: 'fails its checksum' }
  return { ok: true, body, end }
}

/**
 * Whether a whole, checksummed frame starts anywhere at or after `from`. Run only on damage; the
 * length test rejects almost every position before a checksum is computed (JSON text read as a
 * length is hundreds of megabytes), so it costs one pass over the rest of the file.
 */
function intactFrameAfter(bytes: Buffer, from: number): boolean {
  for (let offset = from; offset + 8 < bytes.length; offset++) {
    const length = bytes.readUInt32LE(offset)
    if (length === 0 || offset + 8 + length > bytes.length) continue
    if (readFrame(bytes, offset).ok) return true
  }
  return false
}

const crcTable = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

/** CRC-32 (IEEE 802.3), the checksum zlib and PNG use. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}
