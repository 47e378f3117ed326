import type { CrossChainLending } from '@crosschain-lending/widget'
import { sendKeys } from '@web/test-runner-commands'
import { waitFor } from '../helpers'

/** The element's shadow root, for reading what a person sees on the host page. */
export const shadow = (element: CrossChainLending) => element.shadowRoot!

export const part = (element: CrossChainLending, selector: string) => shadow(element).querySelector<HTMLElement>(selector)

/** Text of `selector` in the element, whitespace collapsed; null when absent. */
export const textOf = (element: CrossChainLending, selector: string) => part(element, selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? null

/** Types into a field with real key presses, replacing what it held. */
export async function typeInto(element: CrossChainLending, selector: string, text: string): Promise<void> {
  const input = part(element, selector) as HTMLInputElement | null
  if (!input) throw new Error(`${selector} is not in the element`)
  input.focus()
  input.select()
  await sendKeys({ press: 'Backspace' })
  if (text) await sendKeys({ type: text })
}

/** Waits until `selector`'s text matches `pattern`, and returns it. */
export async function textMatching(element: CrossChainLending, selector: string, pattern: RegExp, timeoutMs = 10000): Promise<string> {
  await waitFor(() => pattern.test(textOf(element, selector) ?? ''), `${selector} shows ${pattern}`, timeoutMs)
  return textOf(element, selector)!
}

/** Waits for the element's lending UI (it appears once signed in and the chain has been read). */
export async function lendingUi(element: CrossChainLending): Promise<void> {
  await waitFor(() => part(element, '[part="position"]') !== null && part(element, '#position-empty, table') !== null && (part(element, '#asset') !== null || part(element, '#operation-unavailable') !== null), 'the lending UI is drawn', 15000)
}

/**
 * Lets a programmatic focus reach the browser before keys are pressed. The last click was in the
 * wallet frame, another process: moving focus back to this page is asynchronous, and a key sent
 * at once can still land in the frame (a flake CI found).
 */
export const focusSettled = () => new Promise((resolve) => setTimeout(resolve, 200))
