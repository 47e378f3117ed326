/**
 * Rewrites a parsed contract into the module this runtime instantiates, the way nearcore's
 * `instrument_v3.rs` (after finite-wasm's analysis) does for Wasmtime, plus what Node's
 * `WebAssembly` needs to reuse one memory across calls:
 *
 * - Gas: every instruction costs `regularOp` except `block`, `else` and `end`; bulk memory and
 *   table instructions cost a base plus a unit per byte, page or element. Costs are summed per
 *   straight-line segment and charged at the segment's start from a `remaining gas` global; a
 *   segment ends after any instruction that can trap, branch or call, so gas is charged before the
 *   instruction that observes it, as finite-wasm does, and the totals are the same. Entering a
 *   function charges its frame (a `regularOp` per 8 bytes of locals, plus 64), as nearcore does.
 * - Stack: entering a function takes its frame and its largest operand stack (finite-wasm's model,
 *   including its accounting of `call_indirect`) from a budget of `max_stack_height` bytes;
 *   running out is nearcore's `MemoryAccessViolation`.
 * - Memory: the contract's memory is replaced by one imported, fixed-size memory of 2048 pages plus
 *   one page the runtime keeps to itself. Its visible size is a global (1024 pages at the start of
 *   each call); `memory.size` and `memory.grow` read and change it, and every access is checked
 *   against it, so out-of-bounds accesses trap as they would in a memory of that size. Stores mark
 *   the 64 KiB pages they write in the runtime's page, so only those pages are cleared after the
 *   call: a call costs no fresh 64 MiB memory and no growth.
 * - `call_indirect` to a null table entry traps as `IndirectCallToNull`, which V8 does not tell
 *   apart from a signature mismatch.
 * - Exports keep their names behind a `\0` prefix (nearcore's `EXPORT_PREFIX`); the start function
 *   becomes an export the runtime calls once gas is set, as nearcore's Wasmtime runner does.
 */
import { type FuncType, type ConstExpr, type ParsedModule, PrepareRefusal, functionCount, functionType, exportKind } from './module-parser'
import { type OpInfo, type ValType, opcodes, prefixedOpcodes, stackSize, valType, isRefType } from './opcodes'
import { limits, wasmCosts } from './protocol-parameters'
import { ByteReader, ByteWriter, WasmDecodeError } from './wasm-binary'

export const pageSize = 65_536
/** The runtime's page after the contract's 2048: one byte per contract page, set when a store writes it. */
export const dirtyMapOffset = limits.maxMemoryPages * pageSize
export const physicalMemoryPages = limits.maxMemoryPages + 1

/** Names of the instrumented module's own imports (module `internal`) and exports. */
export const internal = {
  module: 'internal',
  memory: 'memory',
  chargeGas: 'charge_gas',
  stackExhausted: 'stack_exhausted',
  outOfBounds: 'out_of_bounds',
  indirectCallToNull: 'indirect_call_to_null',
  touch: 'touch',
  touchRead: 'touch_read',
  gasGlobal: 'remaining_gas',
  pagesGlobal: 'memory_pages',
  startExport: 'start',
  exportPrefix: '\0',
} as const

/** What the executor needs to know of a prepared contract besides its compiled module. */
export type InstrumentedModule = {
  bytes: Uint8Array<ArrayBuffer>
  /** Functions the contract exports, by name, with their types (methods must take and return nothing). */
  exportedFunctions: Map<string, FuncType>
  /** The contract's imports, to link against NEAR's host functions. */
  imports: ParsedModule['imports']
  types: FuncType[]
  /** Active data segments: where they land, to check they fit the initial memory and to clear their pages. */
  dataExtents: Array<{ offset: number; length: number }>
  hasStart: boolean
}

const internalFunctionImports = [internal.chargeGas, internal.stackExhausted, internal.outOfBounds, internal.indirectCallToNull, internal.touch, internal.touchRead] as const
const F = {
  chargeGas: 0,
  stackExhausted: 1,
  outOfBounds: 2,
  indirectCallToNull: 3,
  touch: 4,
  touchRead: 5,
}

const deserialization = (detail: string) => new PrepareRefusal('Deserialization', detail)

export function instrumentModule(module: ParsedModule): InstrumentedModule {
  try {
    return new ModuleInstrumenter(module).run()
  } catch (error) {
    if (error instanceof WasmDecodeError) throw deserialization(error.message)
    throw error
  }
}

