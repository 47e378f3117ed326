import type { Action } from './actions'

/**
 * The roles a wallet signs in. A co-signature (`cosign`), a recovery (`recover`), a removal
 * (`remove`) and a request of the wallet's own (`request`) are over a request; `bind` is the
 * wallet's consent to be bound. Each role has its own message (its own first line in text, its
 * own EIP-712 primary type), so a signature in one role never verifies as another's.
 */
export type WalletMessageRole = 'cosign' | 'recover' | 'remove' | 'request'
export type WalletSignatureRole = WalletMessageRole | 'bind'

/** What each role's message says first: what it is, and what signing it lets happen. */
export const roleHeadings: Readonly<Record<WalletSignatureRole, { title: string; warning: string }>> = {
  bind: {
    title: 'bind this wallet to your account',
    warning: 'Only sign this if you asked to bind this wallet. It will be able to recover and control the account.',
  },
  cosign: {
    title: 'co-sign a Borrow to another address',
    warning: 'This only co-signs the request below; your passkey must sign it too. It cannot act on its own.',
  },
  recover: {
    title: 'recover your account with a new passkey',
    warning: 'Only sign this on a device you are using now: the passkey below will control the account.',
  },
  remove: {
    title: 'remove access to your account',
    warning: 'What is removed below can no longer sign for this account.',
  },
  request: {
    title: 'a request signed by your wallet alone',
    warning: 'Your wallet alone authorizes everything below.',
  },
}

/** The role a request signed by a bound wallet (not a co-signature) has, from what it does. */
export function walletRequestRole(actions: readonly Action[]): Exclude<WalletMessageRole, 'cosign'> {
  if (actions.length > 0 && actions.every((action) => action.type === 'add_passkey')) return 'recover'
  if (actions.length > 0 && actions.every((action) => action.type === 'remove_passkey' || action.type === 'remove_wallet')) return 'remove'
  return 'request'
}
