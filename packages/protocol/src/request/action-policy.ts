/**
 * Who may do what, as the product rules say. The contract enforces this table; the wallet reads
 * it to refuse early and explain why. Rows are actions (Borrow split by recipient), columns are
 * the kind of signer.
 */
export type SignerKind = 'passkey-unbound' | 'passkey-bound' | 'wallet'

/** `with-cosignature`: allowed when the bound wallet co-signs the same payload. */
export type PolicyDecision = 'allow' | 'refuse' | 'with-cosignature'

export type PolicyRow =
  | 'supply'
  | 'repay'
  | 'adjust'
  | 'borrow-to-bound-wallet'
  | 'borrow-to-other-address'
  | 'add_wallet'
  | 'add_passkey'
  | 'remove_passkey'
  | 'remove_wallet'

export const actionPolicy: Record<PolicyRow, Record<SignerKind, PolicyDecision>> = {
  // Supply and Borrow wait for a bound wallet: a passkey alone is not recoverable.
  supply: { 'passkey-unbound': 'refuse', 'passkey-bound': 'allow', wallet: 'allow' },
  // Nothing leaves the account: always allowed.
  repay: { 'passkey-unbound': 'allow', 'passkey-bound': 'allow', wallet: 'allow' },
  adjust: { 'passkey-unbound': 'allow', 'passkey-bound': 'allow', wallet: 'allow' },
  'borrow-to-bound-wallet': { 'passkey-unbound': 'refuse', 'passkey-bound': 'allow', wallet: 'allow' },
  'borrow-to-other-address': { 'passkey-unbound': 'refuse', 'passkey-bound': 'with-cosignature', wallet: 'allow' },
  add_wallet: { 'passkey-unbound': 'allow', 'passkey-bound': 'allow', wallet: 'allow' },
  // A new device's passkey: through an existing bound setup, or by the bound wallet (recovery).
  add_passkey: { 'passkey-unbound': 'refuse', 'passkey-bound': 'allow', wallet: 'allow' },
  // Removing control methods is the bound wallet's alone, and never removes the last one.
  remove_passkey: { 'passkey-unbound': 'refuse', 'passkey-bound': 'refuse', wallet: 'allow' },
  remove_wallet: { 'passkey-unbound': 'refuse', 'passkey-bound': 'refuse', wallet: 'allow' },
}

export function policyDecision(row: PolicyRow, signer: SignerKind): PolicyDecision {
  return actionPolicy[row][signer]
}
