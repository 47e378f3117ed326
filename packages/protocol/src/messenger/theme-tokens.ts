import { type WalletTheme, contrastRatio, minimumContrast, themeFonts } from './theme'

/**
 * The wallet's own look, per color scheme; a host theme changes some of it, never all of it.
 * The element draws its own colors from the same resolution, so both sides match.
 */
const presets = {
  light: {
    primary: '#1d4ed8',
    surface: '#ffffff',
    text: '#111827',
    textMuted: '#4b5563',
    danger: '#991b1b',
    dangerSurface: '#fef2f2',
    warning: '#92400e',
    warningSurface: '#fffbeb',
    info: '#1e3a8a',
    infoSurface: '#eff6ff',
    focus: '#f59e0b',
  },
  dark: {
    primary: '#93c5fd',
    surface: '#111827',
    text: '#f9fafb',
    textMuted: '#d1d5db',
    danger: '#fecaca',
    dangerSurface: '#450a0a',
    warning: '#fde68a',
    warningSurface: '#451a03',
    info: '#bfdbfe',
    infoSurface: '#172554',
    focus: '#f59e0b',
  },
} as const

export type ResolvedTheme = {
  /** CSS custom properties for the wallet's panel, every value from the schema or a preset. */
  tokens: Record<`--ccl-${string}`, string>
  /** Colors changed to keep text readable, by theme color name. */
  adjusted: string[]
}

/**
 * Turns a validated host theme into the wallet's tokens. Every pair of text and background the
 * panel draws is checked against WCAG AA; a host color that would fail it is moved toward black
 * or white until it passes, and reported in `adjusted`. The host cannot make the confirmation
 * unreadable, nor make the amount blend into the background.
 */
export function resolveTheme(theme: WalletTheme): ResolvedTheme {
  const base = presets[theme.colorScheme ?? 'light']
  const asked = theme.colors ?? {}
  const adjusted: string[] = []
  const readable = (name: string, color: string, background: string) => {
    const fixed = readableOn(color, background)
    if (fixed !== color && name in asked) adjusted.push(name)
    return fixed
  }
  const surface = asked.surface ?? base.surface
  const text = readable('text', asked.text ?? base.text, surface)
  const textMuted = readable('textMuted', asked.textMuted ?? base.textMuted, surface)
  // Primary is a button fill (with its own text) and the text of secondary buttons on the surface.
  const primary = readable('primary', asked.primary ?? base.primary, surface)
  const onPrimary = bestOf(['#ffffff', '#000000'], primary)
  const danger = readable('danger', asked.danger ?? base.danger, base.dangerSurface)
  const warning = readable('warning', asked.warning ?? base.warning, base.warningSurface)
  return {
    tokens: {
      '--ccl-color-surface': surface,
      '--ccl-color-text': text,
      '--ccl-color-text-muted': textMuted,
      '--ccl-color-primary': primary,
      '--ccl-color-on-primary': onPrimary,
      '--ccl-color-danger': danger,
      '--ccl-color-danger-surface': base.dangerSurface,
      '--ccl-color-warning': warning,
      '--ccl-color-warning-surface': base.warningSurface,
      '--ccl-color-info': readableOn(base.info, base.infoSurface),
      '--ccl-color-info-surface': base.infoSurface,
      '--ccl-color-focus': base.focus,
      '--ccl-radius-control': `${theme.radius ?? 10}px`,
      '--ccl-font-family': themeFonts[theme.fontFamily ?? 'system'],
    },
    adjusted,
  }
}

/** `color` if it reads on `background` at AA; otherwise the nearest mix toward black or white that does. */
export function readableOn(color: string, background: string): string {
  if (contrastRatio(color, background) >= minimumContrast) return color
  // Black or white, whichever contrasts more, always reaches AA (at least 4.58:1).
  const target = bestOf(['#000000', '#ffffff'], background)
  for (let step = 1; step < 20; step++) {
    const candidate = mix(color, target, step / 20)
    if (contrastRatio(candidate, background) >= minimumContrast) return candidate
  }
  return target
}

function bestOf(candidates: string[], background: string): string {
  return candidates.reduce((best, candidate) => (contrastRatio(candidate, background) > contrastRatio(best, background) ? candidate : best))
}

function mix(from: string, to: string, amount: number): string {
  const channel = (color: string, offset: number) => Number.parseInt(color.slice(offset, offset + 2), 16)
  const out = [1, 3, 5].map((offset) => Math.round(channel(from, offset) + (channel(to, offset) - channel(from, offset)) * amount))
  return `#${out.map((value) => value.toString(16).padStart(2, '0')).join('')}`
}
