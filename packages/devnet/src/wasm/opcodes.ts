/**
 * The instructions NEAR accepts (protocol 85: MVP, mutable globals, sign extension, saturating
 * float-to-int, reference types, bulk memory; nearcore's `features.rs`) and what the
 * instrumentation needs to know of each: its immediates, whether it can trap or branch (which ends a
 * gas segment, as finite-wasm's analysis does), and what it does to the operand stack's size.
 * Opcodes of other proposals (SIMD, threads, tail calls, exceptions, GC, multi-memory) are absent,
 * so a module using them is refused.
 */

export const valType = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, funcref: 0x70, externref: 0x6f } as const
export type ValType = (typeof valType)[keyof typeof valType]

export const isValType = (byte: number): byte is ValType =>
  byte === 0x7f || byte === 0x7e || byte === 0x7d || byte === 0x7c || byte === 0x70 || byte === 0x6f
export const isRefType = (byte: number): boolean => byte === 0x70 || byte === 0x6f

/** Bytes a value takes in finite-wasm's stack model (nearcore's `SimpleMaxStackCfg`). */
export const stackSize = (type: ValType): number => (type === 0x7f || type === 0x7d ? 4 : 8)

/** How an instruction's immediates are encoded. */
export type Immediate =
  | 'none'
  | 'blockType'
  | 'index'
  | 'brTable'
  | 'callIndirect'
  | 'memArg'
  | 'zeroByte'
  | 'i32'
  | 'i64'
  | 'f32'
  | 'f64'
  | 'selectTypes'
  | 'heapType'
  | 'indexZeroByte'
  | 'zeroBytes2'
  | 'twoIndices'

/**
 * - `pure`: charged with its neighbours, cannot trap.
 * - `trapping`: may trap (memory access, integer division, float truncation, calls): its gas is
 *   charged before it runs and the instructions after it form a new segment.
 * - `bulk`: memory and table bulk operations, charged a base plus a unit per byte, page or element.
 * - the rest are control instructions handled one by one.
 */
export type Kind = 'pure' | 'trapping' | 'bulk' | 'control'

export type OpInfo = {
  readonly name: string
  readonly immediate: Immediate
  readonly kind: Kind
  /** Operands popped and the type pushed (undefined: nothing), for the ones with a fixed signature. */
  readonly pops: number
  readonly push: ValType | undefined
  /** Loads and stores: bytes accessed, and the type a store writes. */
  readonly width?: number
  readonly storeType?: ValType
}

const { i32, i64, f32, f64 } = valType

const info = (name: string, immediate: Immediate, kind: Kind, pops: number, push: ValType | undefined, extra: Partial<OpInfo> = {}): OpInfo => ({
  name,
  immediate,
  kind,
  pops,
  push,
  ...extra,
})

/** Single-byte opcodes. */
export const opcodes = new Map<number, OpInfo>()
/** Opcodes after the 0xfc prefix. */
export const prefixedOpcodes = new Map<number, OpInfo>()

const control: Array<[number, string, Immediate]> = [
  [0x00, 'unreachable', 'none'],
  [0x02, 'block', 'blockType'],
  [0x03, 'loop', 'blockType'],
  [0x04, 'if', 'blockType'],
  [0x05, 'else', 'none'],
  [0x0b, 'end', 'none'],
  [0x0c, 'br', 'index'],
  [0x0d, 'br_if', 'index'],
  [0x0e, 'br_table', 'brTable'],
  [0x0f, 'return', 'none'],
  [0x10, 'call', 'index'],
  [0x11, 'call_indirect', 'callIndirect'],
  [0x1a, 'drop', 'none'],
  [0x1b, 'select', 'none'],
  [0x1c, 'select_t', 'selectTypes'],
  [0x20, 'local.get', 'index'],
  [0x21, 'local.set', 'index'],
  [0x22, 'local.tee', 'index'],
  [0x23, 'global.get', 'index'],
  [0x24, 'global.set', 'index'],
  [0x25, 'table.get', 'index'],
  [0x26, 'table.set', 'index'],
  [0x3f, 'memory.size', 'zeroByte'],
  [0x40, 'memory.grow', 'zeroByte'],
  [0xd0, 'ref.null', 'heapType'],
  [0xd2, 'ref.func', 'index'],
]
for (const [code, name, immediate] of control) opcodes.set(code, info(name, immediate, 'control', 0, undefined))
opcodes.set(0x01, info('nop', 'none', 'pure', 0, undefined))
opcodes.set(0xd1, info('ref.is_null', 'none', 'pure', 1, i32))

const loads: Array<[number, string, ValType, number]> = [
  [0x28, 'i32.load', i32, 4],
  [0x29, 'i64.load', i64, 8],
  [0x2a, 'f32.load', f32, 4],
  [0x2b, 'f64.load', f64, 8],
  [0x2c, 'i32.load8_s', i32, 1],
  [0x2d, 'i32.load8_u', i32, 1],
  [0x2e, 'i32.load16_s', i32, 2],
  [0x2f, 'i32.load16_u', i32, 2],
  [0x30, 'i64.load8_s', i64, 1],
  [0x31, 'i64.load8_u', i64, 1],
  [0x32, 'i64.load16_s', i64, 2],
  [0x33, 'i64.load16_u', i64, 2],
  [0x34, 'i64.load32_s', i64, 4],
  [0x35, 'i64.load32_u', i64, 4],
]
for (const [code, name, type, width] of loads) opcodes.set(code, info(name, 'memArg', 'trapping', 1, type, { width }))

