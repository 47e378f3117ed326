/**
 * NEAR's actions, in one form for the whole chain: what a transaction carries (decoded in
 * `transaction-actions.ts`), what a contract's promises create (the wasm runtime's
 * `promise_batch_action_*`), what a receipt runs (`receipts.ts`) and what it costs
 * (`action-fees.ts`). Keys are kept as NEAR encodes them (key type, then the key bytes);
 * `publicKeyText` gives the `ed25519:…` form the chain indexes keys by and RPC shows.
 */
import { toBase58 } from '@crosschain-lending/protocol'

/** A public key: key type (0 Ed25519, 1 secp256k1), then the key bytes (32 or 64). */
export type PublicKeyBytes = { keyType: 0 | 1; data: Uint8Array }

/**
 * An access key's permission, as `AddKey` grants it and an account keeps it. A function-call key
 * may call only `receiverId` (any method when `methodNames` is empty), spending at most
 * `allowance` (no limit when undefined).
 */
export type AccessKeyPermission =
  | { kind: 'FullAccess' }
  | { kind: 'FunctionCall'; allowance: bigint | undefined; receiverId: string; methodNames: string[] }

export type Action =
  | { kind: 'CreateAccount' }
  | { kind: 'DeployContract'; code: Uint8Array }
  /** `gasWeight` is a promise's share of the caller's unused gas; a transaction's calls have none. */
  | { kind: 'FunctionCall'; methodName: string; args: Uint8Array; deposit: bigint; gas: number; gasWeight: bigint }
  | { kind: 'Transfer'; deposit: bigint }
  /** A contract may create it; this chain has no validators, so it fails when its receipt runs. */
  | { kind: 'Stake'; stake: bigint; publicKey: PublicKeyBytes }
  | { kind: 'AddKey'; publicKey: PublicKeyBytes; nonce: bigint; permission: AccessKeyPermission }
  | { kind: 'DeleteKey'; publicKey: PublicKeyBytes }
  | { kind: 'DeleteAccount'; beneficiaryId: string }

/** `ed25519:<base58>` (or `secp256k1:…`): how NEAR writes a public key. */
export function publicKeyText(key: PublicKeyBytes): string {
  return `${key.keyType === 1 ? 'secp256k1' : 'ed25519'}:${toBase58(key.data)}`
}
