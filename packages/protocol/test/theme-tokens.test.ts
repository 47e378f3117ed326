import { contrastRatio, parseWalletTheme, resolveTheme } from '../src/messenger'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

const pairs = (tokens: Record<string, string>) => [
  [tokens['--ccl-color-text'], tokens['--ccl-color-surface']],
  [tokens['--ccl-color-text-muted'], tokens['--ccl-color-surface']],
  [tokens['--ccl-color-primary'], tokens['--ccl-color-surface']],
  [tokens['--ccl-color-on-primary'], tokens['--ccl-color-primary']],
  [tokens['--ccl-color-danger'], tokens['--ccl-color-danger-surface']],
  [tokens['--ccl-color-warning'], tokens['--ccl-color-warning-surface']],
  [tokens['--ccl-color-info'], tokens['--ccl-color-info-surface']],
] as [string, string][]

describe('host themes are data, and never make the wallet unreadable', () => {
  it('behavior: a reasonable theme is applied as asked', () => {
    const { tokens, adjusted } = resolveTheme(parseWalletTheme({ colors: { primary: '#6d28d9', surface: '#FAFAFA' }, radius: 4, fontFamily: 'serif' }))
    expect(tokens).toMatchObject({ '--ccl-color-primary': '#6d28d9', '--ccl-color-surface': '#fafafa', '--ccl-radius-control': '4px', '--ccl-font-family': "Georgia, 'Times New Roman', serif" })
    expect(adjusted).toEqual([])
  })

  it('error: white text on white, or a primary that vanishes into the surface, is moved to AA contrast and reported', () => {
    const { tokens, adjusted } = resolveTheme(parseWalletTheme({ colors: { text: '#ffffff', textMuted: '#fefefe', primary: '#f0f0f0', surface: '#ffffff', warning: '#fffbeb' } }))
    expect(adjusted.sort()).toEqual(['primary', 'text', 'textMuted', 'warning'])
    for (const [foreground, background] of pairs(tokens)) expect(contrastRatio(foreground, background)).toBeGreaterThanOrEqual(4.5)
  })

  it('property: every color pair stays at AA for any surface and text the host picks (dark scheme too)', () => {
    const color = fc.integer({ min: 0, max: 0xffffff }).map((value) => `#${value.toString(16).padStart(6, '0')}`)
    const theme = fc.record({
      colorScheme: fc.constantFrom('light' as const, 'dark' as const),
      colors: fc.record({ surface: color, text: color, textMuted: color, primary: color, danger: color, warning: color }),
    })
    fc.assert(
      fc.property(theme, (picked) => {
        for (const [foreground, background] of pairs(resolveTheme(parseWalletTheme(picked)).tokens)) expect(contrastRatio(foreground, background)).toBeGreaterThanOrEqual(4.5)
      }),
      { numRuns: 500 },
    )
  })

  it('error: CSS smuggled in a value, unknown fields and fonts outside the list are refused with INVALID_THEME', () => {
    for (const hostile of [
      { colors: { primary: 'red; background: url(https://evil.example/x)' } },
      { colors: { primary: 'var(--x)' } },
      { colors: { primary: 'rgb(0 0 0)' } },
      { colors: { border: '#000000' } },
      { fontFamily: 'Comic Sans MS' },
      { fontFamily: "x'; } * { display: none" },
      { radius: '4px' },
      { radius: 400 },
      { css: 'body { display: none }' },
      { colorScheme: 'auto' },
      'dark',
      null,
    ]) {
      expect(() => parseWalletTheme(hostile), JSON.stringify(hostile)).toThrow(expect.objectContaining({ code: 'INVALID_THEME' }))
    }
  })
})
