import type { ThemeFont, WalletTheme } from '@crosschain-lending/protocol/messenger'

/**
 * How a partner restyles the element, in the manner of Stripe's Appearance API: a preset and a
 * few variables. The element uses them for its own tokens; the safe subset is forwarded to the
 * wallet iframe as data, where it is validated and kept readable.
 */
export type Appearance = {
  /** `system` follows `prefers-color-scheme`. */
  theme?: 'light' | 'dark' | 'system'
  variables?: {
    /** Hex colors, e.g. `#6d28d9`. */
    colorPrimary?: string
    colorSurface?: string
    colorText?: string
    colorTextMuted?: string
    colorDanger?: string
    colorWarning?: string
    /** Control corner radius in pixels, 0 to 24. */
    borderRadius?: number
    fontFamily?: ThemeFont
  }
}

/** The wallet's theme for an appearance; `prefersDark` answers `system`. */
export function walletThemeFor(appearance: Appearance, prefersDark: boolean): WalletTheme {
  const variables = appearance.variables ?? {}
  const colors: NonNullable<WalletTheme['colors']> = {}
  if (variables.colorPrimary !== undefined) colors.primary = variables.colorPrimary
  if (variables.colorSurface !== undefined) colors.surface = variables.colorSurface
  if (variables.colorText !== undefined) colors.text = variables.colorText
  if (variables.colorTextMuted !== undefined) colors.textMuted = variables.colorTextMuted
  if (variables.colorDanger !== undefined) colors.danger = variables.colorDanger
  if (variables.colorWarning !== undefined) colors.warning = variables.colorWarning
  const scheme = appearance.theme === 'system' ? (prefersDark ? 'dark' : 'light') : (appearance.theme ?? 'light')
  return {
    colorScheme: scheme,
    ...(Object.keys(colors).length ? { colors } : {}),
    ...(variables.borderRadius !== undefined ? { radius: variables.borderRadius } : {}),
    ...(variables.fontFamily !== undefined ? { fontFamily: variables.fontFamily } : {}),
  }
}

/**
 * The `appearance` attribute: a preset name (`light`, `dark`, `system`). The property takes the
 * whole object; the attribute is the preset alone, for pages that configure in HTML.
 */
export const appearanceAttribute = {
  fromAttribute: (value: string | null): Appearance | undefined =>
    value === 'light' || value === 'dark' || value === 'system' ? { theme: value } : undefined,
}

/** The element's own tokens for an appearance's variables (its wallet gets them as validated data). */
export function elementTokensFor(appearance: Appearance | undefined): Record<string, string> {
  const variables = appearance?.variables ?? {}
  const tokens: Record<string, string> = {}
  const hex = /^#[0-9a-fA-F]{6}$/
  const set = (name: string, value: string | undefined) => {
    if (value !== undefined && hex.test(value)) tokens[name] = value
  }
  set('--ccl-color-primary', variables.colorPrimary)
  set('--ccl-color-surface', variables.colorSurface)
  set('--ccl-color-text', variables.colorText)
  set('--ccl-color-text-muted', variables.colorTextMuted)
  set('--ccl-color-danger', variables.colorDanger)
  set('--ccl-color-warning', variables.colorWarning)
  if (typeof variables.borderRadius === 'number' && variables.borderRadius >= 0 && variables.borderRadius <= 24) tokens['--ccl-radius-control'] = `${variables.borderRadius}px`
  return tokens
}