class ModuleInstrumenter {
  private readonly importCount: number
  private readonly contractFunctions: number
  private readonly contractGlobals: number
  /** Type indices of the runtime's own signatures, appended after the contract's types. */
  private readonly types: { i64ToNone: number; none: number; i32i32ToNone: number; i32ToI32: number }
  /** Globals the runtime adds after the contract's. */
  readonly globals: { gas: number; stack: number; pages: number; limit: number }
  /** Index of the runtime's `memory.grow` replacement, after the contract's functions. */
  readonly growFunction: number
  private blocksLeft = limits.maxBlocksPerContract
  private paramsLeft = limits.maxParamsPerContract

  constructor(readonly module: ParsedModule) {
    this.importCount = module.imports.length
    this.contractFunctions = functionCount(module)
    this.contractGlobals = module.globals.length
    const t = module.types.length
    this.types = { i64ToNone: t, none: t + 1, i32i32ToNone: t + 2, i32ToI32: t + 3 }
    const g = module.globals.length
    this.globals = { gas: g, stack: g + 1, pages: g + 2, limit: g + 3 }
    this.growFunction = this.contractFunctions + internalFunctionImports.length
  }

  /** A contract function index in the instrumented module, where the runtime's imports follow the contract's. */
  remapFunction(index: number): number {
    if (index >= this.contractFunctions) throw deserialization(`function ${index} does not exist`)
    return index < this.importCount ? index : index + internalFunctionImports.length
  }

  checkGlobal(index: number): number {
    if (index >= this.contractGlobals) throw deserialization(`global ${index} does not exist`)
    return index
  }

  countBlock(): void {
    this.blocksLeft -= 1
    if (this.blocksLeft < 0) throw new PrepareRefusal('TooManyBlocksPerContract', 'more blocks than a contract may have')
  }

  countParams(count: number): void {
    if (count > limits.maxParamsPerFunction) throw new PrepareRefusal('TooManyParamsPerFunction', `${count} parameters`)
    this.paramsLeft -= count
    if (this.paramsLeft < 0) throw new PrepareRefusal('TooManyParamsPerContract', 'more parameters than a contract may have')
  }

