/**
 * Reads a contract's module section by section, as nearcore's preparation (`prepare_v3.rs`) does,
 * and refuses what NEAR refuses with NEAR's `PrepareError`: imports from any module but `env`,
 * imported memories, tables and globals, post-MVP features other than reference types and bulk
 * memory, and the per-contract limits (types, functions, locals, tables, function body size).
 * Function bodies are decoded later by the instrumentation, which checks their instructions.
 */
import type { PrepareErrorName } from './errors'
import { isRefType, isValType, type ValType } from './opcodes'
import { limits } from './protocol-parameters'
import { ByteReader, WasmDecodeError } from './wasm-binary'

/** Refusal of a module, with NEAR's name for the reason. */
export class PrepareRefusal extends Error {
  constructor(
    readonly reason: PrepareErrorName,
    detail: string,
  ) {
    super(`${reason}: ${detail}`)
  }
}

export type FuncType = { params: ValType[]; results: ValType[] }
export type FunctionImport = { module: string; name: string; typeIndex: number }
export type TableType = { refType: number; min: number; max: number | undefined }
/**
 * A constant expression: one instruction (nearcore has no extended-const) with its immediate as
 * written; the value of an integer constant, and the function `ref.func` names (to renumber).
 */
export type ConstExpr = { opcode: number; immediate: Uint8Array; value: bigint | undefined; functionIndex: number | undefined }
export type Global = { type: ValType; mutable: boolean; init: ConstExpr }
export type Export = { name: string; kind: number; index: number }
export type ElementSegment = {
  mode: 'active' | 'passive' | 'declarative'
  table: number
  offset: ConstExpr | undefined
  /** `funcref` or `externref`. */
  refType: number
  /** Either function indices (the compact encodings) or expressions. */
  functionIndices: number[] | undefined
  exprs: ConstExpr[] | undefined
}
export type DataSegment = { active: boolean; offset: number; bytes: Uint8Array }
export type FunctionBody = { locals: Array<[count: number, type: ValType]>; code: Uint8Array }

export type ParsedModule = {
  types: FuncType[]
  imports: FunctionImport[]
  /** Type index of each function the module defines. */
  functions: number[]
  tables: TableType[]
  hasMemory: boolean
  globals: Global[]
  exports: Export[]
  start: number | undefined
  elements: ElementSegment[]
  dataCount: number | undefined
  bodies: FunctionBody[]
  data: DataSegment[]
}

export const exportKind = { func: 0, table: 1, memory: 2, global: 3 } as const

/** The order sections must come in (the tag section, 13, is refused). */
const sectionOrder = new Map<number, number>([
  [1, 1],
  [2, 2],
  [3, 3],
  [4, 4],
  [5, 5],
  [6, 6],
  [7, 7],
  [8, 8],
  [9, 9],
  [12, 10],
  [10, 11],
  [11, 12],
])

const deserialization = (detail: string) => new PrepareRefusal('Deserialization', detail)

export function parseModule(code: Uint8Array): ParsedModule {
  try {
    return parse(code)
  } catch (error) {
    if (error instanceof WasmDecodeError) throw deserialization(error.message)
    throw error
  }
}

