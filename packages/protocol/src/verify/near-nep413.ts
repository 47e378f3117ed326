import { sha256 } from '@noble/hashes/sha2.js'
import { base64 } from '@scure/base'
import { bytesToHex } from '@noble/curves/utils.js'
import { fromBase58, toBase58 } from '../encoding'
import { BorshWriter } from './borsh'
import { isEd25519PublicKey, verifyEd25519 } from './ed25519'
import { VerificationError, VerificationErrorCode, assertParametersObject } from './errors'
import { isNearImplicitAccountId, isValidNearAccountId } from './near-account-id'
import { decodeSignatureCandidates } from './signature-encoding'

/** 2^31 + 413: the Borsh u32 prefix that keeps a NEP-413 payload from ever parsing as a transaction. */
export const nep413Tag = 2147484061

const nonceLength = 32
const utf8Decoder = new TextDecoder('utf-8', { fatal: true })

/** The fields of a NEP-413 `signMessage` request besides the message. */
export type Nep413Fields = {
  /** 32 bytes, or their base64 (how wallets echo it back). */
  nonce: Uint8Array | string
  /** Who the message is for, e.g. the app's domain or contract; any string. */
  recipient: string
  callbackUrl?: string | null | undefined
}

export type Nep413Payload = Nep413Fields & { message: string }

function fail(code: VerificationErrorCode, shortMessage: string, details?: string): never {
  throw new VerificationError({ code, shortMessage, details })
}

function parseNonce(nonce: Uint8Array | string): Uint8Array {
  let bytes: Uint8Array
  if (nonce instanceof Uint8Array) bytes = nonce
  else if (typeof nonce === 'string') {
    try {
      bytes = base64.decode(nonce)
    } catch {
      fail(VerificationErrorCode.InvalidNonce, 'The NEP-413 nonce is not base64.', 'Pass the 32 nonce bytes, or their padded base64 (44 characters).')
    }
  } else fail(VerificationErrorCode.InvalidNonce, `The NEP-413 nonce must be bytes or base64 text, got ${nonce === null ? 'null' : typeof nonce}.`)
  if (bytes.length !== nonceLength) fail(VerificationErrorCode.InvalidNonce, `A NEP-413 nonce is 32 bytes; this one is ${bytes.length}.`, 'Pass the nonce the signing request was made with.')
  return bytes
}

export type SerializeNep413PayloadErrorType = VerificationError

/** `borsh(u32 2^31+413) ‖ borsh({ message, nonce: [u8; 32], recipient, callbackUrl: Option<string> })`. */
export function serializeNep413Payload({ message, nonce, recipient, callbackUrl }: Nep413Payload): Uint8Array {
  if (typeof message !== 'string') fail(VerificationErrorCode.InvalidVerificationInput, 'A NEP-413 message must be a string.')
  if (typeof recipient !== 'string' || recipient === '') fail(VerificationErrorCode.InvalidVerificationInput, 'nep413.recipient must be a non-empty string (the recipient the wallet was asked to sign for).')
  if (callbackUrl !== undefined && callbackUrl !== null && typeof callbackUrl !== 'string') fail(VerificationErrorCode.InvalidVerificationInput, 'nep413.callbackUrl must be a string when given.')
  return new BorshWriter()
    .u32(nep413Tag)
    .string(message)
    .fixedBytes(parseNonce(nonce))
    .string(recipient)
    .optionString(callbackUrl ?? undefined)
    .toBytes()
}

/** sha256 of the serialized payload: the 32 bytes the wallet's Ed25519 key signs. */
export function hashNep413Payload(payload: Nep413Payload): Uint8Array {
  return sha256(serializeNep413Payload(payload))
}

const keyPrefix = 'ed25519:'

function invalidKey(why: string): VerificationError {
  return new VerificationError({
    code: VerificationErrorCode.InvalidPublicKey,
    shortMessage: `The NEAR public key is unusable: ${why}.`,
    details: 'Pass the publicKey the wallet returned with the signature, written ed25519:<base58>.',
  })
}

/** Parses `ed25519:<base58>` (or takes 32 raw bytes) and checks it is a point that can sign. */
export function parseNearEd25519PublicKey(publicKey: string | Uint8Array): Uint8Array {
  let bytes: Uint8Array
  if (publicKey instanceof Uint8Array) bytes = publicKey
  else if (typeof publicKey === 'string') {
    if (!publicKey.startsWith(keyPrefix)) throw invalidKey(publicKey.includes(':') ? `only ed25519 keys can sign NEP-413 messages, not ${publicKey.split(':')[0]}` : 'expected the form ed25519:<base58>')
    try {
      bytes = fromBase58(publicKey.slice(keyPrefix.length))
    } catch {
      throw invalidKey('the part after ed25519: is not base58')
    }
  } else throw invalidKey(publicKey === undefined ? 'it is missing; NEAR signatures are checked against the signing key' : `expected a string, got ${typeof publicKey}`)
  if (bytes.length !== 32) throw invalidKey(`it is ${bytes.length} bytes instead of 32`)
  if (!isEd25519PublicKey(bytes)) throw invalidKey('it is not an Ed25519 point')
  return bytes
}