  run(): InstrumentedModule {
    const { module } = this
    const out = new ByteWriter().bytes(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]))

    const types = new ByteWriter().u32(module.types.length + 4)
    for (const type of module.types) writeFuncType(types, type)
    writeFuncType(types, { params: [valType.i64], results: [] })
    writeFuncType(types, { params: [], results: [] })
    writeFuncType(types, { params: [valType.i32, valType.i32], results: [] })
    writeFuncType(types, { params: [valType.i32], results: [valType.i32] })
    out.section(1, types)

    const imports = new ByteWriter().u32(module.imports.length + internalFunctionImports.length + 1)
    for (const entry of module.imports) imports.name(entry.module).name(entry.name).u8(0).u32(entry.typeIndex)
    const internalTypes = [this.types.i64ToNone, this.types.none, this.types.none, this.types.none, this.types.i32i32ToNone, this.types.i32i32ToNone]
    internalFunctionImports.forEach((name, i) => imports.name(internal.module).name(name).u8(0).u32(internalTypes[i]!))
    imports.name(internal.module).name(internal.memory).u8(2).u8(1).u32(physicalMemoryPages).u32(physicalMemoryPages)
    out.section(2, imports)

    const functions = new ByteWriter().u32(module.functions.length + 1)
    for (const typeIndex of module.functions) functions.u32(typeIndex)
    functions.u32(this.types.i32ToI32)
    out.section(3, functions)

    if (module.tables.length) {
      const tables = new ByteWriter().u32(module.tables.length)
      for (const table of module.tables) {
        // nearcore's store limits tables to `max_elements_per_contract_table`; a declared maximum does the same here.
        const max = Math.min(table.max ?? Infinity, limits.maxElementsPerContractTable)
        tables.u8(table.refType).u8(1).u32(table.min).u32(max)
      }
      out.section(4, tables)
    }

    const globals = new ByteWriter().u32(module.globals.length + 4)
    for (const global of module.globals) {
      globals.u8(global.type).u8(global.mutable ? 1 : 0)
      this.writeConstExpr(globals, global.init)
    }
    globals.u8(valType.i64).u8(1).u8(0x42).signed(0n).u8(0x0b)
    globals.u8(valType.i64).u8(1).u8(0x42).signed(BigInt(limits.maxStackHeight)).u8(0x0b)
    globals.u8(valType.i32).u8(1).u8(0x41).signed(BigInt(limits.initialMemoryPages)).u8(0x0b)
    globals.u8(valType.i64).u8(1).u8(0x42).signed(BigInt(limits.initialMemoryPages * pageSize)).u8(0x0b)
    out.section(6, globals)

    const exportedFunctions = new Map<string, FuncType>()
    const exported = module.exports.filter((entry) => entry.kind !== exportKind.memory)
    const exports = new ByteWriter().u32(exported.length + 2 + (module.start === undefined ? 0 : 1))
    for (const entry of exported) {
      const index = entry.kind === exportKind.func ? this.remapFunction(entry.index) : entry.index
      exports.name(internal.exportPrefix + entry.name).u8(entry.kind).u32(index)
      if (entry.kind === exportKind.func) exportedFunctions.set(entry.name, functionType(module, entry.index)!)
    }
    exports.name(internal.gasGlobal).u8(exportKind.global).u32(this.globals.gas)
    exports.name(internal.pagesGlobal).u8(exportKind.global).u32(this.globals.pages)
    if (module.start !== undefined) exports.name(internal.startExport).u8(exportKind.func).u32(this.remapFunction(module.start))
    out.section(7, exports)

    if (module.elements.length) out.section(9, this.elementSection())
    if (module.dataCount !== undefined) out.section(12, new ByteWriter().u32(module.dataCount))

    const code = new ByteWriter().u32(module.functions.length + 1)
    module.bodies.forEach((body, i) => {
      const typeIndex = module.functions[i]!
      const instrumented = new FunctionInstrumenter(this, module.types[typeIndex]!, body.locals, body.code).run()
      code.u32(instrumented.length).bytes(instrumented)
    })
    const grow = this.growBody()
    code.u32(grow.length).bytes(grow)
    out.section(10, code)

    const dataExtents: InstrumentedModule['dataExtents'] = []
    if (module.data.length) {
      const data = new ByteWriter().u32(module.data.length)
      for (const segment of module.data) {
        if (segment.active) {
          data.u8(0).u8(0x41).signed(BigInt(segment.offset | 0)).u8(0x0b)
          dataExtents.push({ offset: segment.offset, length: segment.bytes.length })
        } else {
          data.u8(1)
        }
        data.u32(segment.bytes.length).bytes(segment.bytes)
      }
      out.section(11, data)
    }

    const bytes = out.finish()
    if (bytes.length > limits.maxInstrumentedCodeSize) throw new PrepareRefusal('InstrumentedCodeTooLarge', `${bytes.length} bytes`)
    return { bytes, exportedFunctions, imports: module.imports, types: module.types, dataExtents, hasStart: module.start !== undefined }
  }

  writeConstExpr(out: ByteWriter, expr: ConstExpr): void {
    out.u8(expr.opcode)
    if (expr.functionIndex !== undefined) out.u32(this.remapFunction(expr.functionIndex))
    else out.bytes(expr.immediate)
    out.u8(0x0b)
  }

  private elementSection(): ByteWriter {
    const section = new ByteWriter().u32(this.module.elements.length)
    for (const segment of this.module.elements) {
      // Re-encoded in the explicit forms (flags 2/6 active, 1/5 passive, 3/7 declarative).
      const usesExprs = segment.exprs !== undefined
      const base = segment.mode === 'active' ? 2 : segment.mode === 'passive' ? 1 : 3
      section.u32(base | (usesExprs ? 4 : 0))
      if (segment.mode === 'active') {
        section.u32(segment.table)
        this.writeConstExpr(section, segment.offset!)
      }
      if (usesExprs) {
        section.u8(segment.refType).u32(segment.exprs!.length)
        for (const expr of segment.exprs!) this.writeConstExpr(section, expr)
      } else {
        section.u8(0x00).u32(segment.functionIndices!.length)
        for (const index of segment.functionIndices!) section.u32(this.remapFunction(index))
      }
    }
    return section
  }

  /** `memory.grow` on the visible size: the new pages are already there, and zero. */
  private growBody(): Uint8Array {
    const { pages, limit } = this.globals
    const body = new ByteWriter().u32(1).u32(1).u8(valType.i32)
    // old = pages; if (old + delta > max) return -1
    body.u8(0x23).u32(pages).u8(0x21).u32(1)
    body.u8(0x20).u32(1).u8(0xad).u8(0x20).u32(0).u8(0xad).u8(0x7c)
    body.u8(0x42).signed(BigInt(limits.maxMemoryPages)).u8(0x56)
    body.u8(0x04).u8(0x40).u8(0x41).signed(-1n).u8(0x0f).u8(0x0b)
    // pages = old + delta; limit = pages * 64 KiB; return old
    body.u8(0x20).u32(1).u8(0x20).u32(0).u8(0x6a).u8(0x24).u32(pages)
    body.u8(0x23).u32(pages).u8(0xad).u8(0x42).signed(BigInt(pageSize)).u8(0x7e).u8(0x24).u32(limit)
    body.u8(0x20).u32(1).u8(0x0b)
    return body.finish()
  }

  tableRefType(index: number): number {
    const table = this.module.tables[index]
    if (!table) throw deserialization(`table ${index} does not exist`)
    return table.refType
  }
}

