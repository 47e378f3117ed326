import { type MarketView, type PositionView, type WalletChain, formatUnits, policyDecision } from '@crosschain-lending/protocol'
import type { AccountInfo, OperationRequest, OperationType } from '@crosschain-lending/protocol/messenger'

/** What the person has entered in the operation form. Amounts are text in the asset's units. */
export type OperationForm = {
  type: OperationType
  asset: string
  amount: string
  /** Supply: straight to collateral (default) or supplied only. */
  collateral: boolean
  direction: 'to-collateral' | 'to-supplied'
  /** Borrow: the chain the asset goes to. */
  chain: WalletChain | undefined
  /** Borrow: the bound wallet on `chain`, or another address. */
  recipientMode: 'bound' | 'other'
  recipient: string
}

export const emptyForm = (type: OperationType = 'supply'): OperationForm => ({
  type,
  asset: '',
  amount: '',
  collateral: true,
  direction: 'to-collateral',
  chain: undefined,
  recipientMode: 'bound',
  recipient: '',
})

/**
 * Whether the account may start `type` at all, by the protocol's own policy table (the one the
 * contract enforces): Supply and Borrow wait for a bound wallet; Repay and Adjust never do.
 */
export function isAvailable(type: OperationType, account: AccountInfo): boolean {
  const row = type === 'borrow' ? 'borrow-to-bound-wallet' : type
  return policyDecision(row, account.bound ? 'passkey-bound' : 'passkey-unbound') !== 'refuse'
}

/**
 * A plain decimal ("12.5", "0", ".5") in units of 10^-scale, extra places cut off; null when it is
 * not a plain decimal. Zero is a value here (a limit, a balance), unlike in `parseUnits`.
 */
export function decimalUnits(text: string, scale: number): bigint | null {
  const match = /^(\d*)(?:\.(\d*))?$/.exec(text.trim())
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) return null
  const [, whole = '', fraction = ''] = match
  return BigInt(whole || '0') * 10n ** BigInt(scale) + BigInt(fraction.slice(0, scale).padEnd(scale, '0') || '0')
}

const usdScale = 8
const usd = (text: string) => decimalUnits(text, usdScale) ?? 0n

/**
 * The most the form's operation can move, in the asset's smallest unit: Supply spends the
 * deposited balance; Repay, the lesser of balance and debt; Adjust, what sits on the side it
 * moves from; Borrow, what the borrow limit leaves at the asset's price, within the pool's cash.
 * The wallet and the contract check again; this only guides the person.
 */
export function maxAmount(form: Pick<OperationForm, 'type' | 'asset' | 'direction'>, position: PositionView | null, market: MarketView | undefined): bigint {
  const entry = position?.assets.find((candidate) => candidate.asset === form.asset)
  const big = (text: string | undefined) => BigInt(text ?? '0')
  switch (form.type) {
    case 'supply':
      return big(entry?.balance)
    case 'repay': {
      const balance = big(entry?.balance)
      const debt = big(entry?.borrowed)
      return balance < debt ? balance : debt
    }
    case 'adjust':
      return form.direction === 'to-collateral' ? big(entry?.supplied) : big(entry?.collateral)
    case 'borrow':
      return borrowCap(position, market).max
  }
}

/**
 * What Borrow can take now, and what caps it: the borrow limit the collateral leaves at the
 * asset's price, or the pool's cash (a new market has none until someone supplies it).
 */
export function borrowCap(position: PositionView | null, market: MarketView | undefined): { max: bigint; by: 'collateral' | 'pool' } {
  if (!position || !market) return { max: 0n, by: 'collateral' }
  const room = usd(position.borrowLimitUsd) - usd(position.debtUsd)
  const price = usd(market.priceUsd)
  const byLimit = room <= 0n || price <= 0n ? 0n : (room * 10n ** BigInt(market.decimals)) / price
  const cash = BigInt(market.cash)
  return byLimit <= cash ? { max: byLimit, by: 'collateral' } : { max: cash, by: 'pool' }
}

export type AmountCheck =
  | { ok: true; value: bigint }
  | { ok: false; error: 'required' | 'invalid' | 'zero' }
  | { ok: false; error: 'tooManyDecimals'; decimals: number }
  | { ok: false; error: 'tooLarge'; max: string }

/** Checks an amount as the person types it, in the asset's own units. */
export function checkAmount(text: string, decimals: number, max: bigint): AmountCheck {
  const trimmed = text.trim()
  if (!trimmed) return { ok: false, error: 'required' }
  const value = decimalUnits(trimmed, decimals)
  if (value === null) return { ok: false, error: 'invalid' }
  if ((trimmed.split('.')[1] ?? '').length > decimals) return { ok: false, error: 'tooManyDecimals', decimals }
  if (value === 0n) return { ok: false, error: 'zero' }
  if (value > max) return { ok: false, error: 'tooLarge', max: formatUnits(max, decimals) }
  return { ok: true, value }
}

/** The account's bound wallet on `chain`, if any: Borrow's default recipient there. */
export const boundWalletOn = (account: AccountInfo, chain: WalletChain | undefined) => account.wallets.find((wallet) => wallet.chain === chain)

/**
 * The request the form describes, for `previewOperation` and `operate`. Borrow to the bound
 * wallet names that wallet's address, so the wallet recognises it as bound (no co-signature).
 */
export function requestFor(form: OperationForm, amount: bigint, decimals: number, account: AccountInfo): OperationRequest {
  const human = formatUnits(amount, decimals)
  switch (form.type) {
    case 'supply':
      return { type: 'supply', asset: form.asset, amount: human, collateral: form.collateral }
    case 'repay':
      return { type: 'repay', asset: form.asset, amount: human }
    case 'adjust':
      return { type: 'adjust', asset: form.asset, amount: human, direction: form.direction }
    case 'borrow': {
      const request: OperationRequest = { type: 'borrow', asset: form.asset, amount: human }
      if (!form.chain) return request
      const address = form.recipientMode === 'other' ? form.recipient.trim() : (boundWalletOn(account, form.chain)?.address ?? '')
      return { ...request, recipient: { chain: form.chain, address } }
    }
  }
}

/** Formats a smallest-unit amount for people: at most `maxFraction` decimals. */
export const displayAmount = (value: string | bigint, decimals: number, maxFraction = 6) => formatUnits(BigInt(value), decimals, maxFraction)
