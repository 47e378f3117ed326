import type { Action } from './actions'
import { type RequestFields, parseRequest, requestId } from './envelope'
import { readableMessage } from './readable-message'

/**
 * What a bound wallet signs, by role. A wallet never signs a raw request: it signs a readable
 * message whose first line names the role, so a person can tell a co-signature from a full
 * wallet-signed request, and so one role's signature never verifies as another's (the message
 * bytes differ from the first line on). The message binds the exact request by its id (sha256
 * of the payload) and repeats what it does, one fact a line. The contract and the relayer
 * rebuild it from the request and the role they expect; the wallet writes it the same way.
 * Binding has its own message (binding-message.ts), which names the wallet being bound.
 */
export type WalletMessageRole = 'cosign' | 'recover' | 'remove' | 'request'

const headings: Record<WalletMessageRole, { title: string; warning: string }> = {
  cosign: {
    title: 'CrossChain Lending: co-sign a Borrow to another address',
    warning: 'This only co-signs the request below; your passkey must sign it too. It cannot act on its own.',
  },
  recover: {
    title: 'CrossChain Lending: recover your account with a new passkey',
    warning: 'Only sign this on a device you are using now: the passkey below will control the account.',
  },
  remove: {
    title: 'CrossChain Lending: remove access to your account',
    warning: 'What is removed below can no longer sign for this account.',
  },
  request: {
    title: 'CrossChain Lending: a request signed by your wallet alone',
    warning: 'Your wallet alone authorizes everything below.',
  },
}

/** The role a request signed by a bound wallet (not a co-signature) has, from what it does. */
export function walletRequestRole(actions: readonly Action[]): Exclude<WalletMessageRole, 'cosign'> {
  if (actions.length > 0 && actions.every((action) => action.type === 'add_passkey')) return 'recover'
  if (actions.length > 0 && actions.every((action) => action.type === 'remove_passkey' || action.type === 'remove_wallet')) return 'remove'
  return 'request'
}

/** One line per action, in words; amounts as the request holds them (the asset's smallest unit). */
function describeAction(action: Action): string {
  switch (action.type) {
    case 'supply':
      return `Supply ${action.amount} ${action.asset} (smallest units)${action.collateral ? ' as collateral' : ''}`
    case 'repay':
      return `Repay ${action.amount} ${action.asset} (smallest units)`
    case 'adjust':
      return `Move ${action.amount} ${action.asset} (smallest units) ${action.direction === 'to-collateral' ? 'to collateral' : 'to supplied'}`
    case 'borrow':
      return `Borrow ${action.amount} ${action.asset} (smallest units) to ${action.recipient.chain}:${action.recipient.address}`
    case 'add_wallet':
      return `Bind the ${action.wallet.chain} wallet ${action.wallet.address}`
    case 'add_passkey':
      return `Add the passkey ${action.passkey.credentialId}`
    case 'remove_passkey':
      return `Remove the passkey ${action.credentialId}`
    case 'remove_wallet':
      return `Remove the ${action.wallet.chain} wallet ${action.wallet.address}`
  }
}

/** ISO 8601 UTC; a deadline past what a date can hold (the contract refuses it anyway) as its number. */
function deadlineText(deadline: number): string {
  const when = new Date(deadline)
  return Number.isNaN(when.getTime()) ? String(deadline) : when.toISOString()
}

/** The message a wallet signs in `role` for the request `payload` (its fields given when already parsed). */
export function walletMessage(role: WalletMessageRole, payload: string, fields: RequestFields = parseRequest(payload)): string {
  const { title, warning } = headings[role]
  return readableMessage(title, warning, [
    `Account: ${fields.accountId}`,
    `Network: ${fields.chainId} (${fields.contractId})`,
    ...fields.actions.map((action) => `Action: ${describeAction(action)}`),
    `Deadline: ${deadlineText(fields.deadline)}`,
    `Request: ${requestId(payload)}`,
  ])
}
