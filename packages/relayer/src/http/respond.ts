import type { ServerResponse } from 'node:http'

export type Headers = Record<string, string>

/** Writes a JSON response. Nothing the relayer answers may be cached or sniffed as another type. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Headers = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body)
  response.writeHead(status, {
    ...headers,
    ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  })
  response.end(text)
}
