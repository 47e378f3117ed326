/**
 * Integer arithmetic for balances. No floating point touches an amount: amounts are bigint in
 * the asset's smallest unit, prices are USD with 8 decimals, rates and indexes are 18-decimal
 * fixed point. Every division says which way it rounds, and rounding always favors the pool,
 * so no sequence of actions can create value out of rounding.
 */
export const WAD = 10n ** 18n
export const BPS = 10_000n
export const USD_DECIMALS = 8
export const USD = 10n ** BigInt(USD_DECIMALS)
export const YEAR_MS = 365n * 24n * 60n * 60n * 1000n

export function mulDivDown(a: bigint, b: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('division by a non-positive denominator')
  return (a * b) / denominator
}

export function mulDivUp(a: bigint, b: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('division by a non-positive denominator')
  const product = a * b
  return product === 0n ? 0n : (product - 1n) / denominator + 1n
}

export const min = (a: bigint, b: bigint) => (a < b ? a : b)

/** One formatter for the contract, the wallet and the element: the protocol's. */
export { formatUnits } from '@crosschain-lending/protocol'

/** USD (8 decimals) as dollars and cents, rounded down: "100.00". */
export function formatUsd(value: bigint): string {
  const cents = value / 10n ** BigInt(USD_DECIMALS - 2)
  const negative = cents < 0n
  const abs = negative ? -cents : cents
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`
}