function parse(code: Uint8Array): ParsedModule {
  const reader = new ByteReader(code)
  const header = reader.take(8)
  const expected = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]
  if (!expected.every((byte, index) => header[index] === byte)) throw deserialization('not a WebAssembly 1.0 module')

  const module: ParsedModule = {
    types: [],
    imports: [],
    functions: [],
    tables: [],
    hasMemory: false,
    globals: [],
    exports: [],
    start: undefined,
    elements: [],
    dataCount: undefined,
    bodies: [],
    data: [],
  }
  let functionBudget = limits.maxFunctionsNumberPerContract
  let localBudget = Math.min(limits.maxLocalsPerContract, Math.floor(code.length / limits.minContractSizePerLocal))
  let lastOrder = 0
  let codeSeen = false

  while (!reader.done) {
    const id = reader.u8()
    const section = reader.sub(reader.u32())
    if (id === 0) {
      section.name() // a custom section's name must be valid; the section itself is discarded
      continue
    }
    const order = sectionOrder.get(id)
    if (order === undefined) throw deserialization(`section ${id} is not accepted`)
    if (order <= lastOrder) throw deserialization(`section ${id} is out of order or repeated`)
    lastOrder = order
    switch (id) {
      case 1: {
        const count = section.u32()
        if (count > limits.maxTypesPerContract) throw new PrepareRefusal('TooManyTypes', `${count} types`)
        for (let i = 0; i < count; i++) module.types.push(readFuncType(section))
        break
      }
      case 2: {
        const imports = readImports(section, module)
        for (const entry of imports) {
          if (entry.module !== 'env') throw new PrepareRefusal('Instantiate', `import from module ${JSON.stringify(entry.module)}`)
          if (entry.kind === 'table' || entry.kind === 'global') throw new PrepareRefusal('Instantiate', `imported ${entry.kind}`)
          if (entry.kind === 'memory') throw new PrepareRefusal('Memory', 'imported memory')
          functionBudget -= 1
          if (functionBudget < 0) throw new PrepareRefusal('TooManyFunctions', 'too many imported functions')
          module.imports.push({ module: entry.module, name: entry.name, typeIndex: entry.typeIndex })
        }
        break
      }
      case 3: {
        const count = section.u32()
        for (let i = 0; i < count; i++) {
          const typeIndex = section.u32()
          if (typeIndex >= module.types.length) throw deserialization(`function ${i} has unknown type ${typeIndex}`)
          module.functions.push(typeIndex)
        }
        break
      }
      case 4: {
        const count = section.u32()
        if (count > limits.maxTablesPerContract) throw new PrepareRefusal('TooManyTables', `${count} tables`)
        for (let i = 0; i < count; i++) {
          const table = readTableType(section)
          if (table.min > limits.maxElementsPerContractTable) throw new PrepareRefusal('TooManyTableElements', `table of ${table.min} elements`)
          module.tables.push(table)
        }
        break
      }
      case 5: {
        const count = section.u32()
        if (count > 1) throw deserialization('more than one memory')
        if (count === 1) {
          readLimits(section, 65_536, true)
          module.hasMemory = true
        }
        break
      }
      case 6: {
        const count = section.u32()
        for (let i = 0; i < count; i++) {
          const type = readValType(section)
          const mutable = readMutability(section)
          const init = readConstExpr(section, module)
          module.globals.push({ type, mutable, init })
        }
        break
      }
      case 7:
        readExports(section, module)
        break
      case 8: {
        const index = section.u32()
        const type = functionType(module, index)
        if (!type || type.params.length || type.results.length) throw deserialization('the start function must exist and take and return nothing')
        module.start = index
        break
      }
      case 9: {
        const count = section.u32()
        for (let i = 0; i < count; i++) module.elements.push(readElementSegment(section, module))
        break
      }
      case 12:
        module.dataCount = section.u32()
        break
      case 10: {
        codeSeen = true
        const count = section.u32()
        functionBudget -= count
        if (functionBudget < 0) throw new PrepareRefusal('TooManyFunctions', `${count} functions`)
        if (count !== module.functions.length) throw deserialization('function and code sections disagree')
        for (let i = 0; i < count; i++) {
          const size = section.u32()
          if (size > limits.maxFunctionBodySize) throw new PrepareRefusal('FunctionBodyTooLarge', `function ${i} is ${size} bytes`)
          const body = section.sub(size)
          const locals: Array<[number, ValType]> = []
          const groups = body.u32()
          for (let g = 0; g < groups; g++) {
            const localCount = body.u32()
            localBudget -= localCount
            if (localBudget < 0) throw new PrepareRefusal('TooManyLocals', `function ${i} declares ${localCount} locals`)
            locals.push([localCount, readValType(body)])
          }
          module.bodies.push({ locals, code: body.take(body.end - body.pos) })
        }
        break
      }
      case 11: {
        const count = section.u32()
        if (module.dataCount !== undefined && count !== module.dataCount) throw deserialization('data count and data section disagree')
        for (let i = 0; i < count; i++) module.data.push(readDataSegment(section, module))
        break
      }
    }
    if (!section.done) throw deserialization(`section ${id} has trailing bytes`)
  }
  if (!codeSeen && module.functions.length > 0) throw deserialization('functions declared without code')
  for (const segment of module.elements) {
    if (segment.mode === 'active' && segment.table >= module.tables.length) throw deserialization('element segment for a missing table')
  }
  return module
}

