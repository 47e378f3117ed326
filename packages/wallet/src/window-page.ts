/**
 * What the wallet origin's own top-level windows (the passkey window, the external-wallet
 * window) share: building text-only DOM, and checking who opened them.
 */

/** An element with attributes and text. Text only: what these windows show is never markup. */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text = ''): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value)
  node.textContent = text
  return node
}

/** Whether `other` is a document of this origin; reading a cross-origin location throws. */
export function sameOrigin(other: Window): boolean {
  try {
    return other.location.origin === location.origin
  } catch {
    return false
  }
}
