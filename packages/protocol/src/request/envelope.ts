import { sha256 } from '../hash'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import { type WalletChain, walletChains } from '../chains'
import { type Action, parseAction } from './actions'
import { invalidRequest, oneOf, origin, record, text } from './fields'

/** Tags every payload, so a signature over one can never be mistaken for anything else. */
export const requestDomain = 'crosschain-lending/request/v2'

export const chainIds = ['devnet', 'testnet', 'mainnet'] as const
export type ChainId = (typeof chainIds)[number]

/** Who signed: one of the account's passkeys, or one of its bound wallets. */
export type RequestSigner = { type: 'passkey'; credentialId: string } | { type: 'wallet'; chain: WalletChain; address: string }

/** The fields of a request. Signed as one JSON string: see `encodeRequest`. */
export type RequestFields = {
  domain: typeof requestDomain
  chainId: ChainId
  contractId: string
  accountId: string
  /**
   * The partner site the request was made on: the origin of the page that embeds the wallet.
   * Every wallet message names it, and the contract requires it on its partner allowlist and,
   * for a passkey that ran inside a page, equal to the page the browser names (topOrigin).
   */
  site: string
  signer: RequestSigner
  /** 32 random bytes, base64url: unique per account, so a request runs at most once. */
  nonce: string
  /** Block timestamp (ms since the epoch) after which the request is refused. */
  deadline: number
  actions: Action[]
}

/** At most this many actions in one request: each one costs gas on NEAR. */
export const maxActions = 8
/** Payloads larger than this are refused before anything is parsed. */
export const maxPayloadBytes = 16 * 1024

/**
 * The exact string that is signed and verified. Keys are written in a fixed order so the same
 * fields always give the same string, but verifiers never re-encode: they hash what they got.
 */
export function encodeRequest(fields: Omit<RequestFields, 'domain'>): string {
  const ordered: RequestFields = {
    domain: requestDomain,
    chainId: fields.chainId,
    contractId: fields.contractId,
    accountId: fields.accountId,
    site: fields.site,
    signer: fields.signer,
    nonce: fields.nonce,
    deadline: fields.deadline,
    actions: fields.actions,
  }
  const payload = JSON.stringify(ordered)
  // Round-trip through the parser: a request the contract would refuse is never signed.
  parseRequest(payload)
  return payload
}

/** The request id: hex sha256 of the payload's UTF-8 bytes. Also the passkey challenge's hash input. */
export function requestId(payload: string): string {
  return bytesToHex(requestChallenge(payload))
}

/** sha256 of the exact payload: the WebAuthn challenge for a passkey-signed request. */
export function requestChallenge(payload: string): Uint8Array {
  return sha256(utf8ToBytes(payload))
}

/** Parses and validates a payload string. Throws INVALID_REQUEST naming the first bad field. */
export function parseRequest(payload: string): RequestFields {
  if (typeof payload !== 'string') throw invalidRequest('payload', 'must be a string')
  // UTF-8 takes 1 to 3 bytes per UTF-16 unit: encode only when the length alone cannot decide.
  const tooLarge = payload.length > maxPayloadBytes || (payload.length * 3 > maxPayloadBytes && utf8ToBytes(payload).length > maxPayloadBytes)
  if (tooLarge) throw invalidRequest('payload', `is larger than ${maxPayloadBytes} bytes`)
  let raw: unknown
  try {
    raw = JSON.parse(payload)
  } catch {
    throw invalidRequest('payload', 'is not JSON')
  }
  const f = record(raw, 'payload', ['domain', 'chainId', 'contractId', 'accountId', 'site', 'signer', 'nonce', 'deadline', 'actions'])
  if (f.domain !== requestDomain) throw invalidRequest('domain', `must be "${requestDomain}"`)
  const deadline = f.deadline
  if (typeof deadline !== 'number' || !Number.isSafeInteger(deadline) || deadline <= 0) throw invalidRequest('deadline', 'must be a positive integer (ms since the epoch)')
  if (!Array.isArray(f.actions) || f.actions.length === 0 || f.actions.length > maxActions) throw invalidRequest('actions', `must list 1 to ${maxActions} actions`)
  return {
    domain: requestDomain,
    chainId: oneOf(f.chainId, 'chainId', chainIds),
    contractId: text(f.contractId, 'contractId', /^[a-z0-9._-]{2,64}$/, 64),
    accountId: text(f.accountId, 'accountId', /^[a-z0-9._-]{2,64}$/, 64),
    site: origin(f.site, 'site'),
    signer: parseSigner(f.signer),
    nonce: text(f.nonce, 'nonce', /^[A-Za-z0-9_-]{43}$/, 43),
    deadline,
    actions: f.actions.map(parseAction),
  }
}