type Frame = {
  /** Operand count when the frame was entered, as finite-wasm records it. */
  height: number
  polymorphic: boolean
  result: ValType | undefined
}

/** Rewrites one function body, analysing its operand stack as it goes. */
class FunctionInstrumenter {
  private readonly reader: ByteReader
  private readonly localTypes: ValType[]
  private readonly scratch: { a: number; b: number; c: number; t: number; i64: number; f32: number; f64: number }
  /** The function's code as rewritten so far, and the current segment not yet charged. */
  private readonly out = new ByteWriter()
  private segment = new ByteWriter()
  private segmentCost = 0
  private segmentReachable = true
  /** finite-wasm's operand stack model: sizes of the values, and the peak of their sum. */
  private readonly operands: number[] = []
  private operandBytes = 0
  private maxOperandBytes = 0
  private readonly frames: Frame[] = []
  private current: Frame
  private blocks = 0

  constructor(
    private readonly owner: ModuleInstrumenter,
    private readonly type: FuncType,
    private readonly locals: Array<[number, ValType]>,
    code: Uint8Array,
  ) {
    owner.countParams(type.params.length)
    this.reader = new ByteReader(code)
    this.localTypes = [...type.params]
    for (const [count, localType] of locals) for (let i = 0; i < count; i++) this.localTypes.push(localType)
    const n = this.localTypes.length
    this.scratch = { a: n, b: n + 1, c: n + 2, t: n + 3, i64: n + 4, f32: n + 5, f64: n + 6 }
    this.current = { height: 0, polymorphic: false, result: type.results[0] }
  }

  run(): Uint8Array {
    const body = this.decodeBody()
    const frameBytes = 64 + this.localTypes.reduce((sum, type) => sum + stackSize(type), 0)
    if (this.maxOperandBytes > limits.maxOperandStackBytesPerFunction) throw new PrepareRefusal('OperandStackTooLarge', `${this.maxOperandBytes} bytes of operands`)
    const stackCharge = this.maxOperandBytes + frameBytes
    const frameGas = Math.ceil(frameBytes / 8) * wasmCosts.regularOp

    const fn = new ByteWriter()
    fn.u32(this.locals.length + 4)
    for (const [count, localType] of this.locals) fn.u32(count).u8(localType)
    fn.u32(3).u8(valType.i32).u32(2).u8(valType.i64).u32(1).u8(valType.f32).u32(1).u8(valType.f64)
    // Take this call's stack, or stop as nearcore does when the budget runs out.
    const { stack } = this.owner.globals
    fn.u8(0x23).u32(stack).u8(0x42).signed(BigInt(stackCharge)).u8(0x54)
    fn.u8(0x04).u8(0x40).u8(0x10).u32(this.internalIndex(F.stackExhausted)).u8(0x00).u8(0x0b)
    fn.u8(0x23).u32(stack).u8(0x42).signed(BigInt(stackCharge)).u8(0x7d).u8(0x24).u32(stack)
    this.writeCharge(fn, frameGas)
    // The body runs in a block of the function's type, so a branch to the function's label lands
    // where the stack is given back.
    fn.u8(0x02).u8(this.type.results[0] ?? 0x40)
    fn.bytes(body)
    this.writeUnstack(fn, stackCharge)
    fn.u8(0x0b)
    return fn.finish()
  }

  private internalIndex(index: number): number {
    return this.owner.module.imports.length + index
  }

