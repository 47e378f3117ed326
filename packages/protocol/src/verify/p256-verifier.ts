import { p256 } from '@noble/curves/nist.js'

/**
 * A P-256 ECDSA-with-SHA-256 verify primitive. `verifyPasskeyAssertion` calls it after its own
 * checks, so an implementation may rely on:
 * - `publicKey` being a valid SEC1 point on P-256 (33 or 65 bytes),
 * - `signature` being raw 64-byte r‖s with r and s in [1, n-1] (high S included: the S policy
 *   is the caller's, so a backend must accept both halves, as ECDSA itself does),
 * - `message` being the unhashed message; the backend hashes it with SHA-256.
 * It returns false for a signature that does not verify and should not throw.
 */
export type P256Verifier = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean

/**
 * The portable backend: pure JavaScript (@noble/curves), works in browsers, ~200 verifications
 * a second. Servers should switch to the Node backend in `verify/p256-node`.
 */
export const nobleP256Verifier: P256Verifier = (publicKey, message, signature) => {
  try {
    // lowS: false because the S policy is applied before the backend runs (see P256Verifier).
    return p256.verify(signature, message, publicKey, { prehash: true, lowS: false, format: 'compact' })
  } catch {
    // noble throws on a signature of the wrong size; the contract above is a boolean.
    return false
  }
}

let defaultVerifier: P256Verifier = nobleP256Verifier

/**
 * Replaces the backend `verifyPasskeyAssertion` uses when no `verifier` parameter is given.
 * Process-wide: call it once at start-up (the Node entry does it in `useNodeP256()`). Passing
 * nothing restores the portable backend.
 */
export function setP256Verifier(verifier: P256Verifier = nobleP256Verifier): void {
  if (typeof verifier !== 'function') throw new TypeError('setP256Verifier expects a function (publicKey, message, signature) => boolean')
  defaultVerifier = verifier
}

/** The backend currently used by default. */
export function getP256Verifier(): P256Verifier {
  return defaultVerifier
}
