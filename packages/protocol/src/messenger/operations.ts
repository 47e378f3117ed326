import { type WalletChain, walletChains } from '../chains'
import { BaseError, ErrorCode } from '../errors'
import type { AccountRequestView, MarketView, PlannedTransfer, PositionView } from '../views'

/**
 * The four lending operations as the host asks for them. Amounts are in the asset's own units,
 * as people write them ("12.5"); the wallet converts them with the market's decimals and shows
 * both on its confirmation. The host can ask; only the person, in the wallet, approves.
 */
export type OperationRequest =
  /** Move deposited balance into the pool; as collateral unless `collateral` is false. */
  | { type: 'supply'; asset: string; amount: string; collateral?: boolean }
  /** Pay back debt from deposited balance. */
  | { type: 'repay'; asset: string; amount: string }
  /** Move between supplied and collateral; nothing leaves the account. */
  | { type: 'adjust'; asset: string; amount: string; direction: 'to-collateral' | 'to-supplied' }
  /**
   * Borrow and send the asset out. Without `recipient`, to the account's bound wallet on a chain
   * the asset can go to; any other address needs a second confirmation and the bound wallet's
   * co-signature.
   */
  | { type: 'borrow'; asset: string; amount: string; recipient?: { chain: WalletChain; address: string } }

export type OperationType = OperationRequest['type']
export const operationTypes: readonly OperationType[] = ['supply', 'repay', 'adjust', 'borrow']

/** What the wallet reports once the chain has executed an operation. */
export type OperationReceipt = {
  requestId: string
  /** The NEAR transaction that carried it (absent when the relayer learned the outcome from the chain's record alone). */
  transactionHash?: string
  blockHeight: number
  /** The operation as signed: for Borrow, with the recipient the wallet chose or confirmed. */
  operation: OperationRequest
  /** Borrow's transfers out, to the recipient on its chain. */
  transfers: PlannedTransfer[]
  /** The account's position after the operation. */
  position: PositionView
}

/**
 * What an operation would do, as the wallet checked it (`previewOperation`): nothing is shown to
 * the person and nothing is signed. The element uses it to show the position before and after
 * while the person fills in the form; the wallet checks everything again when asked to operate.
 */
export type OperationPreview = {
  /** The operation as it would be signed: canonical amount; for Borrow, the recipient chosen. */
  operation: OperationRequest
  before: PositionView
  after: PositionView
  transfers: PlannedTransfer[]
  /** Borrow: where the asset would go, and whether that is one of the account's bound wallets. */
  recipient?: { chain: WalletChain; address: string; bound: boolean }
  /** Borrow to an address that is not bound: the bound wallet must co-sign. */
  needsCosignature: boolean
}

/** What the element shows about lending: public chain data, read by the wallet. */
export type LendingSnapshot = {
  markets: MarketView[]
  /** The signed-in account's position; null when signed out. */
  position: PositionView | null
  /** The signed-in account's executed requests, newest first; empty when signed out. */
  history: AccountRequestView[]
  /** A signed request still on its way to the chain (see the `operation-pending` event). */
  inFlight?: { requestId: string; title: string; phase: 'submitting' | 'pending' }
}

function invalid(field: string, why: string): BaseError {
  return new BaseError({
    code: ErrorCode.InvalidRequest,
    shortMessage: `The operation's ${field} ${why}.`,
    docsPath: '/docs/integrate.md#operations',
  })
}

function fieldsOf(value: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('request', 'must be an object such as { type: "supply", asset: "USDC", amount: "10" }')
  for (const key of Object.keys(value)) if (!allowed.includes(key)) throw invalid(key, `is not a field of a ${String((value as { type?: unknown }).type)} operation`)
  return value as Record<string, unknown>
}

function stringField(fields: Record<string, unknown>, key: string, pattern: RegExp, hint: string): string {
  const value = fields[key]
  if (typeof value !== 'string' || !pattern.test(value)) throw invalid(key, `must be ${hint}`)
  return value
}

const asset = (fields: Record<string, unknown>) => stringField(fields, 'asset', /^[A-Z][A-Z0-9]{1,9}$/, 'an asset symbol such as "USDC"')
// The shape only; `parseUnits` checks the digits against the market's decimals.
const amount = (fields: Record<string, unknown>) => stringField(fields, 'amount', /^[0-9][0-9.]{0,80}$/, 'a decimal string such as "12.5"')

/**
 * Validates an operation request from the host (data from another origin: checked, not
 * trusted). Unknown fields are refused. Throws `INVALID_REQUEST` naming the field.
 */
export function parseOperationRequest(value: unknown): OperationRequest {
  const type = (value as { type?: unknown } | null)?.type
  if (typeof type !== 'string' || !operationTypes.includes(type as OperationType)) throw invalid('type', `must be one of ${operationTypes.join(', ')}`)
  switch (type as OperationType) {
    case 'supply': {
      const f = fieldsOf(value, ['type', 'asset', 'amount', 'collateral'])
      if (f.collateral !== undefined && typeof f.collateral !== 'boolean') throw invalid('collateral', 'must be true or false')
      return { type: 'supply', asset: asset(f), amount: amount(f), collateral: f.collateral !== false }
    }
    case 'repay': {
      const f = fieldsOf(value, ['type', 'asset', 'amount'])
      return { type: 'repay', asset: asset(f), amount: amount(f) }
    }
    case 'adjust': {
      const f = fieldsOf(value, ['type', 'asset', 'amount', 'direction'])
      if (f.direction !== 'to-collateral' && f.direction !== 'to-supplied') throw invalid('direction', 'must be "to-collateral" or "to-supplied"')
      return { type: 'adjust', asset: asset(f), amount: amount(f), direction: f.direction }
    }
    case 'borrow': {
      const f = fieldsOf(value, ['type', 'asset', 'amount', 'recipient'])
      const request: OperationRequest = { type: 'borrow', asset: asset(f), amount: amount(f) }
      if (f.recipient !== undefined) {
        const r = fieldsOf(f.recipient, ['chain', 'address'])
        if (typeof r.chain !== 'string' || !walletChains.includes(r.chain as WalletChain)) throw invalid('recipient.chain', `must be one of ${walletChains.join(', ')}`)
        if (typeof r.address !== 'string' || r.address.length === 0 || r.address.length > 128) throw invalid('recipient.address', 'must be an address on that chain')
        request.recipient = { chain: r.chain as WalletChain, address: r.address }
      }
      return request
    }
  }
}
