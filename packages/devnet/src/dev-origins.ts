/**
 * Which web pages may call the chain's `dev_*` methods (faucet, oracle, account creation):
 * the demo's own pages, not any site a developer happens to visit while the chain runs. A
 * standard NEAR method answers every origin, as a public RPC does; a `dev_*` call from a page
 * on another origin is refused before it runs, and gets no CORS grant, so that page cannot
 * even read the refusal. A call without an `Origin` header (Node scripts, tests) is not a web
 * page's and is served.
 */

/** Where `pnpm start` serves the demo: its partner page calls the faucet and the explorer. */
export const defaultDevRpcOrigins: readonly string[] = ['http://127.0.0.1:5173']

/**
 * Reads an allowlist written as comma-separated origins (`CCL_DEV_RPC_ORIGINS`); undefined
 * when unset, so the caller picks its default. Anything that is not an exact origin (`*`, a
 * path, a typo) is refused here, at start, rather than silently allowing or matching nothing.
 */
export function devRpcOriginsFromEnv(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined
  return value.split(',').map((entry) => {
    const origin = entry.trim()
    let parsed: URL | undefined
    try {
      parsed = new URL(origin)
    } catch {
      parsed = undefined
    }
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.origin !== origin) {
      throw new Error(`CCL_DEV_RPC_ORIGINS: ${JSON.stringify(origin)} is not an origin; write each as scheme://host[:port] with no path or trailing slash, e.g. http://127.0.0.1:5173.`)
    }
    return origin
  })
}

export type DevCaller = { allowed: true; corsOrigin: string | undefined } | { allowed: false; origin: string }

/** Whether a request with this `Origin` header may run a `dev_*` method, and what to grant it. */
export function devCaller(origin: string | undefined, allowlist: readonly string[]): DevCaller {
  if (origin === undefined) return { allowed: true, corsOrigin: undefined }
  return allowlist.includes(origin) ? { allowed: true, corsOrigin: origin } : { allowed: false, origin }
}
