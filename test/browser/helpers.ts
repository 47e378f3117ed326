import type { CrossChainLending } from '@crosschain-lending/widget'
import '@crosschain-lending/widget'
import { addVirtualAuthenticator, readInWallet, removeVirtualAuthenticator, testEnvironment, walletOrigin } from '@crosschain-lending/testing/browser'

/** Resolves with the next event of `type` from `target`, or rejects after `timeoutMs`. */
export function nextEvent<K extends keyof GlobalEventHandlersEventMap>(
  target: EventTarget,
  type: K,
  timeoutMs = 15000,
): Promise<GlobalEventHandlersEventMap[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} event within ${timeoutMs} ms`)), timeoutMs)
    target.addEventListener(
      type,
      (event) => {
        clearTimeout(timer)
        resolve(event as GlobalEventHandlersEventMap[K])
      },
      { once: true },
    )
  })
}

/** Mounts `<crosschain-lending>` pointed at the test wallet and waits for `ccl-ready`. */
export async function mountConnectedElement(options: { passkeyWindow?: 'popup' | 'auto' } = {}): Promise<CrossChainLending> {
  const element = document.createElement('crosschain-lending')
  if (options.passkeyWindow) element.passkeyWindow = options.passkeyWindow
  element.walletOrigin = await walletOrigin()
  const ready = nextEvent(element, 'ccl-ready')
  document.body.append(element)
  await ready
  return element
}

/** Converts CDP's standard base64 credential id to WebAuthn's base64url. */
export const base64ToBase64Url = (text: string) => text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

export function cleanUp(): void {
  for (const node of [...document.body.children]) node.remove()
}

/** Polls `condition` every 20 ms until it holds, failing with `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** The frame's height once the wallet has reported one and it has stopped changing. */
export async function settledHeight(frame: HTMLIFrameElement): Promise<number> {
  await waitFor(() => frame.style.height !== '', 'the wallet reports its height')
  let last = -1
  let stableFor = 0
  await waitFor(() => {
    const height = frame.getBoundingClientRect().height
    stableFor = height === last ? stableFor + 1 : 0
    last = height
    return stableFor >= 5
  }, 'the wallet height settles')
  return last
}

/**
 * Waits for `type` from the element, but fails at once, with the wallet's code and message,
 * when the element reports an error instead. Either way it removes its listeners and its timer,
 * so nothing it started can fire later, inside another test.
 */
export function nextOutcome<K extends keyof GlobalEventHandlersEventMap>(element: EventTarget, type: K, timeoutMs = 20000): Promise<GlobalEventHandlersEventMap[K]> {
  return new Promise((resolve, reject) => {
    const onSuccess = (event: Event) => {
      cleanup()
      resolve(event as GlobalEventHandlersEventMap[K])
    }
    const onError = (event: Event) => {
      cleanup()
      const { code, message, details } = (event as CustomEvent<{ code: string; message: string; details?: string }>).detail
      reject(new Error(`${code}: ${message}${details ? ` (${details})` : ''}`))
    }
    const timer = setTimeout(() => {
      cleanup()
      reject(new Error(`neither ${type} nor ccl-error within ${timeoutMs} ms`))
    }, timeoutMs)
    const cleanup = () => {
      clearTimeout(timer)
      element.removeEventListener(type, onSuccess)
      element.removeEventListener('ccl-error', onError)
    }
    element.addEventListener(type, onSuccess)
    element.addEventListener('ccl-error', onError)
  })
}

/**
 * Gives each test of the enclosing `describe` a fresh virtual authenticator, and removes it and
 * the test's elements afterwards. Returns a getter for the current authenticator's id.
 */
export function useVirtualAuthenticator(): () => string {
  let authenticatorId: string | undefined
  beforeEach(async () => {
    authenticatorId = await addVirtualAuthenticator()
  })
  afterEach(async () => {
    cleanUp()
    if (authenticatorId) await removeVirtualAuthenticator(authenticatorId)
    authenticatorId = undefined
  })
  return () => {
    if (!authenticatorId) throw new Error('useVirtualAuthenticator: no authenticator outside a test')
    return authenticatorId
  }
}

/** A contract view read from the chain directly (not through the wallet), as a block explorer would. */
export async function chainView<T>(method: string, args: Record<string, unknown>): Promise<T> {
  const { rpcUrl } = await testEnvironment()
  const response = await fetch(rpcUrl!, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'query', params: { request_type: 'call_function', finality: 'final', account_id: 'lending.devnet', method_name: method, args_base64: btoa(JSON.stringify(args)) } }),
  })
  const body = (await response.json()) as { result: { result: number[] } }
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(body.result.result))) as T
}

/** Polls the wallet frame until `selector` is there, and returns its text. */
export const textInWallet = (selector: string, timeoutMs = 10000): Promise<string> => textInWalletMatching(selector, /(?:)/, timeoutMs)

/** The text of `selector` in the wallet once it matches `pattern`: for statuses that change as work goes on. */
export async function textInWalletMatching(selector: string, pattern: RegExp, timeoutMs = 15000): Promise<string> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const text = await readInWallet(selector)
    if (text !== null && pattern.test(text)) return text
    if (Date.now() > deadline) throw new Error(text === null ? `"${selector}" never appeared in the wallet` : `"${selector}" in the wallet never matched ${pattern}; it last read ${JSON.stringify(text)}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
