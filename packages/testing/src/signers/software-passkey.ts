import {
  type ChainId,
  type PasskeyProof,
  accountCreationChallenge,
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
  /** False for an authenticator that keeps no signature counter (reports 0), as synced passkeys do. Default true. */
  keepsCounter?: boolean
}

/** What a test can make an assertion look like: what real authenticators and browsers sometimes produce. */
export type SoftwarePasskeySignOptions = {
  userVerified?: boolean
  highS?: boolean
  challenge?: Uint8Array
  /** The page around the ceremony; `null` for a top-level ceremony. Default: the passkey's own. */
  topOrigin?: string | null
  /** The counter to report instead of the next one (a cloned authenticator's, or 0 for one that keeps none). */
  signCount?: number
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
  readonly #keepsCounter: boolean
  #signCount = 0

  constructor(options: SoftwarePasskeyOptions) {
    this.rpId = options.rpId
    this.origin = options.origin
    this.topOrigin = options.topOrigin
    this.credentialId = options.credentialId ?? toBase64Url(crypto.getRandomValues(new Uint8Array(16)))
    this.#secretKey = options.secretKey ?? p256.utils.randomSecretKey()
    this.#keepsCounter = options.keepsCounter ?? true
  }

  /** `p256:<base58 of the compressed point>`. */
  get publicKey(): string {
    return formatP256PublicKey(p256.getPublicKey(this.#secretKey, true))
  }

  /**
   * Signs `payload` as a WebAuthn assertion whose challenge is sha256(payload). Options let a
   * test produce what real authenticators sometimes do (no UV, a high-S signature).
   */
  sign(payload: string, options: SoftwarePasskeySignOptions = {}): PasskeyProof {
    const flags = 0x01 | (options.userVerified === false ? 0 : 0x04)
    const counter = new Uint8Array(4)
    new DataView(counter.buffer).setUint32(0, options.signCount ?? (this.#keepsCounter ? ++this.#signCount : 0))
    const topOrigin = options.topOrigin === undefined ? this.topOrigin : (options.topOrigin ?? undefined)
    const authenticatorData = concatBytes(sha256(utf8ToBytes(this.rpId)), Uint8Array.of(flags), counter)
    const clientData: Record<string, unknown> = {
      type: 'webauthn.get',
      challenge: toBase64Url(options.challenge ?? requestChallenge(payload)),
      origin: this.origin,
      crossOrigin: topOrigin !== undefined,
    }
    if (topOrigin) clientData.topOrigin = topOrigin
    const clientDataJSON = JSON.stringify(clientData)
    const message = concatBytes(authenticatorData, sha256(utf8ToBytes(clientDataJSON)))
    let signature: Uint8Array = p256.sign(message, this.#secretKey, { prehash: true, lowS: true })
    if (options.highS) signature = toHighS(signature)
    return { type: 'passkey', authenticatorData: toBase64Url(authenticatorData), clientDataJSON, signature: formatRaw(signature, options.highS ?? false) }
  }

  /**
   * `create_account`'s arguments for this passkey, with its proof of possession: an assertion
   * over the creation statement for `contract`, valid until `deadline` (`publicKey` lets a test
   * claim another key than the one that signs).
   */
  createAccountArgs(contract: { chainId: ChainId; contractId: string; deadline: number; userHandle?: string; publicKey?: string }): CreateAccountArgs {
    const publicKey = contract.publicKey ?? this.publicKey
    const fields = { chainId: contract.chainId, contractId: contract.contractId, credentialId: this.credentialId, publicKey, userHandle: contract.userHandle, deadline: contract.deadline }
    return {
      credential_id: this.credentialId,
      public_key: publicKey,
      ...(contract.userHandle ? { user_handle: contract.userHandle } : {}),
      deadline: contract.deadline,
      proof: this.sign('', { challenge: accountCreationChallenge(fields) }),
    }
  }
}

/** The body of the relayer's `POST /v1/accounts`, as the wallet sends it: `create_account`'s arguments in camel case. */
export function relayerCreationBody(args: CreateAccountArgs) {
  return { credentialId: args.credential_id, publicKey: args.public_key, ...(args.user_handle ? { userHandle: args.user_handle } : {}), deadline: args.deadline, proof: args.proof }
}

/** The arguments of the contract's `create_account`. */
export type CreateAccountArgs = { credential_id: string; public_key: string; user_handle?: string; deadline: number; proof: PasskeyProof }

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
