import { css } from 'lit'

export const crosschainLendingStyles = css`
  :host {
    display: block;
    max-width: 480px;
    font-family: var(--_font);
    color: var(--_text);
  }
  [part='base'] {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  [part='header'] {
    margin: 0 0 8px;
    font-size: 18px;
    font-weight: 650;
  }
  [part='status'] {
    margin: 0 0 12px;
    color: var(--_text-muted);
    font-size: 14px;
  }
  [part='wallet-frame'] {
    display: block;
    width: 100%;
    height: 160px;
    border: 0;
    border-radius: calc(var(--_radius) - 6px);
    color-scheme: normal;
  }
  [part='error'] {
    margin: 12px 0 0;
    padding: 8px 12px;
    border-radius: calc(var(--_radius) - 6px);
    background: var(--_danger-surface);
    color: var(--_danger);
    font-size: 14px;
  }
`
