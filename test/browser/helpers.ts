import type { CrossChainLending } from '@crosschain-lending/widget'
import '@crosschain-lending/widget'
import { walletOrigin } from '@crosschain-lending/testing/browser'

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
export async function mountConnectedElement(): Promise<CrossChainLending> {
  const element = document.createElement('crosschain-lending')
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