  /** Decodes and rewrites the instructions; returns them with the body's final `end`. */
  private decodeBody(): Uint8Array {
    const r = this.reader
    for (;;) {
      if (r.done) throw deserialization('function body ends without `end`')
      const start = r.pos
      const opcode = r.u8()
      if (opcode === 0xfc) {
        const sub = r.u32()
        const op = prefixedOpcodes.get(sub)
        if (!op) throw deserialization(`instruction 0xfc ${sub} is not accepted`)
        this.prefixed(sub, op, start)
        continue
      }
      const op = opcodes.get(opcode)
      if (!op) throw deserialization(`instruction 0x${opcode.toString(16)} is not accepted`)
      if (opcode === 0x0b && this.frames.length === 0) {
        this.flush()
        this.out.u8(0x0b) // closes the wrapper block
        if (!r.done) throw deserialization('instructions after the end of a function body')
        return this.out.finish()
      }
      this.instruction(opcode, op, start)
    }
  }

  private instruction(opcode: number, op: OpInfo, start: number): void {
    const r = this.reader
    const { regularOp } = wasmCosts
    switch (opcode) {
      case 0x02: // block
      case 0x03: // loop
      case 0x04: {
        // if
        const result = this.blockType()
        this.countBlock()
        if (opcode === 0x04) {
          this.pop()
          this.segmentCost += regularOp
          this.segment.u8(0x04).u8(result ?? 0x40)
          this.flush()
        } else {
          this.flush()
          this.out.u8(opcode).u8(result ?? 0x40)
        }
        this.enterFrame(result)
        // A loop's own cost is paid on every iteration, at its head.
        if (opcode === 0x03) this.segmentCost += regularOp
        return
      }
      case 0x05: {
        // else
        this.flush()
        this.out.u8(0x05)
        const frame = this.leaveFrame()
        this.enterFrame(frame.result)
        this.segmentReachable = !this.current.polymorphic
        return
      }
      case 0x0b: {
        this.flush()
        this.out.u8(0x0b)
        const frame = this.leaveFrame()
        if (frame.result !== undefined) this.push(frame.result)
        this.segmentReachable = !this.current.polymorphic
        return
      }
      case 0x00: // unreachable
      case 0x0c: // br
      case 0x0f: {
        // return
        if (opcode === 0x0c) this.label()
        this.segmentCost += regularOp
        // `return` becomes a branch to the wrapper block, after which the stack is given back.
        if (opcode === 0x0f) this.segment.u8(0x0c).u32(this.frames.length)
        else this.segment.bytes(r.bytes.subarray(start, r.pos))
        this.flush()
        this.makePolymorphic()
        return
      }
      case 0x0d: {
        // br_if
        this.label()
        this.pop()
        this.segmentCost += regularOp
        this.segment.bytes(r.bytes.subarray(start, r.pos))
        this.flush()
        return
      }
      case 0x0e: {
        // br_table
        const count = r.u32()
        for (let i = 0; i <= count; i++) this.label()
        this.segmentCost += regularOp
        this.segment.bytes(r.bytes.subarray(start, r.pos))
        this.flush()
        this.makePolymorphic()
        return
      }
      case 0x10: {
        // call
        const index = r.u32()
        const type = functionType(this.owner.module, index)
        if (!type) throw deserialization(`call of missing function ${index}`)
        this.popMany(type.params.length)
        for (const result of type.results) this.push(result)
        this.segmentCost += regularOp
        this.segment.u8(0x10).u32(this.owner.remapFunction(index))
        this.flush()
        return
      }
      case 0x11: {
        // call_indirect
        const typeIndex = r.u32()
        const table = r.u32()
        const type = this.owner.module.types[typeIndex]
        if (!type) throw deserialization(`call_indirect of missing type ${typeIndex}`)
        if (this.owner.tableRefType(table) !== valType.funcref) throw deserialization('call_indirect through a table of externref')
        // finite-wasm pops the parameters but not the table index: kept, as nearcore's limits follow it.
        this.popMany(type.params.length)
        for (const result of type.results) this.push(result)
        this.segmentCost += regularOp
        const { a } = this.scratch
        const s = this.segment
        s.u8(0x22).u32(a).u8(0x25).u32(table).u8(0xd1)
        s.u8(0x04).u8(0x40).u8(0x10).u32(this.internalIndex(F.indirectCallToNull)).u8(0x00).u8(0x0b)
        s.u8(0x20).u32(a).u8(0x11).u32(typeIndex).u32(table)
        this.flush()
        return
      }
      case 0x1a: // drop
        this.pop()
        this.pure(start)
        return
      case 0x1b: // select
        this.popMany(2)
        this.pure(start)
        return
      case 0x1c: {
        // select with a type
        const count = r.u32()
        if (count !== 1) throw deserialization('typed select of more than one type')
        this.readValType()
        this.popMany(2)
        this.pure(start)
        return
      }
      case 0x20:
      case 0x21:
      case 0x22: {
        const index = r.u32()
        const type = this.localTypes[index]
        if (type === undefined) throw deserialization(`local ${index} does not exist`)
        if (opcode === 0x20) this.push(type)
        if (opcode === 0x21) this.pop()
        this.pure(start)
        return
      }
      case 0x23:
      case 0x24: {
        const index = this.owner.checkGlobal(r.u32())
        if (opcode === 0x23) this.push(this.owner.module.globals[index]!.type)
        else this.pop()
        this.pure(start)
        return
      }
      case 0x25:
      case 0x26: {
        // table.get, table.set: trap when out of bounds
        const table = r.u32()
        const refType = this.owner.tableRefType(table) as ValType
        if (opcode === 0x25) {
          this.pop()
          this.push(refType)
        } else {
          this.popMany(2)
        }
        this.segmentCost += regularOp
        this.segment.bytes(r.bytes.subarray(start, r.pos))
        this.flush()
        return
      }
      case 0x3f: {
        // memory.size: the visible size
        this.zeroByte()
        this.requireMemory()
        this.push(valType.i32)
        this.segmentCost += regularOp
        this.segment.u8(0x23).u32(this.owner.globals.pages)
        return
      }
      case 0x40: {
        // memory.grow
        this.zeroByte()
        this.requireMemory()
        this.flush()
        this.writeLinearCharge(this.out)
        this.out.u8(0x10).u32(this.owner.growFunction)
        return
      }
      case 0x41: // i32.const, i64.const, f32.const, f64.const
      case 0x42:
      case 0x43:
      case 0x44:
        if (opcode === 0x41) r.signed(32)
        else if (opcode === 0x42) r.signed(64)
        else r.skip(opcode === 0x43 ? 4 : 8)
        this.push(op.push!)
        this.pure(start)
        return
      case 0xd0: {
        const heapType = r.u8()
        if (!isRefType(heapType)) throw deserialization('ref.null of an unknown heap type')
        this.push(valType.funcref)
        this.pure(start)
        return
      }
      case 0xd2: {
        const index = r.u32()
        this.push(valType.funcref)
        this.segmentCost += regularOp
        this.segment.u8(0xd2).u32(this.owner.remapFunction(index))
        return
      }
    }
    if (op.width !== undefined) {
      this.memoryAccess(opcode, op)
      return
    }
    // Numeric instructions and `nop`.
    this.popMany(op.pops)
    if (op.push !== undefined) this.push(op.push)
    this.segmentCost += regularOp
    this.segment.bytes(r.bytes.subarray(start, r.pos))
    if (op.kind === 'trapping') this.flush()
  }

