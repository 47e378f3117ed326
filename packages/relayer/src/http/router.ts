export type RouteParams = readonly string[]

type Route<Context> = { method: string; pattern: RegExp; handle: (context: Context, params: RouteParams) => Promise<RouteReply> }

/** What a handler answers: a status and a JSON body. */
export type RouteReply = { status: number; body: unknown; headers?: Record<string, string> }

export type RouteMatch<Context> =
  | { kind: 'found'; handle: (context: Context) => Promise<RouteReply> }
  /** The path exists, but not for this method: the methods it has, for `Allow`. */
  | { kind: 'wrong-method'; allowed: string[] }
  | { kind: 'not-found' }

/** Method + path pattern to handler; patterns are anchored and their groups become the params. */
export class Router<Context> {
  readonly #routes: Route<Context>[] = []

  add(method: 'GET' | 'POST', pattern: RegExp, handle: Route<Context>['handle']): this {
    this.#routes.push({ method, pattern, handle })
    return this
  }

  match(method: string, path: string): RouteMatch<Context> {
    const allowed: string[] = []
    for (const route of this.#routes) {
      const groups = route.pattern.exec(path)
      if (!groups) continue
      if (route.method === method) return { kind: 'found', handle: (context) => route.handle(context, groups.slice(1)) }
      allowed.push(route.method)
    }
    return allowed.length > 0 ? { kind: 'wrong-method', allowed } : { kind: 'not-found' }
  }
}
