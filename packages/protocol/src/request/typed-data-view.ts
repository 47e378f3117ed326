import { invalidRequest } from './fields'
import type { TypedDataField, WalletTypedData } from './typed-data'

/**
 * EIP-712 typed data as a person reads it, walked from its own `types`: every field of the
 * primary type that holds something, in order, structs and arrays of structs as nested lists.
 * Nothing is taken from anywhere else, so what is shown is what the wallet signs: the wallet
 * window shows this before it asks the wallet, and the development EVM wallet shows it in its
 * approval card. A field at its type's zero value (an empty string, the integer 0) is left out:
 * the action struct is one shape for every action, so a removal carries an empty amount and
 * recipient that would read as blanks to fill in. They are still signed, and still in the digest.
 */
export type TypedDataEntry = { label: string; value: string } | { label: string; items: TypedDataEntry[][] }

export type TypedDataView = {
  /** The primary type and the domain, e.g. "CoSignBorrow · CrossChain Lending (version 1)". */
  heading: string
  entries: TypedDataEntry[]
}

/** "smallestUnits" → "Smallest units". */
function label(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()
  return `${words[0]?.toUpperCase() ?? ''}${words.slice(1)}`
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** A type's fields, only when the types name it themselves (never `__proto__` or `constructor`). */
const typeNamed = (types: WalletTypedData['types'], name: string | undefined) => (name !== undefined && Object.hasOwn(types, name) ? types[name] : undefined)

/** Whether a field holds its type's zero value, which a person has nothing to read in. */
function holdsNothing(type: string, value: string | number | bigint | boolean): boolean {
  if (type === 'string') return value === ''
  return /^u?int\d*$/.test(type) && String(value) === '0'
}

function entriesOf(types: WalletTypedData['types'], typeName: string, data: unknown, depth: number): TypedDataEntry[] {
  const fields = typeNamed(types, typeName)
  if (!fields || !isRecord(data) || depth > 4) throw invalidRequest('typed data', `has a value that is not a ${typeName}`)
  return fields.flatMap((field): TypedDataEntry[] => {
    const value = Object.hasOwn(data, field.name) ? data[field.name] : undefined
    const arrayOf = /^(\w+)\[\]$/.exec(field.type)?.[1]
    if (arrayOf && typeNamed(types, arrayOf)) {
      if (!Array.isArray(value)) throw invalidRequest(`typed data ${field.name}`, 'must be an array')
      return [{ label: label(field.name), items: value.map((item) => entriesOf(types, arrayOf, item, depth + 1)) }]
    }
    if (typeNamed(types, field.type)) return [{ label: label(field.name), items: [entriesOf(types, field.type, value, depth + 1)] }]
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint' && typeof value !== 'boolean') {
      throw invalidRequest(`typed data ${field.name}`, `has no ${field.type} value`)
    }
    return holdsNothing(field.type, value) ? [] : [{ label: label(field.name), value: String(value) }]
  })
}

/** Reads `typed` for display. Throws INVALID_REQUEST when its message does not follow its own types. */
export function viewTypedData(typed: WalletTypedData): TypedDataView {
  const domain = typed.domain as Record<string, unknown>
  const version = typeof domain.version === 'string' ? ` (version ${domain.version})` : ''
  return { heading: `${typed.primaryType} · ${String(domain.name ?? 'unnamed domain')}${version}`, entries: entriesOf(typed.types, typed.primaryType, typed.message, 0) }
}

/** The same view as indented text, one field a line (the development wallet's card). */
export function typedDataText(typed: WalletTypedData): string {
  const lines = (entries: TypedDataEntry[], indent: string): string[] =>
    entries.flatMap((entry) =>
      'value' in entry
        ? [`${indent}${entry.label}: ${entry.value}`]
        : [`${indent}${entry.label}:`, ...entry.items.flatMap((item, index) => [`${indent}  ${index + 1}.`, ...lines(item, `${indent}    `)])],
    )
  const view = viewTypedData(typed)
  return [view.heading, ...lines(view.entries, '')].join('\n')
}

const isField = (value: unknown): value is TypedDataField => isRecord(value) && typeof value.name === 'string' && typeof value.type === 'string'

/**
 * Checks that `value` has typed data's shape (types, primaryType, domain, message), as received
 * from another document or a page's `eth_signTypedData_v4` call. Throws INVALID_REQUEST otherwise.
 */
export function parseWalletTypedData(value: unknown): WalletTypedData {
  const typed = typeof value === 'string' ? parseJson(value) : value
  if (!isRecord(typed) || !isRecord(typed.types) || typeof typed.primaryType !== 'string' || !isRecord(typed.domain) || !isRecord(typed.message)) {
    throw invalidRequest('typed data', 'must have types, primaryType, domain and message')
  }
  for (const fields of Object.values(typed.types)) {
    if (!Array.isArray(fields) || !fields.every(isField)) throw invalidRequest('typed data types', 'must list { name, type } fields')
  }
  if (!Object.hasOwn(typed.types, typed.primaryType)) throw invalidRequest('typed data primaryType', 'is not one of its types')
  return typed as WalletTypedData
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw invalidRequest('typed data', 'is not JSON')
  }
}