const stores: Array<[number, string, ValType, number]> = [
  [0x36, 'i32.store', i32, 4],
  [0x37, 'i64.store', i64, 8],
  [0x38, 'f32.store', f32, 4],
  [0x39, 'f64.store', f64, 8],
  [0x3a, 'i32.store8', i32, 1],
  [0x3b, 'i32.store16', i32, 2],
  [0x3c, 'i64.store8', i64, 1],
  [0x3d, 'i64.store16', i64, 2],
  [0x3e, 'i64.store32', i64, 4],
]
for (const [code, name, type, width] of stores) opcodes.set(code, info(name, 'memArg', 'trapping', 2, undefined, { width, storeType: type }))

opcodes.set(0x41, info('i32.const', 'i32', 'pure', 0, i32))
opcodes.set(0x42, info('i64.const', 'i64', 'pure', 0, i64))
opcodes.set(0x43, info('f32.const', 'f32', 'pure', 0, f32))
opcodes.set(0x44, info('f64.const', 'f64', 'pure', 0, f64))

/** Numeric instructions as runs of opcodes sharing a signature. */
const numeric: Array<[first: number, last: number, pops: number, push: ValType, trapping?: [number, number]]> = [
  [0x45, 0x45, 1, i32], // i32.eqz
  [0x46, 0x4f, 2, i32], // i32 comparisons
  [0x50, 0x50, 1, i32], // i64.eqz
  [0x51, 0x5a, 2, i32], // i64 comparisons
  [0x5b, 0x66, 2, i32], // f32, f64 comparisons
  [0x67, 0x69, 1, i32], // i32.clz, ctz, popcnt
  [0x6a, 0x78, 2, i32, [0x6d, 0x70]], // i32 arithmetic; div and rem trap
  [0x79, 0x7b, 1, i64], // i64.clz, ctz, popcnt
  [0x7c, 0x8a, 2, i64, [0x7f, 0x82]], // i64 arithmetic; div and rem trap
  [0x8b, 0x91, 1, f32],
  [0x92, 0x98, 2, f32],
  [0x99, 0x9f, 1, f64],
  [0xa0, 0xa6, 2, f64],
  [0xa7, 0xa7, 1, i32], // i32.wrap_i64
  [0xa8, 0xab, 1, i32, [0xa8, 0xab]], // i32.trunc_f*: traps on NaN or overflow
  [0xac, 0xad, 1, i64], // i64.extend_i32_*
  [0xae, 0xb1, 1, i64, [0xae, 0xb1]], // i64.trunc_f*
  [0xb2, 0xb6, 1, f32],
  [0xb7, 0xbb, 1, f64],
  [0xbc, 0xbc, 1, i32],
  [0xbd, 0xbd, 1, i64],
  [0xbe, 0xbe, 1, f32],
  [0xbf, 0xbf, 1, f64],
  [0xc0, 0xc1, 1, i32], // sign extension
  [0xc2, 0xc4, 1, i64],
]
for (const [first, last, pops, push, trapping] of numeric) {
  for (let code = first; code <= last; code++) {
    const traps = trapping !== undefined && code >= trapping[0] && code <= trapping[1]
    opcodes.set(code, info(`numeric 0x${code.toString(16)}`, 'none', traps ? 'trapping' : 'pure', pops, push))
  }
}

// 0xfc prefix: saturating truncations, then bulk memory and table instructions.
for (let code = 0; code <= 7; code++) prefixedOpcodes.set(code, info(`trunc_sat ${code}`, 'none', 'pure', 1, code < 4 ? i32 : i64))
prefixedOpcodes.set(8, info('memory.init', 'indexZeroByte', 'bulk', 3, undefined))
prefixedOpcodes.set(9, info('data.drop', 'index', 'pure', 0, undefined))
prefixedOpcodes.set(10, info('memory.copy', 'zeroBytes2', 'bulk', 3, undefined))
prefixedOpcodes.set(11, info('memory.fill', 'zeroByte', 'bulk', 3, undefined))
prefixedOpcodes.set(12, info('table.init', 'twoIndices', 'bulk', 3, undefined))
prefixedOpcodes.set(13, info('elem.drop', 'index', 'pure', 0, undefined))
prefixedOpcodes.set(14, info('table.copy', 'twoIndices', 'bulk', 3, undefined))
prefixedOpcodes.set(15, info('table.grow', 'index', 'bulk', 2, i32))
prefixedOpcodes.set(16, info('table.size', 'index', 'pure', 0, i32))
prefixedOpcodes.set(17, info('table.fill', 'index', 'bulk', 3, undefined))
