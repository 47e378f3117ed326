import { BaseError, ErrorCode } from './errors'

/**
 * Parses `input` as a web origin (`scheme://host[:port]`) and returns it in the serialized form
 * browsers put in `MessageEvent.origin`, so allowlists compare exactly. Paths, queries,
 * credentials and non-http(s) schemes are refused rather than silently dropped.
 */
export function parseOrigin(input: string, what = 'origin'): string {
  let url: URL
  try {
    url = new URL(input)
  } catch (cause) {
    throw new BaseError({
      code: ErrorCode.InvalidOrigin,
      shortMessage: `The ${what} "${input}" is not a URL. Write it as scheme://host[:port], for example https://wallet.example.com.`,
      cause,
    })
  }
  const problem =
    url.protocol !== 'https:' && url.protocol !== 'http:'
      ? `uses ${url.protocol} instead of https: or http:`
      : url.username || url.password
        ? 'contains credentials'
        : (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash
          ? 'has a path, query or fragment'
          : input.trim().replace(/\/$/, '') !== url.origin
            ? `is not in its canonical form (${url.origin})`
            : undefined
  if (problem) {
    throw new BaseError({
      code: ErrorCode.InvalidOrigin,
      shortMessage: `The ${what} "${input}" ${problem}. Write it as scheme://host[:port], for example https://wallet.example.com.`,
    })
  }
  return url.origin
}

/** Exact, case-sensitive membership of a serialized origin in an allowlist. No wildcards. */
export function isOriginAllowed(origin: string, allowlist: readonly string[]): boolean {
  return origin !== 'null' && allowlist.includes(origin)
}
