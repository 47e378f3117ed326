import {
  type PasskeyProof,
  formatP256PublicKey,
  formatP256Signature,
  p256Order,
  requestChallenge,
  toBase58,
  toBase64Url,
} from '@crosschain-lending/protocol'
import { p256 } from '@noble/curves/nist.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js'

export type SoftwarePasskeyOptions = {
  rpId: string
  /** The wallet origin the assertion claims to come from. */
  origin: string
  /** The host page, for an assertion made in a cross-origin iframe. */
  topOrigin?: string
  credentialId?: string
  secretKey?: Uint8Array
}

/**
 * A P-256 passkey in software: the assertions an authenticator would make, for tests and
 * benchmarks that run without a browser. Browser tests use Chromium's virtual authenticator
 * instead; both produce the same bytes for the contract to verify.
 */
export class SoftwarePasskey {
  readonly rpId: string
  readonly origin: string
  readonly topOrigin: string | undefined
  readonly credentialId: string
  readonly #secretKey: Uint8Array
  #signCount = 0

  constructor(options: SoftwarePasskeyOptions) {
    this.rpId = options.rpId
    this.origin = options.origin
    this.topOrigin = options.topOrigin
    this.credentialId = options.credentialId ?? toBase64Url(crypto.getRandomValues(new Uint8Array(16)))
    this.#secretKey = options.secretKey ?? p256.utils.randomSecretKey()
  }

  /** `p256:<base58 of the compressed point>`. */
  get publicKey(): string {
    return formatP256PublicKey(p256.getPublicKey(this.#secretKey, true))
  }

  /**
   * Signs `payload` as a WebAuthn assertion whose challenge is sha256(payload). Options let a
   * test produce what real authenticators sometimes do (no UV, a high-S signature).
   */
  sign(payload: string, options: { userVerified?: boolean; highS?: boolean; challenge?: Uint8Array } = {}): PasskeyProof {
    const flags = 0x01 | (options.userVerified === false ? 0 : 0x04)
    const counter = new Uint8Array(4)
    new DataView(counter.buffer).setUint32(0, ++this.#signCount)
    const authenticatorData = concatBytes(sha256(utf8ToBytes(this.rpId)), Uint8Array.of(flags), counter)
    const clientData: Record<string, unknown> = {
      type: 'webauthn.get',
      challenge: toBase64Url(options.challenge ?? requestChallenge(payload)),
      origin: this.origin,
      crossOrigin: this.topOrigin !== undefined,
    }
    if (this.topOrigin) clientData.topOrigin = this.topOrigin
    const clientDataJSON = JSON.stringify(clientData)
    const message = concatBytes(authenticatorData, sha256(utf8ToBytes(clientDataJSON)))
    let signature: Uint8Array = p256.sign(message, this.#secretKey, { prehash: true, lowS: true })
    if (options.highS) signature = toHighS(signature)
    return { type: 'passkey', authenticatorData: toBase64Url(authenticatorData), clientDataJSON, signature: formatRaw(signature, options.highS ?? false) }
  }
}

/** The malleable twin of a low-S signature: same r, s replaced by n - s. Still verifies without a low-S rule. */
function toHighS(raw: Uint8Array): Uint8Array {
  const s = BigInt(`0x${bytesToHex(raw.subarray(32))}`)
  const out = raw.slice()
  out.set(hexToBytes((p256Order - s).toString(16).padStart(64, '0')), 32)
  return out
}

/** formatP256Signature refuses high-S on purpose; tests that need one encode it by hand. */
function formatRaw(raw: Uint8Array, highS: boolean): string {
  return highS ? `p256:${toBase58(raw)}` : formatP256Signature(raw)
}
