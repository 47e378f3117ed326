import { BaseError, ErrorCode } from '../errors'

/** Field validators shared by the request envelope and its actions. Each throws INVALID_REQUEST naming the field. */

export function invalidRequest(field: string, why: string): BaseError {
  return new BaseError({
    code: ErrorCode.InvalidRequest,
    shortMessage: `The request's ${field} ${why}.`,
    details: 'Requests are built by the wallet; a malformed one was altered or built by other software.',
    docsPath: '/docs/contract.md#payload-format',
  })
}

export function record(value: unknown, field: string, keys: readonly string[], optional: readonly string[] = []): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidRequest(field, 'must be an object')
  const allowed = new Set([...keys, ...optional])
  for (const key of Object.keys(value)) {
    if (!allowed.has(key)) throw invalidRequest(`${field}.${key}`, 'is not a known field (unknown fields are refused, not ignored)')
  }
  for (const key of keys) {
    if (!(key in value)) throw invalidRequest(`${field}.${key}`, 'is missing')
  }
  return value as Record<string, unknown>
}

export function text(value: unknown, field: string, pattern?: RegExp, maxLength = 256): string {
  if (typeof value !== 'string' || value.length === 0) throw invalidRequest(field, 'must be a non-empty string')
  if (value.length > maxLength) throw invalidRequest(field, `is longer than ${maxLength} characters`)
  if (pattern && !pattern.test(value)) throw invalidRequest(field, `does not match ${pattern}`)
  return value
}

const maxUint256 = 2n ** 256n - 1n

/**
 * Amounts are integer strings in the asset's smallest unit: no floats, no signs, no leading
 * zeros, and at most 2^256 - 1 (an EVM wallet signs the amount as a uint256).
 */
export function amount(value: unknown, field: string): string {
  const amountText = text(value, field, /^[1-9][0-9]{0,77}$/, 78)
  if (BigInt(amountText) > maxUint256) throw invalidRequest(field, 'is larger than 2^256 - 1')
  return amountText
}

/** A web origin in the serialized form browsers report (`https://partner.example`, no path, no trailing slash). */
export function origin(value: unknown, field: string): string {
  const originText = text(value, field, /^https?:\/\/[^/?#@\s]+$/, 256)
  let serialized: string
  try {
    serialized = new URL(originText).origin
  } catch {
    throw invalidRequest(field, 'is not a web origin')
  }
  if (serialized !== originText) throw invalidRequest(field, `must be the origin exactly as browsers write it (${serialized})`)
  return originText
}

export function oneOf<const T extends string>(value: unknown, field: string, options: readonly T[]): T {
  if (typeof value !== 'string' || !options.includes(value as T)) throw invalidRequest(field, `must be one of ${options.join(', ')}`)
  return value as T
}

export function bool(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw invalidRequest(field, 'must be true or false')
  return value
}
