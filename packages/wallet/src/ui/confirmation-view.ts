import type { Confirmation } from '../confirmations'
import { element } from '../window-page'

/**
 * What a confirmation says, as DOM: each fact on its own line, the warning, and the exact request
 * signed. The one rendering the panel inside the iframe and the wallet origin's own windows (the
 * passkey window, the wallet window) all show, so a step approved in a window reads there exactly
 * as it would have on the panel. Text only, never markup: the facts name addresses and amounts
 * that may have come from the host page. A line with no value is left out rather than shown blank.
 */
export function confirmationFacts(confirmation: Confirmation): HTMLElement {
  const facts = element('div', { class: 'confirmation-facts' })
  const list = element('dl', { class: 'facts' })
  for (const line of confirmation.lines) {
    if (line.value === '') continue
    const value = element('dd')
    value.append(element('code', {}, line.value))
    list.append(element('dt', {}, line.label), value)
  }
  facts.append(list)
  if (confirmation.warning) facts.append(element('p', { class: 'warning', id: 'confirm-warning' }, confirmation.warning))
  if (confirmation.payload) {
    const details = element('details', { id: 'confirm-payload' })
    details.append(element('summary', {}, `Exact request signed (id ${confirmation.payload.requestId.slice(0, 16)}…)`), element('pre', {}, confirmation.payload.text))
    facts.append(details)
  }
  return facts
}

const rendered = new WeakMap<Confirmation, HTMLElement>()

/**
 * The same, made once per confirmation: the panel re-renders as Confirm arms and disarms, and a
 * fresh node each time would close the request details the person opened.
 */
export function confirmationFactsOnce(confirmation: Confirmation): HTMLElement {
  let facts = rendered.get(confirmation)
  if (!facts) rendered.set(confirmation, (facts = confirmationFacts(confirmation)))
  return facts
}
