import { BaseError, ErrorCode, toBase64Url } from '@crosschain-lending/protocol'

/**
 * What the wallet origin's own top-level windows (the passkey window, the external-wallet
 * window) share: building text-only DOM, booting (and checking who opened them), and opening them.
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

/** A window of the wallet's own that booted for a wallet frame: its page, its status line, the frame. */
export type OwnWindowPage = {
  main: HTMLElement
  /** The live status line. A window puts its purpose (heading, site) before it: it reads under them. */
  status: HTMLElement
  /** The wallet frame that opened this window: the only document it answers. */
  opener: Window
}

/**
 * The skeleton both windows boot with: the wallet's name, a status line, and the check that
 * decides whether the window serves anyone. It serves only a top-level window whose opener is a
 * document of this origin (the wallet frame); opened by any other page, or framed, it says so
 * and stays inert (`data-state="inert"`), with nothing listening.
 */
export function bootOwnWindow(page: { className: string; statusId: string; inert: string }): OwnWindowPage | undefined {
  const main = element('main', { class: page.className, 'data-state': 'waiting' })
  const heading = element('h1', {}, 'CrossChain Lending wallet')
  const status = element('p', { id: page.statusId, class: 'status', role: 'status', 'aria-live': 'polite' }, 'Waiting for the wallet…')
  main.append(heading, status)
  document.body.append(main)

  const opener = window.opener as Window | null
  if (!opener || window.top !== window || !sameOrigin(opener)) {
    status.textContent = page.inert
    main.dataset.state = 'inert'
    return undefined
  }
  return { main, status, opener }
}

/** One of the wallet's own windows to open, and what to say when the browser will not. */
export type OwnWindow = {
  path: string
  /** Prefix of the window's name; a random part is added each time. */
  namePrefix: string
  features: string
  /** True when the panel has just asked for the click that opens it (it is not asked twice). */
  asked: boolean
  /** Asks the person for a click on the panel (a fresh user activation). */
  ask: () => Promise<void>
  blocked: { what: string; details: string; docsPath: string }
}

/**
 * Opens a top-level window of this origin under a fresh name, so a window another page opened
 * can never be picked up by name. When the browser blocks it and the panel has not just asked,
 * the person is asked for a click and it is tried once more; blocked then, it is a typed error.
 */
export async function openOwnWindow(target: OwnWindow): Promise<Window> {
  const url = new URL(target.path, location.origin).href
  const name = () => `${target.namePrefix}-${toBase64Url(crypto.getRandomValues(new Uint8Array(8)))}`
  let opened = window.open(url, name(), target.features)
  if (!opened && !target.asked) {
    await target.ask()
    opened = window.open(url, name(), target.features)
  }
  if (opened) return opened
  throw new BaseError({
    code: ErrorCode.PasskeyWindowBlocked,
    shortMessage: `The browser blocked the ${target.blocked.what}. Allow pop-ups for ${location.host}, then try again.`,
    details: target.blocked.details,
    docsPath: target.blocked.docsPath,
  })
}
