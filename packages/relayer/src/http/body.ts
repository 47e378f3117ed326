import type { IncomingMessage } from 'node:http'
import { RelayerError, RelayerErrorCode, invalidHttpRequest } from '../errors'

function tooLarge(maxBytes: number): RelayerError {
  return new RelayerError({ code: RelayerErrorCode.PayloadTooLarge, shortMessage: `The request body is larger than ${maxBytes} bytes.` })
}

/**
 * 415 unless the body is declared JSON. Checked before any budget is charged: a browser sends
 * `application/json` across origins only after a CORS preflight, so an `<img>`, a form post or a
 * `no-cors` fetch from any page is refused here for free, and spends no one's budget.
 */
export function requireJsonContentType(request: IncomingMessage): void {
  const type = request.headers['content-type'] ?? ''
  if (!/^application\/json\s*(;|$)/i.test(type)) throw invalidHttpRequest('Send the body as JSON with Content-Type: application/json.', undefined, 415)
}

/**
 * Reads a JSON body of at most `maxBytes`. A declared length over the limit is refused before
 * a byte is read; an undeclared (chunked) one is counted as it arrives and refused the moment
 * it passes the limit, so nothing larger is ever held in memory.
 */
export async function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  requireJsonContentType(request)
  const declared = Number(request.headers['content-length'])
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes)

  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxBytes) throw tooLarge(maxBytes)
    chunks.push(chunk)
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw invalidHttpRequest('The request body is not valid JSON.')
  }
}
