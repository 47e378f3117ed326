import { BaseError, ErrorCode } from '../errors'

/**
 * What the host may say about how the wallet looks. Data, never CSS: colors are hex values,
 * the radius a number of pixels, the font a name from a fixed list. The wallet turns it into
 * its own tokens, and keeps every text it shows readable (WCAG AA, 4.5:1) whatever is asked.
 */
export type WalletTheme = {
  colorScheme?: 'light' | 'dark'
  colors?: Partial<Record<ThemeColor, string>>
  /** Corner radius of controls, 0 to 24 px. */
  radius?: number
  fontFamily?: ThemeFont
}

export const themeColors = ['primary', 'surface', 'text', 'textMuted', 'danger', 'warning'] as const
export type ThemeColor = (typeof themeColors)[number]

/** Font families the wallet knows; each maps to a full stack that ends in a generic family. */
export const themeFonts = {
  system: "system-ui, -apple-system, 'Segoe UI', sans-serif",
  'sans-serif': "'Helvetica Neue', Arial, sans-serif",
  serif: "Georgia, 'Times New Roman', serif",
  monospace: "ui-monospace, SFMono-Regular, Menlo, monospace",
  inter: "Inter, system-ui, sans-serif",
  roboto: "Roboto, system-ui, sans-serif",
} as const
export type ThemeFont = keyof typeof themeFonts

const hexColor = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i

function invalidTheme(field: string, why: string): BaseError {
  return new BaseError({ code: ErrorCode.InvalidTheme, shortMessage: `The theme's ${field} ${why}.`, docsPath: '/docs/integrate.md#theming' })
}

/** Validates a theme from the host. Anything that is not exactly the schema is refused, not cleaned. */
export function parseWalletTheme(value: unknown): WalletTheme {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidTheme('value', 'must be an object')
  const theme: WalletTheme = {}
  for (const [key, field] of Object.entries(value)) {
    switch (key) {
      case 'colorScheme':
        if (field !== 'light' && field !== 'dark') throw invalidTheme('colorScheme', 'must be "light" or "dark"')
        theme.colorScheme = field
        break
      case 'radius':
        if (typeof field !== 'number' || !Number.isFinite(field) || field < 0 || field > 24) throw invalidTheme('radius', 'must be a number of pixels from 0 to 24')
        theme.radius = Math.round(field)
        break
      case 'fontFamily':
        if (typeof field !== 'string' || !Object.hasOwn(themeFonts, field)) throw invalidTheme('fontFamily', `must be one of ${Object.keys(themeFonts).join(', ')}`)
        theme.fontFamily = field as ThemeFont
        break
      case 'colors': {
        if (typeof field !== 'object' || field === null || Array.isArray(field)) throw invalidTheme('colors', 'must be an object')
        const colors: Partial<Record<ThemeColor, string>> = {}
        for (const [name, color] of Object.entries(field)) {
          if (!(themeColors as readonly string[]).includes(name)) throw invalidTheme(`colors.${name}`, `is not a theme color (${themeColors.join(', ')})`)
          if (typeof color !== 'string' || !hexColor.test(color)) throw invalidTheme(`colors.${name}`, 'must be a hex color such as "#1d4ed8"')
          colors[name as ThemeColor] = expandHex(color)
        }
        theme.colors = colors
        break
      }
      default:
        throw invalidTheme(key, 'is not a theme field (colorScheme, colors, radius, fontFamily)')
    }
  }
  return theme
}

function expandHex(color: string): string {
  const hex = color.slice(1).toLowerCase()
  return `#${hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex}`
}

/** WCAG 2 relative luminance of a `#rrggbb` color. */
export function luminance(color: string): number {
  const channel = (offset: number) => {
    const value = Number.parseInt(color.slice(offset, offset + 2), 16) / 255
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

/** WCAG 2 contrast ratio of two `#rrggbb` colors, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (light + 0.05) / (dark + 0.05)
}

/** WCAG AA for body text. */
export const minimumContrast = 4.5
