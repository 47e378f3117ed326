import { sha256, toBase58 } from '@crosschain-lending/protocol'
import { decodeSignedTransaction, encodeTransaction } from 'near-api-js'
import { invalidTransaction, parseError } from './rpc-errors'

/**
 * NEAR's limit on a signed transaction's borsh size: `max_transaction_size` in nearcore's
 * runtime parameters (1.5 MiB). nearcore refuses a larger one with `TransactionSizeExceeded`.
 */
export const maxTransactionSize = 1_572_864

/** A decoded transaction, its sha256 (what the key signed) and hash: computed once on arrival, reused when the block applies it. */
export type DecodedTx = { signed: ReturnType<typeof decodeSignedTransaction>; digest: Uint8Array; hash: string }

/**
 * Reads a signed transaction as nearcore does: the bytes must be exactly one borsh
 * `SignedTransaction` (`try_from_slice`, which refuses bytes left over) and at most
 * `maxTransactionSize`. The borsh reader here stops at the end of the value, so the
 * transaction is encoded again (the hash needs that anyway) and must be the bytes' prefix,
 * followed by the signature and nothing else: what is logged and hashed is then exactly what
 * was signed, and nothing rides along after it.
 */
export function decodeSubmittedTransaction(bytes: Uint8Array): DecodedTx {
  if (bytes.length > maxTransactionSize) {
    throw invalidTransaction(
      { TransactionSizeExceeded: { size: bytes.length, limit: maxTransactionSize } },
      `The transaction is ${bytes.length} bytes; NEAR's limit (max_transaction_size) is ${maxTransactionSize}. Split its actions across transactions.`,
    )
  }
  let signed
  try {
    signed = decodeSignedTransaction(bytes)
  } catch (cause) {
    throw parseError(`Failed to decode transaction: ${(cause as Error).message}. Send one borsh-encoded SignedTransaction, base64.`)
  }
  const txBytes = encodeTransaction(signed.transaction)
  // A borsh Signature is its one-byte key type and its fixed-length data.
  const expected = txBytes.length + 1 + signatureData(signed.signature).length
  if (bytes.length > expected) {
    throw parseError(`Failed to decode transaction: ${bytes.length - expected} bytes follow the signed transaction. Send exactly one borsh-encoded SignedTransaction, nothing after it.`)
  }
  if (bytes.length !== expected || !Buffer.from(txBytes).equals(Buffer.from(bytes.buffer, bytes.byteOffset, txBytes.length))) {
    throw parseError('Failed to decode transaction: the bytes are not the borsh encoding of the transaction they decode to.')
  }
  return hashed(signed, txBytes)
}

function signatureData(signature: unknown): ArrayLike<number> {
  const variant = Object.values(signature as object).find((value): value is { data: ArrayLike<number> } => typeof value === 'object' && value !== null && 'data' in value)
  if (!variant) throw parseError('Failed to decode transaction: it carries no signature.')
  return variant.data
}

/** A logged transaction, checked when it arrived: decoded again on replay. */
export function decodeLoggedTransaction(bytes: Uint8Array): DecodedTx {
  const signed = decodeSignedTransaction(bytes)
  return hashed(signed, encodeTransaction(signed.transaction))
}

function hashed(signed: DecodedTx['signed'], txBytes: Uint8Array): DecodedTx {
  const digest = sha256(txBytes)
  return { signed, digest, hash: toBase58(digest) }
}