  private prefixed(sub: number, op: OpInfo, start: number): void {
    const r = this.reader
    switch (sub) {
      case 8: {
        // memory.init data 0: [dest, offset in the segment, count]
        const data = r.u32()
        this.zeroByte()
        this.requireData(data)
        this.bulkMemory(new ByteWriter().u8(0xfc).u32(8).u32(data).u8(0x00).finish(), false)
        return
      }
      case 10:
        // memory.copy: [dest, source, count]
        this.zeroByte()
        this.zeroByte()
        this.bulkMemory(new ByteWriter().u8(0xfc).u32(10).u8(0x00).u8(0x00).finish(), true)
        return
      case 11:
        // memory.fill: [dest, value, count]
        this.zeroByte()
        this.bulkMemory(new ByteWriter().u8(0xfc).u32(11).u8(0x00).finish(), false)
        return
      case 9:
        this.requireData(r.u32())
        this.pure(start)
        return
      case 13:
        this.requireElement(r.u32())
        this.pure(start)
        return
      case 12:
      case 14: {
        // table.init elem table, table.copy dest source
        const first = r.u32()
        const second = r.u32()
        if (sub === 12) {
          this.requireElement(first)
          this.owner.tableRefType(second)
        } else {
          this.owner.tableRefType(first)
          this.owner.tableRefType(second)
        }
        this.popMany(3)
        this.bulk(start)
        return
      }
      case 15:
      case 16:
      case 17: {
        // table.grow, table.size, table.fill
        this.owner.tableRefType(r.u32())
        if (sub === 16) {
          this.push(valType.i32)
          this.pure(start)
          return
        }
        this.popMany(op.pops)
        if (op.push !== undefined) this.push(op.push)
        this.bulk(start)
        return
      }
      default:
        // Saturating truncations.
        this.popMany(op.pops)
        this.push(op.push!)
        this.pure(start)
    }
  }