export type VerifyNep413SignatureParameters = {
  /** The NEAR account ID the wallet says signed: named (alice.near) or implicit (64 hex). */
  address: string
  /** The message text passed to signMessage (UTF-8 bytes are accepted and decoded). */
  message: string | Uint8Array
  /** 64 bytes, their base64 (what wallets return), or `ed25519:<base58>`. */
  signature: string | Uint8Array
  /** The signing key as the wallet returned it: `ed25519:<base58>`, or 32 bytes. */
  publicKey: string | Uint8Array
  nep413: Nep413Fields
}

export type VerifyNep413SignatureReturnType = {
  chain: 'near'
  address: string
  /** The key that signed, `ed25519:<base58>`. */
  publicKey: `ed25519:${string}`
  /**
   * True for a named account: the signature proves the key signed, but only the chain knows
   * whether that key is a full-access key of `address`. The caller must check it (RPC
   * `view_access_key`) before trusting the binding. False for an implicit account, whose ID is
   * its key, so the check is already done.
   */
  keyMustBeCheckedOnChain: boolean
}

export type VerifyNep413SignatureErrorType = VerificationError

/**
 * Verifies a NEP-413 `signMessage` result: Ed25519 by `publicKey` over sha256 of the Borsh
 * payload. An implicit account must be the hex of `publicKey`; a named account's key is
 * returned for an on-chain check (see `keyMustBeCheckedOnChain`).
 */
export function verifyNep413Signature(parameters: VerifyNep413SignatureParameters): VerifyNep413SignatureReturnType {
  assertParametersObject(parameters, 'verifyNep413Signature')
  const { address, message, signature, publicKey, nep413 } = parameters
  if (!isValidNearAccountId(address)) {
    fail(
      VerificationErrorCode.InvalidAddress,
      `${JSON.stringify(address)} is not a NEAR account ID.`,
      'Account IDs are 2-64 characters of a-z, 0-9 and single - _ . separators, like alice.near, or 64 hex digits.',
    )
  }
  const key = parseNearEd25519PublicKey(publicKey)
  if (typeof nep413 !== 'object' || nep413 === null) fail(VerificationErrorCode.InvalidVerificationInput, 'NEAR signatures need nep413: { nonce, recipient, callbackUrl? } from the signing request.')
  let text: string
  if (typeof message === 'string') text = message
  else if (message instanceof Uint8Array) {
    try {
      text = utf8Decoder.decode(message)
    } catch {
      fail(VerificationErrorCode.InvalidVerificationInput, 'A NEP-413 message is a string; these bytes are not UTF-8.')
    }
  } else fail(VerificationErrorCode.InvalidVerificationInput, `The message must be a string, got ${message === null ? 'null' : typeof message}.`)

  const digest = hashNep413Payload({ message: text, nonce: nep413.nonce, recipient: nep413.recipient, callbackUrl: nep413.callbackUrl })
  const candidates =
    typeof signature === 'string' && signature.startsWith(keyPrefix)
      ? decodeSignatureCandidates(signature.slice(keyPrefix.length), { length: 64, encodings: ['base58'], label: 'NEAR' })
      : decodeSignatureCandidates(signature, { length: 64, encodings: ['base64'], label: 'NEAR' })
  if (!candidates.some((candidate) => verifyEd25519(candidate, digest, key))) {
    fail(
      VerificationErrorCode.InvalidSignature,
      'The NEP-413 signature does not verify for this key and payload.',
      'Check that message, nonce, recipient and callbackUrl are exactly those of the signing request.',
    )
  }
  const implicit = isNearImplicitAccountId(address)
  if (implicit && bytesToHex(key) !== address) {
    fail(
      VerificationErrorCode.PublicKeyMismatch,
      `The key ${keyPrefix}${toBase58(key)} does not control the implicit account ${address}.`,
      'An implicit account ID is the hex of its Ed25519 key; the wallet signed with another key.',
    )
  }
  return { chain: 'near', address, publicKey: `${keyPrefix}${toBase58(key)}`, keyMustBeCheckedOnChain: !implicit }
}
