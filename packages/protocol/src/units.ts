import { BaseError, ErrorCode } from './errors'

/**
 * Amounts as people write them ("12.5 USDC") and as the contract counts them (12500000 in
 * USDC's 6-decimal smallest unit). Integer arithmetic only: no float ever touches an amount.
 */

/** Formats a fixed-point integer: 123456789n with 8 decimals is "1.23456789"; `maxFraction` truncates (never rounds up). */
export function formatUnits(value: bigint, decimals: number, maxFraction = decimals): string {
  const negative = value < 0n
  const abs = negative ? -value : value
  const base = 10n ** BigInt(decimals)
  const whole = abs / base
  const fraction = decimals === 0 ? '' : (abs % base).toString().padStart(decimals, '0').slice(0, maxFraction).replace(/0+$/, '')
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`
}

const decimalPattern = /^(0|[1-9][0-9]{0,40})(?:\.([0-9]+))?$/

/**
 * Parses a human amount ("12.5") into the smallest unit for `decimals`. Refuses, with
 * `INVALID_AMOUNT` saying why: signs, exponents, separators, zero, and more decimal places
 * than the asset has (rounding someone's amount silently would sign a different one).
 */
export function parseUnits(text: unknown, decimals: number, asset = 'this asset'): bigint {
  const invalid = (why: string) =>
    new BaseError({ code: ErrorCode.InvalidAmount, shortMessage: `The amount ${JSON.stringify(text)} ${why}.`, details: 'Write amounts in the asset\'s own units with a dot for decimals, for example "12.5".' })
  if (typeof text !== 'string') throw invalid('must be a string such as "12.5"')
  const match = decimalPattern.exec(text.trim())
  if (!match) throw invalid('is not a plain decimal number')
  const [, whole = '0', fraction = ''] = match
  if (fraction.length > decimals) throw invalid(`has ${fraction.length} decimal places; ${asset} has ${decimals}`)
  const value = BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0')
  if (value === 0n) throw invalid('must be more than zero')
  return value
}
