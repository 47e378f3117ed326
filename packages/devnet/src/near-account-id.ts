import { fromBase58, toBase58 } from '@crosschain-lending/protocol'
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'

/**
 * NEAR's account id rules (nearcore's `near-account-id`): 2 to 64 characters of lowercase
 * `a-z`, digits and the separators `-`, `_` and `.`; a separator never starts or ends the id
 * and never follows another. `.` separates a subaccount from its parent (`alice.devnet`).
 * Implicit accounts (64 lowercase hex characters, the hex of an Ed25519 public key) and
 * Ethereum-implicit accounts (`0x` and 40 lowercase hex characters) satisfy the same rules.
 */
export const minAccountIdLength = 2
export const maxAccountIdLength = 64

const allowed = /^[a-z0-9._-]$/
const separators = new Set(['-', '_', '.'])

/** Why `id` is not a valid NEAR account id, or undefined when it is one. */
export function accountIdProblem(id: string): string | undefined {
  if (id.length < minAccountIdLength) return `it is ${id.length} characters long; NEAR account ids have at least ${minAccountIdLength}`
  if (id.length > maxAccountIdLength) return `it is ${id.length} characters long; NEAR account ids have at most ${maxAccountIdLength}`
  for (const [index, char] of [...id].entries()) {
    if (!allowed.test(char)) return `character ${index} (${JSON.stringify(char)}) is not one of a-z, 0-9, "-", "_", "."`
    if (!separators.has(char)) continue
    if (index === 0 || index === id.length - 1) return `it ${index === 0 ? 'starts' : 'ends'} with the separator "${char}"`
    if (separators.has(id[index - 1]!)) return `the separators at ${index - 1} and ${index} follow each other`
  }
  return undefined
}

/** An implicit account: named by the hex of its Ed25519 public key. */
export function isImplicitAccountId(id: string): boolean {
  return /^[0-9a-f]{64}$/.test(id)
}

/** An Ethereum-implicit account (NEP-518): named by an Ethereum address, controlled by its wallet contract. */
export function isEthImplicitAccountId(id: string): boolean {
  return /^0x[0-9a-f]{40}$/.test(id)
}

/**
 * Why the local chain will not create `accountId` with `publicKey` as its access key
 * (`dev_create_near_account`), or undefined. The key must be an Ed25519 key (the only kind the
 * chain verifies); an implicit account is named by its key, so the two must agree; an
 * Ethereum-implicit account has no access key on NEAR (its wallet contract checks Ethereum
 * signatures), so the chain does not make one.
 */
export function newAccountProblem(accountId: string, publicKey: string): string | undefined {
  const idProblem = accountIdProblem(accountId)
  if (idProblem) return `${JSON.stringify(accountId)} is not a valid NEAR account id: ${idProblem}`
  let key: Uint8Array
  try {
    if (!publicKey.startsWith('ed25519:')) throw new Error('no ed25519: prefix')
    key = fromBase58(publicKey.slice('ed25519:'.length))
  } catch {
    return `public_key must be an Ed25519 key written ed25519:<base58>; got ${JSON.stringify(publicKey.slice(0, 80))}`
  }
  if (key.length !== 32) return `public_key must hold 32 bytes; it holds ${key.length}`
  if (isImplicitAccountId(accountId) && accountId !== bytesToHex(key)) return `the implicit account ${accountId} is named by its own key: its public_key is ed25519:${toBase58(hexToBytes(accountId))}`
  if (isEthImplicitAccountId(accountId)) return `${accountId} is an Ethereum-implicit account: NEAR gives it no access key, so the local chain cannot create it with one`
  return undefined
}
