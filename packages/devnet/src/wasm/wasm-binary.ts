/**
 * Reading and writing the WebAssembly binary format: LEB128 integers, vectors, names. Strict in
 * what it reads (the spec's limits on LEB128 length and unused bits), since a module that wasmparser
 * would not read must be refused here too.
 */

/** The module is not well-formed WebAssembly, or uses an encoding NEAR does not accept. */
export class WasmDecodeError extends Error {}

export class ByteReader {
  pos: number

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.pos = start
  }

  get done(): boolean {
    return this.pos >= this.end
  }

  u8(): number {
    if (this.pos >= this.end) throw new WasmDecodeError('unexpected end of input')
    return this.bytes[this.pos++]!
  }

  /** An unsigned LEB128 of at most `bits` bits (32 by default). */
  u32(): number {
    let result = 0
    let shift = 0
    for (let i = 0; i < 5; i++) {
      const byte = this.u8()
      if (i === 4 && byte & 0x70) throw new WasmDecodeError('u32 LEB128 out of range')
      result += (byte & 0x7f) * 2 ** shift
      if ((byte & 0x80) === 0) return result
      shift += 7
    }
    throw new WasmDecodeError('u32 LEB128 too long')
  }

  /** A signed LEB128 of `bits` bits (32, 33 or 64); only its extent and range are checked. */
  signed(bits: 32 | 33 | 64): bigint {
    const maxBytes = Math.ceil(bits / 7)
    let result = 0n
    let shift = 0n
    for (let i = 0; i < maxBytes; i++) {
      const byte = this.u8()
      result |= BigInt(byte & 0x7f) << shift
      shift += 7n
      if ((byte & 0x80) === 0) {
        if (i === maxBytes - 1) {
          // The unused bits of the last byte must repeat the sign bit.
          const usedBits = bits - 7 * (maxBytes - 1)
          const rest = byte >> (usedBits - 1)
          const expected = byte & 0x40 ? (0x7f >> (usedBits - 1)) : 0
          if (rest !== expected) throw new WasmDecodeError(`s${bits} LEB128 out of range`)
        }
        if (byte & 0x40) result -= 1n << shift
        return result
      }
    }
    throw new WasmDecodeError(`s${bits} LEB128 too long`)
  }

  take(length: number): Uint8Array {
    if (length > this.end - this.pos) throw new WasmDecodeError('unexpected end of input')
    const slice = this.bytes.subarray(this.pos, this.pos + length)
    this.pos += length
    return slice
  }

  skip(length: number): void {
    this.take(length)
  }

  /** A UTF-8 name (imports, exports). */
  name(): string {
    const raw = this.take(this.u32())
    try {
      return utf8Strict.decode(raw)
    } catch {
      throw new WasmDecodeError('name is not valid UTF-8')
    }
  }

  /** A reader over the next `length` bytes; this reader moves past them. */
  sub(length: number): ByteReader {
    if (length > this.end - this.pos) throw new WasmDecodeError('unexpected end of input')
    const reader = new ByteReader(this.bytes, this.pos, this.pos + length)
    this.pos += length
    return reader
  }
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true })

/** Appends bytes and LEB128 integers; `finish` returns them as one array. */
export class ByteWriter {
  private buffer: Uint8Array<ArrayBuffer> = new Uint8Array(256)
  length = 0

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return
    let size = this.buffer.length * 2
    while (size < this.length + extra) size *= 2
    const grown = new Uint8Array(size)
    grown.set(this.buffer.subarray(0, this.length))
    this.buffer = grown
  }

  u8(value: number): this {
    this.reserve(1)
    this.buffer[this.length++] = value
    return this
  }

  u32(value: number): this {
    let rest = value >>> 0
    if (rest !== value) throw new RangeError(`${value} is not a u32`)
    do {
      let byte = rest & 0x7f
      rest >>>= 7
      if (rest !== 0) byte |= 0x80
      this.u8(byte)
    } while (rest !== 0)
    return this
  }

  /** A signed LEB128 (i32.const, i64.const immediates). */
  signed(value: bigint): this {
    let rest = value
    for (;;) {
      const byte = Number(rest & 0x7fn)
      rest >>= 7n
      const done = (rest === 0n && (byte & 0x40) === 0) || (rest === -1n && (byte & 0x40) !== 0)
      this.u8(done ? byte : byte | 0x80)
      if (done) return this
    }
  }

  bytes(data: Uint8Array): this {
    this.reserve(data.length)
    this.buffer.set(data, this.length)
    this.length += data.length
    return this
  }

  name(text: string): this {
    const encoded = new TextEncoder().encode(text)
    return this.u32(encoded.length).bytes(encoded)
  }

  /** A section: its id, its byte length, its content. */
  section(id: number, content: ByteWriter): this {
    return this.u8(id).u32(content.length).bytes(content.finish())
  }

  finish(): Uint8Array<ArrayBuffer> {
    return this.buffer.subarray(0, this.length)
  }
}
