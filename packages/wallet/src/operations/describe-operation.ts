import { type AssetPositionView, type PositionView, formatUnits, requestId, walletChainNames } from '@crosschain-lending/protocol'
import type { Confirmation } from '../confirmations'
import type { PreparedOperation } from './prepare-operation'

/** Below this health factor after an operation, the confirmation warns that the position is close to liquidation. */
export const cautionHealthFactor = 1.2

const titles = { supply: 'Supply', repay: 'Repay', adjust: 'Move', borrow: 'Borrow' } as const

/**
 * The confirmation panel for a prepared operation: every fact the passkey approves, in human
 * units, and the exact payload whose sha256 is the passkey challenge.
 */
export function describeOperation(prepared: PreparedOperation, site: string, now = Date.now()): Confirmation {
  const { operation, market, preview } = prepared
  const amount = `${operation.amount} ${market.asset}`
  const lines: Confirmation['lines'] = []
  switch (operation.type) {
    case 'supply':
      lines.push({ label: 'Operation', value: operation.collateral === false ? 'Supply (earns interest, not collateral)' : 'Supply as collateral' })
      lines.push({ label: 'Amount', value: amount })
      lines.push({ label: 'From', value: `Your deposited ${market.asset} balance (${balanceOf(preview.before, market.asset)} ${market.asset})` })
      break
    case 'repay':
      lines.push({ label: 'Operation', value: 'Repay debt' })
      lines.push({ label: 'Amount', value: amount })
      lines.push({ label: 'From', value: `Your deposited ${market.asset} balance (${balanceOf(preview.before, market.asset)} ${market.asset})` })
      lines.push({ label: 'Debt after', value: `${amountOf(preview.after, market.asset, 'borrowed')} ${market.asset}` })
      break
    case 'adjust':
      lines.push({ label: 'Operation', value: operation.direction === 'to-collateral' ? 'Use supplied funds as collateral' : 'Stop using collateral (stays supplied)' })
      lines.push({ label: 'Amount', value: amount })
      lines.push({ label: 'Collateral after', value: `${amountOf(preview.after, market.asset, 'collateral')} ${market.asset}` })
      break
    case 'borrow': {
      const recipient = prepared.recipient!
      lines.push({ label: 'Operation', value: 'Borrow and send' })
      lines.push({ label: 'Amount', value: amount })
      lines.push({
        label: 'To',
        value: `${walletChainNames[recipient.chain]} ${recipient.address} ${recipient.bound ? '(your bound wallet)' : '(NOT your bound wallet)'}`,
      })
      break
    }
  }
  lines.push({ label: 'Health factor', value: `${healthText(preview.before.healthFactor)} → ${healthText(preview.after.healthFactor)}` })
  lines.push({ label: 'Fees', value: 'None: the relayer pays the NEAR gas' })
  lines.push({ label: 'Valid until', value: `${new Date(prepared.deadline).toLocaleTimeString()} (${Math.round((prepared.deadline - now) / 60_000)} minutes)` })
  lines.push({ label: 'Site', value: site })

  const warnings: string[] = []
  if (prepared.recipient && !prepared.recipient.bound) {
    warnings.push('This address is not one of your bound wallets. What is sent there cannot be recalled, and your bound wallet must co-sign.')
  }
  const after = preview.after.healthFactor === null ? null : Number(preview.after.healthFactor)
  if (after !== null && after < cautionHealthFactor) {
    warnings.push(`Your health factor would be ${preview.after.healthFactor}: a small price move could make this position unhealthy.`)
  }

  return {
    title: `${titles[operation.type]} ${amount}`,
    lines,
    ...(warnings.length ? { warning: warnings.join(' ') } : {}),
    confirmLabel: 'Confirm with passkey',
    payload: { requestId: requestId(prepared.payload), text: prepared.payload },
  }
}

/** The second, explicit confirmation a Borrow to an address that is not bound needs. */
export function describeOtherRecipient(prepared: PreparedOperation): Confirmation {
  const recipient = prepared.recipient!
  const cosigner = prepared.cosigner!
  return {
    title: 'Send to an address that is not yours?',
    lines: [
      { label: 'Recipient', value: `${walletChainNames[recipient.chain]} ${recipient.address}` },
      { label: 'Amount', value: `${prepared.operation.amount} ${prepared.market.asset}` },
      { label: 'Co-signer', value: `${walletChainNames[cosigner.chain]} ${cosigner.address} (your bound wallet)` },
    ],
    warning: 'Check the address character by character. Your bound wallet will be asked to co-sign this exact request next.',
    confirmLabel: 'Yes, send to this address',
  }
}

function healthText(value: string | null): string {
  return value === null ? 'no debt' : value
}

function assetOf(position: PositionView, asset: string): AssetPositionView | undefined {
  return position.assets.find((entry) => entry.asset === asset)
}

function amountOf(position: PositionView, asset: string, field: 'balance' | 'collateral' | 'borrowed' | 'supplied'): string {
  const entry = assetOf(position, asset)
  return entry ? formatUnits(BigInt(entry[field]), entry.decimals) : '0'
}

function balanceOf(position: PositionView, asset: string): string {
  return amountOf(position, asset, 'balance')
}
