import { type WireError, fromWireError, toWireError } from './errors'

/**
 * What every wallet method returns across the iframe boundary. penpal would carry only the
 * `name`, `message` and `stack` of a thrown error, so failures travel as data instead.
 */
export type WireResult<T> = { ok: true; value: T } | { ok: false; error: WireError }

export function ok<T>(value: T): WireResult<T> {
  return { ok: true, value }
}

export function err(error: unknown): WireResult<never> {
  return { ok: false, error: toWireError(error) }
}

/** Runs `fn` and turns its outcome, success or any throw, into a `WireResult`. */
export async function toWireResult<T>(fn: () => T | Promise<T>): Promise<WireResult<T>> {
  try {
    return ok(await fn())
  } catch (error) {
    return err(error)
  }
}

/** Unwraps a `WireResult`, throwing the typed `BaseError` it carries. */
export function unwrap<T>(result: WireResult<T>): T {
  if (result && typeof result === 'object' && 'ok' in result) {
    if (result.ok) return result.value
    throw fromWireError(result.error)
  }
  throw fromWireError(undefined)
}
