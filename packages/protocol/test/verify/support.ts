import { expect } from 'vitest'
import { VerificationError } from '../../src/verify/errors'

/** Runs `run`, expects it to throw a VerificationError, and returns its code. */
export function refusal(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(VerificationError)
    return (error as VerificationError).code
  }
  throw new Error('expected a VerificationError, but the input was accepted')
}

/** The same for an async `run`: awaits it, expects a VerificationError, and returns its code. */
export async function asyncRefusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run()
  } catch (error) {
    expect(error).toBeInstanceOf(VerificationError)
    return (error as VerificationError).code
  }
  throw new Error('expected a VerificationError, but the input was accepted')
}
