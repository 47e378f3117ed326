import type { MarketView, PositionView } from '@crosschain-lending/protocol'
import type { AccountInfo } from '@crosschain-lending/protocol/messenger'
import { describe, expect, it } from 'vitest'
import { borrowCap, checkAmount, decimalUnits, emptyForm, isAvailable, maxAmount, requestFor } from '../src/internal/lending-model'
import { contrastRatio, parseWalletTheme, resolveTheme } from '@crosschain-lending/protocol/messenger'
import { elementTokensFor, walletThemeFor } from '../src/appearance'
import { messagesFor } from '../src/i18n'

const unbound: AccountInfo = { id: 'pk-1', bound: false, wallets: [], passkeys: [] }
const bound: AccountInfo = { ...unbound, bound: true, wallets: [{ chain: 'evm', address: '0xAbC0000000000000000000000000000000000001' }] }
const usdc: MarketView = { asset: 'USDC', decimals: 6, chains: ['evm', 'solana'], priceUsd: '1', collateralFactor: '0.8', cash: '500000000', totalSupplied: '0', totalBorrowed: '0', reserves: '0' }
const position: PositionView = {
  accountId: 'pk-1',
  assets: [{ asset: 'USDC', decimals: 6, balance: '7000000', supplied: '2000000', collateral: '3000000', borrowed: '1500000', priceUsd: '1', supplyApr: '0.01', borrowApr: '0.05' }],
  collateralUsd: '3',
  borrowLimitUsd: '2.4',
  debtUsd: '1.5',
  healthFactor: '1.6',
}

describe('the lending form’s rules', () => {
  it('behavior: Supply and Borrow wait for a bound wallet, by the protocol’s policy table; Repay and Adjust never do', () => {
    expect(['supply', 'repay', 'adjust', 'borrow'].map((type) => isAvailable(type as never, unbound))).toEqual([false, true, true, false])
    expect(['supply', 'repay', 'adjust', 'borrow'].map((type) => isAvailable(type as never, bound))).toEqual([true, true, true, true])
  })

  it('behavior: Max is what each operation can move: balance, debt, the side adjusted from, and the borrow limit at the price within the pool’s cash', () => {
    const form = (type: 'supply' | 'repay' | 'adjust' | 'borrow', direction: 'to-collateral' | 'to-supplied' = 'to-collateral') => ({ type, asset: 'USDC', direction })
    expect(maxAmount(form('supply'), position, usdc)).toBe(7_000_000n)
    expect(maxAmount(form('repay'), position, usdc)).toBe(1_500_000n)
    expect(maxAmount(form('adjust'), position, usdc)).toBe(2_000_000n)
    expect(maxAmount(form('adjust', 'to-supplied'), position, usdc)).toBe(3_000_000n)
    expect(maxAmount(form('borrow'), position, usdc)).toBe(900_000n)
    expect(maxAmount(form('borrow'), position, { ...usdc, cash: '100' })).toBe(100n)
    expect(maxAmount(form('borrow'), { ...position, borrowLimitUsd: '0', debtUsd: '0' }, usdc)).toBe(0n)
    expect(maxAmount(form('supply'), null, usdc)).toBe(0n)
  })

  it('behavior: Borrow says what caps it: the collateral\'s borrow limit, or the pool\'s cash (a new market has none)', () => {
    expect(borrowCap(position, usdc)).toEqual({ max: 900_000n, by: 'collateral' })
    expect(borrowCap(position, { ...usdc, cash: '100' })).toEqual({ max: 100n, by: 'pool' })
    expect(borrowCap(position, { ...usdc, cash: '0' })).toEqual({ max: 0n, by: 'pool' })
    expect(borrowCap({ ...position, borrowLimitUsd: '0', debtUsd: '0' }, { ...usdc, cash: '0' })).toEqual({ max: 0n, by: 'collateral' })
    expect(borrowCap(null, usdc)).toEqual({ max: 0n, by: 'collateral' })
  })

  it.each([
    ['', { ok: false, error: 'required' }],
    ['abc', { ok: false, error: 'invalid' }],
    ['1,5', { ok: false, error: 'invalid' }],
    ['-1', { ok: false, error: 'invalid' }],
    ['.', { ok: false, error: 'invalid' }],
    ['0', { ok: false, error: 'zero' }],
    ['1.1234567', { ok: false, error: 'tooManyDecimals', decimals: 6 }],
    ['8', { ok: false, error: 'tooLarge', max: '7' }],
    ['.5', { ok: true, value: 500_000n }],
    ['7', { ok: true, value: 7_000_000n }],
  ])('amount "%s"', (text, expected) => {
    expect(checkAmount(text, 6, 7_000_000n)).toEqual(expected)
  })

  it('behavior: the request names the bound wallet for Borrow to it, and the typed address otherwise', () => {
    const form = { ...emptyForm('borrow'), asset: 'USDC', chain: 'evm' as const }
    expect(requestFor(form, 1_500_000n, 6, bound)).toEqual({ type: 'borrow', asset: 'USDC', amount: '1.5', recipient: { chain: 'evm', address: bound.wallets[0]!.address } })
    expect(requestFor({ ...form, recipientMode: 'other', recipient: ' 0x9 ' }, 1n, 6, bound)).toEqual({ type: 'borrow', asset: 'USDC', amount: '0.000001', recipient: { chain: 'evm', address: '0x9' } })
    expect(requestFor({ ...emptyForm('supply'), asset: 'USDC', collateral: false }, 10n ** 6n, 6, bound)).toEqual({ type: 'supply', asset: 'USDC', amount: '1', collateral: false })
  })

  it('behavior: decimals parse with zero allowed and extra places cut; anything else is null', () => {
    expect(decimalUnits('0', 8)).toBe(0n)
    expect(decimalUnits('2.123456789', 8)).toBe(212_345_678n)
    expect(decimalUnits('', 8)).toBe(null)
    expect(decimalUnits('1e5', 8)).toBe(null)
  })

  it('behavior: languages by primary subtag, English otherwise; every language has every message', () => {
    expect(messagesFor('es-MX').lang).toBe('es')
    expect(messagesFor('fr').lang).toBe('en')
    expect(messagesFor(undefined).lang).toBe('en')
    const keys = (value: object): string[] => Object.entries(value).flatMap(([key, inner]) => (inner && typeof inner === 'object' ? keys(inner).map((k) => `${key}.${k}`) : [key]))
    expect(keys(messagesFor('es')).sort()).toEqual(keys(messagesFor('en')).sort())
  })
})

