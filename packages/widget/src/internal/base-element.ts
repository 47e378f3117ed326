import { type CSSResultGroup, LitElement, css } from 'lit'

/**
 * The base of every element in this package: the design tokens with their defaults, so each
 * element reads `--ccl-*` properties the partner sets on any ancestor.
 */
export class CclElement extends LitElement {
  static override styles: CSSResultGroup = css`
    :host {
      --_surface: var(--ccl-color-surface, #ffffff);
      --_text: var(--ccl-color-text, #111827);
      --_text-muted: var(--ccl-color-text-muted, #4b5563);
      --_border: var(--ccl-color-border, #d1d5db);
      --_danger: var(--ccl-color-danger, #991b1b);
      --_danger-surface: var(--ccl-color-danger-surface, #fef2f2);
      --_radius: var(--ccl-radius-panel, 16px);
      --_space: var(--ccl-space, 16px);
      --_font: var(--ccl-font-family, system-ui, -apple-system, 'Segoe UI', sans-serif);
      box-sizing: border-box;
    }
    :host([hidden]) {
      display: none !important;
    }
  `
}