  /**
   * `memory.init`, `memory.copy`, `memory.fill` (operands `[dest, second, count]`): charged by the
   * count, the destination (and a copy's source) checked against the visible memory and the
   * written pages marked, then run as they are.
   */
  private bulkMemory(instruction: Uint8Array, checkSource: boolean): void {
    this.requireMemory()
    this.popMany(3)
    this.flush()
    this.writeLinearCharge(this.out)
    const { a, b, c } = this.scratch
    const o = this.out
    o.u8(0x21).u32(c).u8(0x21).u32(b).u8(0x21).u32(a)
    if (checkSource) o.u8(0x20).u32(b).u8(0x20).u32(c).u8(0x10).u32(this.internalIndex(F.touchRead))
    o.u8(0x20).u32(a).u8(0x20).u32(c).u8(0x10).u32(this.internalIndex(F.touch))
    o.u8(0x20).u32(a).u8(0x20).u32(b).u8(0x20).u32(c).bytes(instruction)
  }

  /** Loads and stores: checked against the visible memory size; stores mark the page they write. */
  private memoryAccess(opcode: number, op: OpInfo): void {
    const r = this.reader
    const align = r.u32()
    const offset = r.u32()
    if (align >= 0x40) throw deserialization('memory access to a second memory')
    this.requireMemory()
    const width = op.width!
    const { a } = this.scratch
    const { limit } = this.owner.globals
    const s = this.segment
    const store = op.storeType !== undefined
    let value = 0
    if (store) {
      this.popMany(2)
      value = this.valueScratch(op.storeType!)
      s.u8(0x21).u32(value)
    } else {
      this.popMany(1)
      this.push(op.push!)
    }
    this.segmentCost += wasmCosts.regularOp
    // if (addr + offset + width > limit) trap
    s.u8(0x22).u32(a).u8(0xad).u8(0x42).signed(BigInt(offset + width)).u8(0x7c).u8(0x23).u32(limit).u8(0x56)
    s.u8(0x04).u8(0x40).u8(0x10).u32(this.internalIndex(F.outOfBounds)).u8(0x00).u8(0x0b)
    if (store) {
      // dirty[(addr + offset) >> 16] = 1
      s.u8(0x20).u32(a)
      if (offset) s.u8(0x41).signed(BigInt(offset | 0)).u8(0x6a)
      s.u8(0x41).signed(16n).u8(0x76).u8(0x41).signed(1n).u8(0x3a).u32(0).u32(dirtyMapOffset)
      s.u8(0x20).u32(a).u8(0x20).u32(value)
    } else {
      s.u8(0x20).u32(a)
    }
    s.u8(opcode).u32(align).u32(offset)
    this.flush()
  }

  private valueScratch(type: ValType): number {
    const { b, i64, f32, f64 } = this.scratch
    return type === valType.i32 ? b : type === valType.i64 ? i64 : type === valType.f32 ? f32 : f64
  }

  /** A table bulk instruction: charged by its count (the operand on top), then run as it is. */
  private bulk(start: number): void {
    this.flush()
    this.writeLinearCharge(this.out)
    this.out.bytes(this.reader.bytes.subarray(start, this.reader.pos))
  }

  private pure(start: number): void {
    this.segmentCost += wasmCosts.regularOp
    this.segment.bytes(this.reader.bytes.subarray(start, this.reader.pos))
  }

  /** Charges the current segment's gas before its instructions (nothing for unreachable code). */
  private flush(): void {
    if (this.segmentReachable) this.writeCharge(this.out, this.segmentCost)
    this.out.bytes(this.segment.finish())
    this.segment = new ByteWriter()
    this.segmentCost = 0
    this.segmentReachable = !this.current.polymorphic
  }

  private writeCharge(out: ByteWriter, gas: number): void {
    if (gas === 0) return
    const { gas: global } = this.owner.globals
    const cost = BigInt(gas)
    // if (remaining < cost) charge_gas(cost) (which stops the call); remaining -= cost
    out.u8(0x23).u32(global).u8(0x42).signed(cost).u8(0x54)
    out.u8(0x04).u8(0x40).u8(0x42).signed(cost).u8(0x10).u32(this.internalIndex(F.chargeGas)).u8(0x00).u8(0x0b)
    out.u8(0x23).u32(global).u8(0x42).signed(cost).u8(0x7d).u8(0x24).u32(global)
  }

