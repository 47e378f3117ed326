/**
 * The few Borsh encodings NEP-413 needs. Borsh is little-endian with u32 length prefixes, and
 * an Option is a 0/1 byte followed by the value when present.
 */
const utf8 = new TextEncoder()

export class BorshWriter {
  readonly #chunks: Uint8Array[] = []
  #length = 0

  #push(bytes: Uint8Array): this {
    this.#chunks.push(bytes)
    this.#length += bytes.length
    return this
  }

  u8(value: number): this {
    return this.#push(Uint8Array.of(value & 0xff))
  }

  u32(value: number): this {
    const bytes = new Uint8Array(4)
    new DataView(bytes.buffer).setUint32(0, value, true)
    return this.#push(bytes)
  }

  /** A fixed-size array such as `[u8; 32]`: the bytes alone, no length prefix. */
  fixedBytes(bytes: Uint8Array): this {
    return this.#push(bytes.slice())
  }

  string(value: string): this {
    const bytes = utf8.encode(value)
    return this.u32(bytes.length).#push(bytes)
  }

  optionString(value: string | undefined): this {
    return value === undefined ? this.u8(0) : this.u8(1).string(value)
  }

  toBytes(): Uint8Array {
    const out = new Uint8Array(this.#length)
    let offset = 0
    for (const chunk of this.#chunks) {
      out.set(chunk, offset)
      offset += chunk.length
    }
    return out
  }
}
