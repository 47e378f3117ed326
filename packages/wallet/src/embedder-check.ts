import { isOriginAllowed } from '@crosschain-lending/protocol'

/**
 * Behind `frame-ancestors`, a second check where the browser tells the wallet who embeds it
 * (`location.ancestorOrigins`: Chromium and Safari). Returns the reason to stay silent, or
 * undefined when the wallet may start. Where the list is unavailable (Firefox) the browser's
 * `frame-ancestors` enforcement and the message gate remain.
 */
export function embedderRefusal(ancestorOrigins: ArrayLike<string> | undefined, allowedHostOrigins: readonly string[]): string | undefined {
  if (!ancestorOrigins || ancestorOrigins.length === 0) return undefined
  const parent = ancestorOrigins[0]!
  if (!isOriginAllowed(parent, allowedHostOrigins)) {
    return `This site (${parent}) is not allowed to embed the CrossChain Lending wallet.`
  }
  return undefined
}
