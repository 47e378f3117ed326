import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js'

/**
 * SHA-256 for the hot paths (request ids and challenges, clientDataJSON). Portable by default;
 * servers install node:crypto's with `useNodeCrypto()` from `@crosschain-lending/protocol/node`,
 * which hashes a request's few hundred bytes several times faster than JavaScript.
 */
export type Sha256 = (data: Uint8Array) => Uint8Array

let implementation: Sha256 = (data) => nobleSha256(data)

export function sha256(data: Uint8Array): Uint8Array {
  return implementation(data)
}

/** Replaces the implementation process-wide; with no argument, restores the portable one. */
export function setSha256(next?: Sha256): void {
  implementation = next ?? ((data) => nobleSha256(data))
}
