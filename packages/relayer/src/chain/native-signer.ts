import { type KeyObject, createPrivateKey, sign } from 'node:crypto'
import { type KeyPair, KeyPairSigner, baseDecode } from 'near-api-js'

/** DER header of an Ed25519 PKCS#8 private key; the 32-byte seed follows it. */
const pkcs8Header = Buffer.from('302e020100300506032b657004220420', 'hex')

/**
 * near-api-js's KeyPairSigner with the signature made by OpenSSL instead of JavaScript. Ed25519
 * is deterministic, so the bytes are the same; the relayer signs one transaction per request,
 * and at hundreds of requests a second the portable signer was its largest cost.
 */
export class NativeKeyPairSigner extends KeyPairSigner {
  readonly #privateKey: KeyObject

  constructor(keyPair: KeyPair) {
    super(keyPair)
    const secret = keyPair.toString()
    if (!secret.startsWith('ed25519:')) throw new RangeError('The relayer signs with Ed25519 keys only.')
    // near-api-js writes the secret as base58 of seed ‖ public key.
    const seed = baseDecode(secret.slice('ed25519:'.length)).subarray(0, 32)
    this.#privateKey = createPrivateKey({ key: Buffer.concat([pkcs8Header, seed]), format: 'der', type: 'pkcs8' })
  }

  protected override async signBytes(bytes: Uint8Array): Promise<Uint8Array> {
    return new Uint8Array(sign(null, bytes, this.#privateKey))
  }
}
