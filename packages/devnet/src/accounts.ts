/**
 * What the chain holds per NEAR account, and NEAR's storage accounting for it. An account pays
 * a stake for every byte it stores (its record, its keys, its code and its contract's data),
 * counted the way nearcore counts `storage_usage`, so a contract that fits here fits on NEAR.
 */
import type { AccessKeyPermission } from './actions'
import { storageAmountPerByte, storageNumBytesAccount, storageNumExtraBytesRecord, zeroBalanceAccountStorageLimit } from './wasm/protocol-parameters'

/** Bytes an account record costs (`storage_num_bytes_account`). */
const storageBytesPerAccount = BigInt(storageNumBytesAccount)
/** Bytes added to every stored record: a key, a data entry (`storage_num_extra_bytes_record`). */
const storageExtraBytesPerRecord = BigInt(storageNumExtraBytesRecord)

/** A key's permission is what `AddKey` granted (`actions.ts`); the record adds its nonce. */
export type AccessKeyRecord = { nonce: bigint; permission: AccessKeyPermission }

export type NearAccount = {
  /** Liquid balance, yoctoNEAR. */
  amount: bigint
  locked: bigint
  /** base58 sha256 of the deployed wasm, or undefined when no code is deployed. */
  codeHash: string | undefined
  /** Keys by their text form (`ed25519:…`). */
  keys: Map<string, AccessKeyRecord>
  /** The contract's storage: keys as hex of their bytes, values as bytes. */
  data: Map<string, Uint8Array>
  /** NEAR's `storage_usage`, kept up to date by every change (see `storageUsageOf`). */
  storageUsage: bigint
}

export function newAccount(amount: bigint, keys: [string, AccessKeyRecord][] = []): NearAccount {
  const account: NearAccount = { amount, locked: 0n, codeHash: undefined, keys: new Map(keys), data: new Map(), storageUsage: 0n }
  account.storageUsage = storageUsageOf(account, 0)
  return account
}

/** A copy to restore if a receipt fails: every field the receipt can change is copied (map entries are immutable). */
export function snapshotAccount(account: NearAccount): NearAccount {
  return {
    ...account,
    keys: new Map([...account.keys].map(([key, record]) => [key, { ...record }])),
    data: new Map(account.data),
  }
}

/** Bytes of a borsh string: its u32 length and its UTF-8 bytes. */
const borshStringBytes = (text: string) => 4 + Buffer.byteLength(text, 'utf8')

/** Bytes of the borsh `AccessKey` (nonce, permission), which nearcore stores and counts. */
export function accessKeyBytes(record: AccessKeyRecord): number {
  if (record.permission.kind === 'FullAccess') return 8 + 1
  const { allowance, receiverId, methodNames } = record.permission
  return 8 + 1 + (allowance === undefined ? 1 : 17) + borshStringBytes(receiverId) + 4 + methodNames.reduce((sum, name) => sum + borshStringBytes(name), 0)
}

/** Bytes of a borsh public key: the key type and the key (ed25519: 32, secp256k1: 64). */
export function publicKeyBytes(publicKey: string): number {
  return publicKey.startsWith('secp256k1:') ? 65 : 33
}

/** What one access key adds to `storage_usage`. */
export function accessKeyStorage(publicKey: string, record: AccessKeyRecord): bigint {
  return storageExtraBytesPerRecord + BigInt(publicKeyBytes(publicKey) + accessKeyBytes(record))
}

/** What one data entry adds to `storage_usage`. */
export function dataEntryStorage(keyBytes: number, valueBytes: number): bigint {
  return storageExtraBytesPerRecord + BigInt(keyBytes + valueBytes)
}

/** The full `storage_usage` of an account, computed from scratch (used at creation and by tests to check the running count). */
export function storageUsageOf(account: NearAccount, codeBytes: number): bigint {
  let usage = storageBytesPerAccount + BigInt(codeBytes)
  for (const [publicKey, record] of account.keys) usage += accessKeyStorage(publicKey, record)
  for (const [key, value] of account.data) usage += dataEntryStorage(key.length / 2, value.length)
  return usage
}

/**
 * An account storing at most this many bytes needs no balance for them (nearcore's zero-balance
 * accounts, `ZERO_BALANCE_ACCOUNT_STORAGE_LIMIT`): an account with a few keys costs nothing to keep.
 */
export const zeroBalanceStorageLimit = BigInt(zeroBalanceAccountStorageLimit)

/** The balance an account must keep for what it stores. */
export function storageStake(account: NearAccount): bigint {
  if (account.storageUsage <= zeroBalanceStorageLimit) return 0n
  return account.storageUsage * storageAmountPerByte
}
