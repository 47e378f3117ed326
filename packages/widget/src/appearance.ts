import { type ThemeColor, type ThemeFont, type WalletTheme, parseWalletTheme, resolveTheme, themeFonts } from '@crosschain-lending/protocol/messenger'

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

const colorTokens: Record<ThemeColor, string> = {
  primary: '--ccl-color-primary',
  surface: '--ccl-color-surface',
  text: '--ccl-color-text',
  textMuted: '--ccl-color-text-muted',
  danger: '--ccl-color-danger',
  warning: '--ccl-color-warning',
}

/**
 * The element's own tokens for the theme it forwards to the wallet, checked by the same schema
 * and made readable by the same rule the wallet uses, so the element and the wallet's panel show
 * the same colors. Only what the appearance sets becomes a token: anything else stays with the
 * partner's CSS. A theme the wallet would refuse (`INVALID_THEME`, reported by the element)
 * restyles nothing here either.
 */
export function elementTokensFor(theme: WalletTheme): Record<string, string> {
  let valid: WalletTheme
  try {
    valid = parseWalletTheme(theme)
  } catch {
    return {}
  }
  const resolved = resolveTheme(valid).tokens as Record<string, string>
  const tokens: Record<string, string> = {}
  for (const name of Object.keys(valid.colors ?? {})) tokens[colorTokens[name as ThemeColor]] = resolved[colorTokens[name as ThemeColor]]!
  if (valid.colors?.primary !== undefined) tokens['--ccl-color-primary-text'] = resolved['--ccl-color-on-primary']!
  if (valid.radius !== undefined) tokens['--ccl-radius-control'] = `${valid.radius}px`
  if (valid.fontFamily !== undefined) tokens['--ccl-font-family'] = themeFonts[valid.fontFamily]
  return tokens
}
