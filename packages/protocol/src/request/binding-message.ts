import type { WalletChain } from '../chains'
import type { ChainId } from './envelope'
import { invalidRequest } from './fields'
import { readableMessage } from './readable-message'

/**
 * The message an external wallet signs to be bound to an account. Written for the person who
 * reads it in their wallet's prompt, one fact a line, and parsed back by the contract, which
 * checks every line against the request it arrives in.
 */
export type BindingMessageFields = {
  accountId: string
  contractId: string
  chainId: ChainId
  wallet: { chain: WalletChain; address: string }
  /** The nonce of the request that carries the binding, so a proof cannot be replayed. */
  nonce: string
  /** The site the person was on when they bound the wallet (shown to them; not checked). */
  origin: string
}

const title = 'CrossChain Lending: bind this wallet to your account'
const warning = 'Only sign this if you asked to bind this wallet. It will be able to recover and control the account.'

export function bindingMessage(fields: BindingMessageFields): string {
  return readableMessage(title, warning, [
    `Account: ${fields.accountId}`,
    `Contract: ${fields.contractId}`,
    `Network: ${fields.chainId}`,
    `Wallet: ${fields.wallet.chain}:${fields.wallet.address}`,
    `Nonce: ${fields.nonce}`,
    `Site: ${fields.origin}`,
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
  }
  // Only an exact rebuild is accepted: no extra lines a person might misread.
  if (bindingMessage(fields) !== message) throw invalidRequest('binding message', 'is not in the exact form the wallet writes')
  return fields
}