  /** Charges `base + unit * count` where count is the i32 on top of the stack, leaving it there. */
  private writeLinearCharge(out: ByteWriter): void {
    if (!this.segmentReachable) return
    const { a, t } = this.scratch
    const { gas } = this.owner.globals
    out.u8(0x22).u32(a).u8(0xad).u8(0x42).signed(BigInt(wasmCosts.linearOpUnit)).u8(0x7e)
    out.u8(0x42).signed(BigInt(wasmCosts.linearOpBase)).u8(0x7c).u8(0x22).u32(t)
    out.u8(0x23).u32(gas).u8(0x56)
    out.u8(0x04).u8(0x40).u8(0x20).u32(t).u8(0x10).u32(this.internalIndex(F.chargeGas)).u8(0x00).u8(0x0b)
    out.u8(0x23).u32(gas).u8(0x20).u32(t).u8(0x7d).u8(0x24).u32(gas)
    out.u8(0x20).u32(a)
  }

  private writeUnstack(out: ByteWriter, amount: number): void {
    const { stack } = this.owner.globals
    out.u8(0x23).u32(stack).u8(0x42).signed(BigInt(amount)).u8(0x7c).u8(0x24).u32(stack)
  }

  private blockType(): ValType | undefined {
    const byte = this.reader.bytes[this.reader.pos]
    if (byte === 0x40) {
      this.reader.pos++
      return undefined
    }
    if (byte !== undefined && (byte & 0x40) === 0x40 && byte !== 0x40) return this.readValType()
    // A type index: a block with parameters or several results, which needs multi-value.
    throw deserialization('block types other than a single result need multi-value')
  }

  private readValType(): ValType {
    const byte = this.reader.u8()
    if (byte !== valType.i32 && byte !== valType.i64 && byte !== valType.f32 && byte !== valType.f64 && !isRefType(byte)) {
      throw deserialization(`value type 0x${byte.toString(16)} is not accepted`)
    }
    return byte as ValType
  }

  private zeroByte(): void {
    if (this.reader.u8() !== 0) throw deserialization('memory index must be 0')
  }

  private requireMemory(): void {
    if (!this.owner.module.hasMemory) throw deserialization('memory instruction without a memory')
  }

  private requireData(index: number): void {
    if (this.owner.module.dataCount === undefined || index >= this.owner.module.dataCount) throw deserialization(`data segment ${index} does not exist`)
  }

  private requireElement(index: number): void {
    if (index >= this.owner.module.elements.length) throw deserialization(`element segment ${index} does not exist`)
  }

  private label(): void {
    const depth = this.reader.u32()
    if (depth > this.frames.length) throw deserialization(`branch to missing label ${depth}`)
  }

  private countBlock(): void {
    this.blocks += 1
    if (this.blocks > limits.maxBlocksPerFunction) throw new PrepareRefusal('TooManyBlocksPerFunction', 'too many blocks in a function')
    this.owner.countBlock()
  }

  private enterFrame(result: ValType | undefined): void {
    this.frames.push(this.current)
    this.current = { height: this.operands.length, polymorphic: this.current.polymorphic, result }
  }

  private leaveFrame(): Frame {
    const frame = this.current
    const outer = this.frames.pop()
    if (!outer) throw deserialization('`end` or `else` without a block')
    this.current = outer
    // finite-wasm pops what the frame left, judged by the outer frame's polymorphism.
    const extra = this.operands.length - frame.height
    if (extra < 0) throw deserialization('operand stack shorter than at the start of a block')
    this.popMany(extra)
    return frame
  }

  private makePolymorphic(): void {
    this.current.polymorphic = true
    this.segmentReachable = false
  }

  private push(type: ValType): void {
    if (this.current.polymorphic) return
    const size = stackSize(type)
    this.operands.push(size)
    this.operandBytes += size
    if (this.operandBytes > this.maxOperandBytes) this.maxOperandBytes = this.operandBytes
  }

  private pop(): void {
    this.popMany(1)
  }

  private popMany(count: number): void {
    if (count === 0 || this.current.polymorphic) return
    if (count > this.operands.length) throw deserialization('operand stack underflow')
    for (let i = 0; i < count; i++) this.operandBytes -= this.operands.pop()!
  }
}

function writeFuncType(out: ByteWriter, type: FuncType): void {
  out.u8(0x60).u32(type.params.length)
  for (const param of type.params) out.u8(param)
  out.u32(type.results.length)
  for (const result of type.results) out.u8(result)
}
