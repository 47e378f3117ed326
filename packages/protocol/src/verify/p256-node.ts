/// <reference types="node" />
/**
 * The Node.js P-256 backend: OpenSSL through `node:crypto`, about 70x the portable backend.
 * Not exported from the package's main entry, which must stay loadable in browsers; servers
 * import this module directly and call `useNodeP256()` once, or pass `nodeP256Verifier` as the
 * `verifier` parameter of `verifyPasskeyAssertion`.
 */
import { type KeyObject, createHash, createPublicKey, verify } from 'node:crypto'
import { setSha256 } from '../hash'
import { LruCache } from './lru-cache'
import { type P256Verifier, setP256Verifier } from './p256-verifier'

// SubjectPublicKeyInfo headers for id-ecPublicKey on prime256v1, differing only in the lengths
// of the SEQUENCE and the BIT STRING that holds the SEC1 point (65 bytes uncompressed, 33
// compressed). OpenSSL decompresses and checks the point when it builds the key.
const spkiHeaderUncompressed = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex')
const spkiHeaderCompressed = Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200', 'hex')

export type CreateNodeP256VerifierParameters = {
  /** How many public keys to keep as parsed KeyObjects. Default 256. */
  cacheSize?: number | undefined
}

/**
 * Builds a backend with its own KeyObject cache. Parsing a key costs about as much as a
 * verification, and a relayer sees the same account keys again and again, so keys are parsed
 * once and kept in a small LRU keyed by their hex.
 */
export function createNodeP256Verifier({ cacheSize = 256 }: CreateNodeP256VerifierParameters = {}): P256Verifier {
  const keys = new LruCache<string, KeyObject>(cacheSize)

  function keyObjectFor(publicKey: Uint8Array): KeyObject {
    const sec1 = Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.byteLength)
    const id = sec1.toString('hex')
    const cached = keys.get(id)
    if (cached) return cached
    const header = publicKey.length === 33 ? spkiHeaderCompressed : spkiHeaderUncompressed
    const keyObject = createPublicKey({ key: Buffer.concat([header, sec1]), format: 'der', type: 'spki' })
    keys.set(id, keyObject)
    return keyObject
  }

  return (publicKey, message, signature) => {
    try {
      // ieee-p1363 is raw r‖s; OpenSSL, like ECDSA itself, accepts either half of S.
      return verify('sha256', message, { key: keyObjectFor(publicKey), dsaEncoding: 'ieee-p1363' }, signature)
    } catch {
      // An unparsable key or signature is a failed verification, as P256Verifier promises.
      return false
    }
  }
}

/** A ready Node backend with a 256-key cache. */
export const nodeP256Verifier: P256Verifier = createNodeP256Verifier()

/** Makes the Node backend the process-wide default of `verifyPasskeyAssertion`. */
export function useNodeP256(): void {
  setP256Verifier(nodeP256Verifier)
}

/**
 * Everything a Node server should use: the native P-256 backend and node:crypto's SHA-256.
 * Browsers keep the portable implementations, which need no Node built-ins.
 */
export function useNodeCrypto(): void {
  useNodeP256()
  setSha256((data) => createHash('sha256').update(data).digest())
}
