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
      --_primary: var(--ccl-color-primary, #1d4ed8);
      --_primary-text: var(--ccl-color-primary-text, #ffffff);
      --_warning: var(--ccl-color-warning, #92400e);
      --_warning-surface: var(--ccl-color-warning-surface, #fffbeb);
      --_muted-surface: var(--ccl-color-muted-surface, #f3f4f6);
      --_radius: var(--ccl-radius-panel, 16px);
      --_radius-control: var(--ccl-radius-control, 8px);
      --_space: var(--ccl-space, 16px);
      --_font: var(--ccl-font-family, system-ui, -apple-system, 'Segoe UI', sans-serif);
      box-sizing: border-box;
    }
    /* The dark preset (appearance "dark", or "system" on a dark system): same tokens, dark defaults. */
    :host([data-color-scheme='dark']) {
      color-scheme: dark;
      --_surface: var(--ccl-color-surface, #111827);
      --_text: var(--ccl-color-text, #f9fafb);
      --_text-muted: var(--ccl-color-text-muted, #d1d5db);
      --_border: var(--ccl-color-border, #374151);
      --_danger: var(--ccl-color-danger, #fecaca);
      --_danger-surface: var(--ccl-color-danger-surface, #450a0a);
      --_primary: var(--ccl-color-primary, #93c5fd);
      --_primary-text: var(--ccl-color-primary-text, #0b1220);
      --_warning: var(--ccl-color-warning, #fde68a);
      --_warning-surface: var(--ccl-color-warning-surface, #422006);
      --_muted-surface: var(--ccl-color-muted-surface, #1f2937);
    }
    :host([hidden]) {
      display: none !important;
    }
  `
}