function parseSigner(value: unknown): RequestSigner {
  if (typeof value !== 'object' || value === null) throw invalidRequest('signer', 'must be an object')
  const type = oneOf((value as { type?: unknown }).type, 'signer.type', ['passkey', 'wallet'] as const)
  if (type === 'passkey') {
    const f = record(value, 'signer', ['type', 'credentialId'])
    return { type, credentialId: text(f.credentialId, 'signer.credentialId', /^[A-Za-z0-9_-]+$/, 1400) }
  }
  const f = record(value, 'signer', ['type', 'chain', 'address'])
  return { type, chain: oneOf(f.chain, 'signer.chain', walletChains), address: text(f.address, 'signer.address', undefined, 128) }
}

/** A passkey's approval of a payload: the assertion, with the signature normalized to low-S r‖s. */
export type PasskeyProof = {
  type: 'passkey'
  /** base64url of the authenticator data. */
  authenticatorData: string
  /** The clientDataJSON string exactly as the browser returned it. */
  clientDataJSON: string
  /** `p256:<base58 of the 64-byte low-S r‖s>`. */
  signature: string
}

/** A bound wallet's approval of a payload: its chain's message signature over the payload string. */
export type WalletProof = {
  type: 'wallet'
  chain: WalletChain
  address: string
  signature: string
  /** `ed25519:<base58>` for NEAR (and Stellar/Solana wallets that report it). */
  publicKey?: string
}

/** What the relayer submits and the contract executes. */
export type SignedRequest = {
  payload: string
  proof: PasskeyProof | WalletProof
  /** The bound wallet's co-signature, for a passkey Borrow to an address that is not bound. */
  cosignature?: WalletProof
}

export function parseWalletProof(value: unknown, field: string): WalletProof {
  const f = record(value, field, ['type', 'chain', 'address', 'signature'], ['publicKey'])
  if (f.type !== 'wallet') throw invalidRequest(`${field}.type`, 'must be "wallet"')
  const proof: WalletProof = {
    type: 'wallet',
    chain: oneOf(f.chain, `${field}.chain`, walletChains),
    address: text(f.address, `${field}.address`, undefined, 128),
    signature: text(f.signature, `${field}.signature`, undefined, 512),
  }
  if (f.publicKey !== undefined) proof.publicKey = text(f.publicKey, `${field}.publicKey`, undefined, 128)
  return proof
}

/** Validates the shape of a submitted signed request (not its signatures: see the contract). */
export function parseSignedRequest(value: unknown): SignedRequest & { fields: RequestFields } {
  const f = record(value, 'signed request', ['payload', 'proof'], ['cosignature'])
  const payload = text(f.payload, 'payload', undefined, maxPayloadBytes)
  const fields = parseRequest(payload)
  let proof: PasskeyProof | WalletProof
  if ((f.proof as { type?: unknown })?.type === 'passkey') {
    const p = record(f.proof, 'proof', ['type', 'authenticatorData', 'clientDataJSON', 'signature'])
    proof = {
      type: 'passkey',
      authenticatorData: text(p.authenticatorData, 'proof.authenticatorData', /^[A-Za-z0-9_-]+$/, 2048),
      clientDataJSON: text(p.clientDataJSON, 'proof.clientDataJSON', undefined, 4096),
      signature: text(p.signature, 'proof.signature', /^p256:[1-9A-HJ-NP-Za-km-z]+$/, 128),
    }
  } else {
    proof = parseWalletProof(f.proof, 'proof')
  }
  if (proof.type !== fields.signer.type) throw invalidRequest('proof.type', `must match signer.type (${fields.signer.type})`)
  const signed: SignedRequest & { fields: RequestFields } = { payload, proof, fields }
  if (f.cosignature !== undefined) signed.cosignature = parseWalletProof(f.cosignature, 'cosignature')
  return signed
}
