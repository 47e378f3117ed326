import { formatAssetAmount } from '../assets'
import { walletChainNames } from '../chains'
import type { Action, ExternalAddress } from './actions'
import type { ChainId } from './envelope'

/**
 * The facts of a request as every wallet message writes them, text (NEP-413, Solana, SEP-53)
 * and EIP-712 alike, so the two forms cannot drift: each action in words, its amount in the
 * asset's own units with the exact smallest-unit integer beside it, the recipient, and the
 * deadline in ISO 8601 UTC.
 */
export type ActionFacts = {
  /** What the action does, in words: "Supply as collateral", "Remove the passkey AbC…". */
  action: string
  /** For actions that move an amount: "12.5 USDC", and the same as the integer the contract counts. */
  amount?: { text: string; smallestUnits: string }
  /** Where a Borrow sends the asset: "EVM 0x…". */
  recipient?: string
}

const addressText = (address: ExternalAddress) => `${walletChainNames[address.chain]} ${address.address}`
const amountOf = (asset: string, smallestUnits: string) => ({ text: formatAssetAmount(asset, smallestUnits), smallestUnits })

/** One action's facts. Throws UNKNOWN_ASSET for an asset the protocol's table does not know. */
export function actionFacts(action: Action): ActionFacts {
  switch (action.type) {
    case 'supply':
      return { action: action.collateral ? 'Supply as collateral' : 'Supply', amount: amountOf(action.asset, action.amount) }
    case 'repay':
      return { action: 'Repay debt', amount: amountOf(action.asset, action.amount) }
    case 'adjust':
      return { action: action.direction === 'to-collateral' ? 'Move from supplied to collateral' : 'Move from collateral to supplied', amount: amountOf(action.asset, action.amount) }
    case 'borrow':
      return { action: 'Borrow', amount: amountOf(action.asset, action.amount), recipient: addressText(action.recipient) }
    case 'add_wallet':
      return { action: `Bind the ${addressText(action.wallet)} wallet` }
    case 'add_passkey':
      return { action: `Add the passkey ${action.passkey.credentialId} (key ${action.passkey.publicKey})` }
    case 'remove_passkey':
      return { action: `Remove the passkey ${action.credentialId}` }
    case 'remove_wallet':
      return { action: `Remove the ${addressText(action.wallet)} wallet` }
  }
}

/** The action as one line of text: "Borrow: 100 USDC (100000000 smallest units) to EVM 0x…". */
export function actionText(facts: ActionFacts): string {
  const amount = facts.amount ? `: ${facts.amount.text} (${facts.amount.smallestUnits} smallest units)` : ''
  const recipient = facts.recipient ? ` to ${facts.recipient}` : ''
  return `${facts.action}${amount}${recipient}`
}

/** ISO 8601 UTC; a deadline past what a date can hold (the contract refuses it anyway) as its number. */
export function deadlineText(deadline: number): string {
  const when = new Date(deadline)
  return Number.isNaN(when.getTime()) ? String(deadline) : when.toISOString()
}

/** The NEAR network as people name it: "NEAR testnet". */
export function networkText(chainId: ChainId): string {
  return `NEAR ${chainId}`
}