function readValType(reader: ByteReader): ValType {
  const byte = reader.u8()
  if (!isValType(byte)) throw deserialization(`value type 0x${byte.toString(16)} is not accepted`)
  return byte
}

function readFuncType(reader: ByteReader): FuncType {
  if (reader.u8() !== 0x60) throw deserialization('type is not a function type')
  const params = Array.from({ length: reader.u32() }, () => readValType(reader))
  const results = Array.from({ length: reader.u32() }, () => readValType(reader))
  // NEAR does not enable multi-value.
  if (results.length > 1) throw deserialization('a function returns more than one value')
  return { params, results }
}

function readLimits(reader: ByteReader, maximum: number, isMemory: boolean): { min: number; max: number | undefined } {
  const flags = reader.u8()
  // 0: minimum only, 1: minimum and maximum. Shared (threads) and 64-bit memories are refused.
  if (flags > 1) throw deserialization(`limits flags ${flags} are not accepted`)
  const min = reader.u32()
  const max = flags === 1 ? reader.u32() : undefined
  if (max !== undefined && max < min) throw deserialization('limits minimum exceeds maximum')
  if (isMemory && (min > maximum || (max !== undefined && max > maximum))) throw deserialization('memory larger than 4 GiB')
  return { min, max }
}

function readTableType(reader: ByteReader): TableType {
  const refType = reader.u8()
  if (!isRefType(refType)) throw deserialization('table of a non-reference type')
  const { min, max } = readLimits(reader, 0xffff_ffff, false)
  return { refType, min, max }
}

function readMutability(reader: ByteReader): boolean {
  const flag = reader.u8()
  if (flag > 1) throw deserialization('bad global mutability')
  return flag === 1
}

type RawImport = { module: string; name: string; kind: 'function' | 'table' | 'memory' | 'global'; typeIndex: number }

/** All imports are read (and so validated) before any is judged, as wasmparser validates a section first. */
function readImports(reader: ByteReader, module: ParsedModule): RawImport[] {
  const count = reader.u32()
  const imports: RawImport[] = []
  for (let i = 0; i < count; i++) {
    const moduleName = reader.name()
    const name = reader.name()
    const kind = reader.u8()
    if (kind === 0) {
      const typeIndex = reader.u32()
      if (typeIndex >= module.types.length) throw deserialization(`import of unknown type ${typeIndex}`)
      imports.push({ module: moduleName, name, kind: 'function', typeIndex })
    } else if (kind === 1) {
      readTableType(reader)
      imports.push({ module: moduleName, name, kind: 'table', typeIndex: -1 })
    } else if (kind === 2) {
      readLimits(reader, 65_536, true)
      imports.push({ module: moduleName, name, kind: 'memory', typeIndex: -1 })
    } else if (kind === 3) {
      readValType(reader)
      readMutability(reader)
      imports.push({ module: moduleName, name, kind: 'global', typeIndex: -1 })
    } else {
      throw deserialization(`import kind ${kind} is not accepted`)
    }
  }
  return imports
}

export function functionCount(module: ParsedModule): number {
  return module.imports.length + module.functions.length
}

export function functionType(module: ParsedModule, index: number): FuncType | undefined {
  const typeIndex = index < module.imports.length ? module.imports[index]?.typeIndex : module.functions[index - module.imports.length]
  return typeIndex === undefined ? undefined : module.types[typeIndex]
}