describe('the element’s own tokens from its appearance', () => {
  it('behavior: the appearance’s variables become the element’s tokens, through the wallet’s theme schema', () => {
    const theme = walletThemeFor({ variables: { colorPrimary: '#6d28d9', colorText: '#000', borderRadius: 4, fontFamily: 'serif' } }, false)
    expect(elementTokensFor(theme)).toEqual({
      '--ccl-color-primary': '#6d28d9',
      '--ccl-color-primary-text': '#ffffff',
      '--ccl-color-text': '#000000',
      '--ccl-radius-control': '4px',
      '--ccl-font-family': "Georgia, 'Times New Roman', serif",
    })
  })

  it('behavior: a color that would not read on the surface is made readable the way the wallet does it, so both show the same color', () => {
    const theme = walletThemeFor({ theme: 'dark', variables: { colorPrimary: '#6d28d9', colorText: '#1f2937' } }, false)
    const tokens = elementTokensFor(theme)
    const wallet = resolveTheme(parseWalletTheme(theme)).tokens
    expect(tokens['--ccl-color-primary']).toBe(wallet['--ccl-color-primary'])
    expect(tokens['--ccl-color-text']).toBe(wallet['--ccl-color-text'])
    expect(tokens['--ccl-color-primary']).not.toBe('#6d28d9')
    expect(contrastRatio(tokens['--ccl-color-primary']!, '#111827')).toBeGreaterThanOrEqual(4.5)
    expect(contrastRatio(tokens['--ccl-color-text']!, '#111827')).toBeGreaterThanOrEqual(4.5)
    // Only what the appearance set: the partner's CSS keeps the rest.
    expect(Object.keys(tokens).sort()).toEqual(['--ccl-color-primary', '--ccl-color-primary-text', '--ccl-color-text'])
  })

  it('error: a theme the wallet would refuse (CSS in a color, a radius out of range) restyles nothing', () => {
    expect(elementTokensFor(walletThemeFor({ variables: { colorPrimary: 'red; background: url(x)' } }, false))).toEqual({})
    expect(elementTokensFor(walletThemeFor({ variables: { borderRadius: 99 } }, false))).toEqual({})
  })
})
