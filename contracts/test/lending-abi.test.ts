import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { beforeAll, describe, expect, it } from 'vitest'
import { abiPath } from '../abi'

/**
 * The lending contract's NEAR ABI (near-sdk's, written by `pnpm build`) is the one description
 * of its methods. This reads the wallet's, the relayer's and the local chain's calls to the
 * contract with the TypeScript compiler, and holds each to it: the method exists with that kind
 * (view or call), every argument the caller passes is one the method takes (by the type of what
 * it passes, literal or not), and the type the caller reads a view's result as names only fields
 * the ABI's result schema has, at every depth, with the same kind of leaf (string, number,
 * boolean, the same string literals). Fields the contract returns and no caller reads are fine.
 */
const repository = fileURLToPath(new URL('../../', import.meta.url))
const callerFiles = [
  'packages/wallet/src/chain/lending-reads.ts',
  'packages/relayer/src/chain/contract-views.ts',
  'packages/relayer/src/accounts.ts',
  'packages/relayer/src/submitter.ts',
  'packages/devnet/src/explorer.ts',
  'packages/devnet/src/dev-calls.ts',
  'packages/devnet/src/rpc-server.ts',
].map((file) => repository + file)

/** The functions through which callers reach the contract: the method name's argument, and whether it is a view. */
const callees: Record<string, { methodArgument: number; kind: 'view' | 'call' }> = {
  viewContract: { methodArgument: 1, kind: 'view' },
  '#view': { methodArgument: 0, kind: 'view' },
  view: { methodArgument: 0, kind: 'view' },
  call: { methodArgument: 1, kind: 'call' },
}

/**
 * Optional fields callers read that the Rust contract does not return, by decision. An optional
 * field is checked like any other (a renamed `maturesAtMs` would read as "no security period").
 * `docsPath` links the TypeScript's docs; `details` (the health refusal's figures) is the Rust
 * contract's gap today: its refusals carry a code and a message only.
 */
const absentByDesign = new Set(['preview.error.docsPath', 'preview.error.details'])

type Schema = { $ref?: string; type?: string | string[]; properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[]; enum?: unknown[]; required?: string[] }
type AbiFunction = { name: string; kind: 'view' | 'call'; params?: { args: { name: string }[] }; result?: { type_schema: Schema } }
type CallSite = { where: string; method: string; kind: 'view' | 'call'; args: ts.Type | undefined; result: ts.Type | undefined }

let functions: Map<string, AbiFunction>
let definitions: Record<string, Schema>
let checker: ts.TypeChecker
let sites: CallSite[]

/** A schema's alternatives with references resolved and `null` dropped (an Option's). */
function alternatives(schema: Schema): Schema[] {
  if (schema.$ref) return alternatives(definitions[schema.$ref.replace('#/definitions/', '')]!)
  const options = schema.anyOf ?? schema.oneOf ?? schema.allOf
  if (options) return options.flatMap(alternatives)
  if (Array.isArray(schema.type)) return schema.type.filter((type) => type !== 'null').map((type) => ({ ...schema, type }))
  return schema.type === 'null' ? [] : [schema]
}

/** A TypeScript type's alternatives, without null and undefined. */
const variants = (type: ts.Type): ts.Type[] => (type.isUnion() ? type.types : [type]).filter((each) => !(each.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)))

function leafKind(type: ts.Type): string | undefined {
  if (type.flags & ts.TypeFlags.StringLike) return 'string'
  if (type.flags & ts.TypeFlags.NumberLike) return 'number'
  if (type.flags & ts.TypeFlags.BooleanLike) return 'boolean'
  return undefined
}

const schemaKind = (schema: Schema) => (schema.type === 'integer' ? 'number' : schema.enum ? 'string' : (schema.type as string | undefined))

