import { describe, expect, it } from 'vitest'
import { formatUnits, parseUnits } from '../src/units'

describe('amounts in human units', () => {
  it('behavior: parses and formats without floating point', () => {
    expect(parseUnits('12.5', 6)).toBe(12_500_000n)
    expect(parseUnits('0.000001', 6)).toBe(1n)
    expect(parseUnits('1000000000000', 24)).toBe(10n ** 36n)
    expect(formatUnits(12_500_000n, 6)).toBe('12.5')
    expect(formatUnits(10n ** 36n, 24)).toBe('1000000000000')
    expect(formatUnits(parseUnits('0.1', 18), 18)).toBe('0.1')
  })

  it('error: signs, exponents, separators, zero and extra decimals are refused with INVALID_AMOUNT', () => {
    for (const bad of ['-1', '1e6', '1,000', '', '.5', '1.', '0', '0.000', 'ten', ' 1 2']) {
      expect(() => parseUnits(bad, 6), bad).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT' }))
    }
    expect(() => parseUnits('1.0000001', 6, 'USDC')).toThrow(/7 decimal places; USDC has 6/)
    expect(() => parseUnits(12, 6)).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT' }))
  })
})
