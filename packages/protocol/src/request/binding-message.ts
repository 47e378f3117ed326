import type { WalletChain } from '../chains'
import type { ChainId } from './envelope'
import { invalidRequest } from './fields'
import { deadlineText } from './message-facts'
import { readableMessage } from './readable-message'
import { roleHeadings } from './wallet-roles'

/**
 * What an external wallet agrees to when it is bound to an account. NEAR, Solana and Stellar
 * wallets sign it as text (`bindingMessage`), written for the person who reads it in their
 * wallet's prompt, one fact a line; EVM wallets sign the same fields as EIP-712 typed data
 * (`bindingTypedData`). The add_wallet action carries the text either way, and the contract
 * parses it back and checks every field against the request it arrives in.
 */
export type BindingMessageFields = {
  accountId: string
  contractId: string
  chainId: ChainId
  wallet: { chain: WalletChain; address: string }
  /** The nonce of the request that carries the binding, so a proof cannot be replayed. */
  nonce: string
  /** The site the person was on when they bound the wallet: the request's `site`, checked by the contract. */
  origin: string
  /** The deadline of the request that carries the binding (ms since the epoch): the request's own, checked by the contract. */
  deadline: number
}

export function bindingMessage(fields: BindingMessageFields): string {
  const { title, warning } = roleHeadings.bind
  return readableMessage(title, warning, [
    `Account: ${fields.accountId}`,
    `Wallet: ${fields.wallet.chain}:${fields.wallet.address}`,
    `Site: ${fields.origin}`,
    `Deadline: ${deadlineText(fields.deadline)}`,
    `Nonce: ${fields.nonce}`,
    `Contract: ${fields.contractId}`,
    `Network: ${fields.chainId}`,
  ])
}

const line = (label: string) => new RegExp(`^${label}: (.+)$`, 'm')

/** Reads the fields back. Throws INVALID_REQUEST when the message is not one `bindingMessage` writes. */
export function parseBindingMessage(message: string): BindingMessageFields {
  const read = (label: string) => {
    const match = line(label).exec(message)
    if (!match) throw invalidRequest('binding message', `has no "${label}:" line`)
    return match[1]!
  }
  const wallet = read('Wallet')
  const separator = wallet.indexOf(':')
  const fields: BindingMessageFields = {
    accountId: read('Account'),
    contractId: read('Contract'),
    chainId: read('Network') as ChainId,
    wallet: { chain: wallet.slice(0, separator) as WalletChain, address: wallet.slice(separator + 1) },
    nonce: read('Nonce'),
    origin: read('Site'),
    deadline: Date.parse(read('Deadline')),
  }
  // Only an exact rebuild is accepted: no extra lines a person might misread.
  if (!Number.isSafeInteger(fields.deadline) || bindingMessage(fields) !== message) throw invalidRequest('binding message', 'is not in the exact form the wallet writes')
  return fields
}
