import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs'
import path from 'node:path'

/**
 * An append-only log of JSON records, each framed as `u32 length ‖ u32 crc32 ‖ bytes`
 * (little-endian). `append` writes a batch and fsyncs once: that is the chain's group commit,
 * one fsync per block however many transactions it holds. On open, records are read back until
 * the first one that is short or fails its checksum (a write torn by a crash), and the file is
 * cut there, so the next append starts on a clean boundary.
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
    while (offset + 8 <= bytes.length) {
      const length = bytes.readUInt32LE(offset)
      const checksum = bytes.readUInt32LE(offset + 4)
      const end = offset + 8 + length
      if (end > bytes.length) break
      const body = bytes.subarray(offset + 8, end)
      if (crc32(body) !== checksum) break
      records.push(JSON.parse(body.toString('utf8')) as T)
      offset = end
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