/** Where `type` (what a caller reads) asks for something `schema` (what the contract returns) lacks. */
function mismatches(type: ts.Type, schema: Schema, path: string, depth = 0): string[] {
  if (depth > 8) return []
  const options = alternatives(schema)
  const problems: string[] = []
  for (const variant of variants(type)) {
    if (checker.isArrayType(variant)) {
      const arrays = options.filter((option) => option.type === 'array' && option.items)
      if (arrays.length === 0) problems.push(`${path}: the caller reads a list, the ABI has ${JSON.stringify(options.map(schemaKind))}`)
      else problems.push(...mismatches(checker.getTypeArguments(variant as ts.TypeReference)[0]!, arrays[0]!.items!, `${path}[]`, depth + 1))
      continue
    }
    const leaf = leafKind(variant)
    if (leaf) {
      if (!options.some((option) => schemaKind(option) === leaf)) problems.push(`${path}: the caller reads a ${leaf}, the ABI has ${JSON.stringify(options.map(schemaKind))}`)
      if (variant.isStringLiteral()) {
        const literals = options.flatMap((option) => option.enum ?? (option.type === 'string' ? [variant.value] : []))
        if (!literals.includes(variant.value)) problems.push(`${path}: the caller expects "${variant.value}", which the ABI's ${JSON.stringify(literals)} lacks`)
      }
      continue
    }
    const objects = options.filter((option) => option.properties)
    for (const property of checker.getPropertiesOfType(variant)) {
      // An enum's variants each carry the field: what the caller reads may be any of theirs.
      const held = objects.flatMap((option) => option.properties![property.name] ?? [])
      if (held.length === 0) {
        if (!absentByDesign.has(`${path}.${property.name}`)) problems.push(`${path}.${property.name}: the caller reads it, the ABI's result has no such field`)
        continue
      }
      problems.push(...mismatches(checker.getTypeOfSymbol(property), { anyOf: held }, `${path}.${property.name}`, depth + 1))
    }
  }
  return problems
}

/** Every call of a callee in the caller files, with the method name as a string literal. */
function findCallSites(program: ts.Program): CallSite[] {
  const found: CallSite[] = []
  for (const file of callerFiles) {
    const source = program.getSourceFile(file)!
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node)) {
        const callee = ts.isPropertyAccessExpression(node.expression) ? node.expression.name.getText() : node.expression.getText()
        const known = callees[callee]
        const method = known && node.arguments[known.methodArgument]
        if (known && method && ts.isStringLiteral(method)) {
          const args = node.arguments[known.methodArgument + 1]
          const returned = checker.getResolvedSignature(node)?.getReturnType()
          // A view's caller reads Promise<T> or T; a call's outcome is the sender's, not the method's.
          const result = known.kind === 'view' && returned ? (checker.getAwaitedType(returned) ?? returned) : undefined
          const { line } = source.getLineAndCharacterOfPosition(node.getStart())
          found.push({ where: `${file.replace(repository, '')}:${line + 1}`, method: method.text, kind: known.kind, args: args && checker.getTypeAtLocation(args), result })
        }
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return found
}

beforeAll(() => {
  const path = abiPath('lending')
  if (!existsSync(path)) throw new Error(`${path} is missing: run pnpm build (it writes the lending contract's ABI) first.`)
  const abi = JSON.parse(readFileSync(path, 'utf8')) as { body: { functions: AbiFunction[]; root_schema: { definitions: Record<string, Schema> } } }
  functions = new Map(abi.body.functions.map((fn) => [fn.name, fn]))
  definitions = abi.body.root_schema.definitions
  const config = ts.getParsedCommandLineOfConfigFile(repository + 'tsconfig.json', {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!
  const program = ts.createProgram(callerFiles, { ...config.options, noEmit: true })
  checker = program.getTypeChecker()
  sites = findCallSites(program)
}, 120_000)

describe("the lending contract's ABI against its TypeScript callers", () => {
  it('behavior: the wallet, the relayer and the local chain call methods of the ABI, each with its kind', () => {
    expect(sites.length).toBeGreaterThan(15)
    const wrong = sites.filter((site) => functions.get(site.method)?.kind !== site.kind).map((site) => `${site.where}: ${site.kind} ${site.method}, the ABI has ${functions.get(site.method)?.kind ?? 'no such method'}`)
    expect(wrong).toEqual([])
  })

  it('behavior: every argument a caller passes is one the method takes', () => {
    const wrong = sites.flatMap((site) => {
      // near-sdk spells a Rust raw identifier's argument as it is written (`r#ref`); its JSON key is `ref`.
      const takes = new Set((functions.get(site.method)?.params?.args ?? []).map((arg) => arg.name.replace(/^r#/, '')))
      return site.args ? checker.getPropertiesOfType(site.args).filter((property) => !takes.has(property.name)).map((property) => `${site.where}: ${site.method} takes no ${property.name}`) : []
    })
    expect(wrong).toEqual([])
  })

  it('behavior: the types callers read view results as name only fields the ABI returns', () => {
    const wrong = sites.flatMap((site) => {
      const schema = functions.get(site.method)?.result?.type_schema
      if (!site.result || !schema || site.result.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return []
      return mismatches(site.result, schema, site.method).map((problem) => `${site.where}: ${problem}`)
    })
    expect(wrong).toEqual([])
  })
})
