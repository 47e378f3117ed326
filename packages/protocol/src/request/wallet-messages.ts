import { type RequestFields, parseRequest, requestId } from './envelope'
import { actionFacts, actionText, deadlineText, networkText } from './message-facts'
import { readableMessage } from './readable-message'
import { type WalletMessageRole, roleHeadings } from './wallet-roles'

export { type WalletMessageRole, walletRequestRole } from './wallet-roles'

/**
 * What a bound wallet on NEAR, Solana or Stellar signs, by role (EVM wallets sign the same facts
 * as EIP-712 typed data: typed-data.ts). A wallet never signs a raw request: it signs a readable
 * message whose first line names the role, so a person can tell a co-signature from a full
 * wallet-signed request, and so one role's signature never verifies as another's (the message
 * bytes differ from the first line on). The message binds the exact request by its id (sha256
 * of the payload) and repeats what it does, one fact a line, amounts in the asset's own units.
 * The contract and the relayer rebuild it from the request and the role they expect; the wallet
 * writes it the same way. Binding has its own message (binding-message.ts).
 */
export function walletMessage(role: WalletMessageRole, payload: string, fields: RequestFields = parseRequest(payload)): string {
  const { title, warning } = roleHeadings[role]
  return readableMessage(title, warning, [
    `Account: ${fields.accountId}`,
    ...fields.actions.map((action) => `Action: ${actionText(actionFacts(action))}`),
    `Site: ${fields.site}`,
    `Deadline: ${deadlineText(fields.deadline)}`,
    `Request: ${requestId(payload)}`,
    `Network: ${networkText(fields.chainId)} (${fields.contractId})`,
  ])
}