function readExports(reader: ByteReader, module: ParsedModule): void {
  const count = reader.u32()
  const names = new Set<string>()
  for (let i = 0; i < count; i++) {
    const name = reader.name()
    const kind = reader.u8()
    const index = reader.u32()
    if (names.has(name)) throw deserialization(`export ${JSON.stringify(name)} is repeated`)
    names.add(name)
    const bound =
      kind === 0 ? functionCount(module) : kind === 1 ? module.tables.length : kind === 2 ? (module.hasMemory ? 1 : 0) : kind === 3 ? module.globals.length : -1
    if (bound < 0) throw deserialization(`export kind ${kind} is not accepted`)
    if (index >= bound) throw deserialization(`export ${JSON.stringify(name)} refers to a missing item`)
    module.exports.push({ name, kind, index })
  }
}

/**
 * One constant instruction and `end`. `global.get` is refused: it may only read an imported
 * global, and a contract has none.
 */
function readConstExpr(reader: ByteReader, module: ParsedModule): ConstExpr {
  const opcode = reader.u8()
  const start = reader.pos
  let value: bigint | undefined
  let functionIndex: number | undefined
  if (opcode === 0x41 || opcode === 0x42) value = reader.signed(opcode === 0x41 ? 32 : 64)
  else if (opcode === 0x43 || opcode === 0x44) reader.skip(opcode === 0x43 ? 4 : 8)
  else if (opcode === 0xd0) {
    if (!isRefType(reader.u8())) throw deserialization('ref.null of an unknown heap type')
  } else if (opcode === 0xd2) {
    functionIndex = reader.u32()
    if (functionIndex >= functionCount(module)) throw deserialization('ref.func of a missing function')
  } else {
    throw deserialization(`instruction 0x${opcode.toString(16)} is not accepted in a constant expression`)
  }
  const immediate = reader.bytes.subarray(start, reader.pos)
  if (reader.u8() !== 0x0b) throw deserialization('a constant expression holds more than one instruction')
  return { opcode, immediate, value, functionIndex }
}

function readFunctionIndices(reader: ByteReader, module: ParsedModule): number[] {
  return Array.from({ length: reader.u32() }, () => {
    const index = reader.u32()
    if (index >= functionCount(module)) throw deserialization('element of a missing function')
    return index
  })
}

function readElementSegment(reader: ByteReader, module: ParsedModule): ElementSegment {
  const flags = reader.u32()
  if (flags > 7) throw deserialization(`element segment flags ${flags}`)
  const mode = flags & 1 ? (flags & 2 ? 'declarative' : 'passive') : 'active'
  const explicitTable = (flags & 3) === 2
  const usesExprs = (flags & 4) !== 0
  const table = explicitTable ? reader.u32() : 0
  const offset = mode === 'active' ? readConstExpr(reader, module) : undefined
  let refType = 0x70
  if (mode !== 'active' || explicitTable) {
    const byte = reader.u8()
    if (usesExprs) {
      if (!isRefType(byte)) throw deserialization('element segment of a non-reference type')
      refType = byte
    } else if (byte !== 0x00) {
      throw deserialization('element kind must be funcref')
    }
  }
  if (usesExprs) {
    const exprs = Array.from({ length: reader.u32() }, () => readConstExpr(reader, module))
    return { mode, table, offset, refType, functionIndices: undefined, exprs }
  }
  return { mode, table, offset, refType, functionIndices: readFunctionIndices(reader, module), exprs: undefined }
}

function readDataSegment(reader: ByteReader, module: ParsedModule): DataSegment {
  const flags = reader.u32()
  if (flags > 2) throw deserialization(`data segment flags ${flags}`)
  if (flags === 1) return { active: false, offset: 0, bytes: reader.take(reader.u32()) }
  if (flags === 2 && reader.u32() !== 0) throw deserialization('data segment for a second memory')
  if (!module.hasMemory) throw deserialization('data segment without a memory')
  const offset = readConstExpr(reader, module)
  if (offset.opcode !== 0x41) throw deserialization('data segment offset must be an i32 constant')
  return { active: true, offset: Number(BigInt.asUintN(32, offset.value!)), bytes: reader.take(reader.u32()) }
}
