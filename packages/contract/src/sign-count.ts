import { ErrorCode } from '@crosschain-lending/protocol'
import { refuse } from './errors'

/**
 * WebAuthn's signature counter rule (L3 §7.2 step 21): when either the stored or the new counter
 * is not zero, the new one must be greater. One that stands still or goes back means a cloned
 * authenticator (or a replayed assertion): refused. Synced passkeys keep no counter (always 0),
 * which passes. Returns the counter to store.
 */
export function nextSignCount(stored: number | undefined, seen: number): number {
  const last = stored ?? 0
  if ((seen !== 0 || last !== 0) && seen <= last) {
    throw refuse(
      ErrorCode.SignCountRegressed,
      'This passkey\'s signature counter went backwards, which a copied (cloned) authenticator would do. The request is refused; if this passkey was not copied, sign again with it.',
      `counter ${seen}, last seen ${last}`,
    )
  }
  return seen
}
