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
    /* Messages name full addresses: they wrap anywhere rather than run out of a narrow element. */
    overflow-wrap: anywhere;
  }

  [part='warning'] {
    margin: 12px 0 0;
    padding: 10px 12px;
    border-radius: var(--_radius-control);
    background: var(--_warning-surface);
    color: var(--_warning);
    font-size: 14px;
    display: grid;
    gap: 4px;
  }
  section {
    margin-top: 16px;
  }
  h3 {
    font-size: 15px;
    margin: 0 0 8px;
  }
  .hint {
    color: var(--_text-muted);
    font-size: 13px;
    margin: 4px 0;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 13px;
  }
  th,
  td {
    text-align: right;
    padding: 4px;
    border-bottom: 1px solid var(--_border);
    font-variant-numeric: tabular-nums;
  }
  th[scope='row'],
  thead th:first-child {
    text-align: left;
  }
  /* Five columns at 13px need about 330px: on a phone the last one was cut off at the edge. */
  @container (max-width: 400px) {
    th,
    td {
      padding: 4px 2px;
      font-size: 12px;
    }
  }
  /*
   * The table's box is the container its columns are fitted to (the width the element gives it,
   * not the viewport's), and long amounts (18-decimal assets) that are still wider scroll rather
   * than being cut off. Containment sits here, not on :host, so the element keeps its own size.
   */
  .table-scroll {
    container-type: inline-size;
    overflow-x: auto;
  }
  small {
    color: var(--_text-muted);
    font-weight: 400;
  }
  .health {
    margin: 8px 0 0;
  }
  [part~='tabs'] {
    display: flex;
    gap: 4px;
    border-bottom: 1px solid var(--_border);
  }
  [part~='tab'] {
    font: inherit;
    font-size: 14px;
    padding: 8px 12px;
    border: 0;
    border-bottom: 2px solid transparent;
    background: none;
    color: var(--_text-muted);
    cursor: pointer;
  }
  [part~='tab-selected'] {
    color: var(--_text);
    border-bottom-color: var(--_primary);
    font-weight: 600;
  }
  [part='form'] {
    display: grid;
    gap: 10px;
    padding-top: 8px;
  }
  .field {
    display: grid;
    gap: 4px;
    border: 0;
    padding: 0;
    margin: 0;
  }
  label,
  legend {
    font-size: 13px;
    font-weight: 600;
  }
  .check {
    font-weight: 400;
    display: flex;
    gap: 6px;
    align-items: center;
  }
  input:not([type='checkbox'], [type='radio']),
  select {
    font: inherit;
    font-size: 15px;
    padding: 8px 10px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius-control);
    background: var(--_surface);
    color: var(--_text);
    min-width: 0;
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .amount-row {
    display: flex;
    gap: 6px;
  }
  .amount-row input {
    flex: 1;
  }
  button {
    font: inherit;
    font-size: 14px;
    padding: 8px 14px;
    border-radius: var(--_radius-control);
    border: 1px solid var(--_primary);
    background: var(--_primary);
    color: var(--_primary-text);
    cursor: pointer;
  }
  button.secondary {
    background: transparent;
    color: var(--_text);
    border-color: var(--_border);
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  :focus-visible {
    outline: 3px solid var(--_primary);
    outline-offset: 2px;
  }
  .field-error {
    color: var(--_danger);
    font-size: 13px;
    margin: 0;
    min-height: 1em;
  }
  .notice {
    padding: 10px 12px;
    border-radius: var(--_radius-control);
    background: var(--_warning-surface);
    color: var(--_warning);
    font-size: 14px;
    margin: 0;
  }
  [part='preview'] {
    display: flex;
    gap: 16px;
    flex-wrap: wrap;
    font-size: 13px;
    min-height: 1.2em;
  }
  ol {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  li {
    display: flex;
    justify-content: space-between;
    gap: 8px;
    padding: 6px 0;
    border-bottom: 1px solid var(--_border);
    font-size: 13px;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 0 8px;
    border-radius: 999px;
    background: var(--_muted-surface);
    white-space: nowrap;
  }
  .spinner {
    width: 10px;
    height: 10px;
    border: 2px solid var(--_border);
    border-top-color: var(--_primary);
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
`
