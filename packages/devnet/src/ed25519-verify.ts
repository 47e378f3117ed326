import { type KeyObject, createPublicKey, verify } from 'node:crypto'

/** DER header of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
const spkiHeader = Buffer.from('302a300506032b6570032100', 'hex')
const keys = new Map<string, KeyObject>()

/**
 * Ed25519 verification through OpenSSL: every transaction's signature is checked on arrival,
 * and at load the portable JavaScript verifier would cost more than the contract itself.
 * Key objects are cached: a chain sees the same few relayer keys again and again.
 */
export function verifyEd25519(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false
  const id = Buffer.from(publicKey).toString('hex')
  let key = keys.get(id)
  if (!key) {
    try {
      key = createPublicKey({ key: Buffer.concat([spkiHeader, publicKey]), format: 'der', type: 'spki' })
    } catch {
      return false
    }
    if (keys.size > 4096) keys.clear()
    keys.set(id, key)
  }
  try {
    return verify(null, message, key, signature)
  } catch {
    return false
  }
}
