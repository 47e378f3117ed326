import { VerificationError, VerificationErrorCode } from './errors'

/** The members of CollectedClientData this package reads; browsers may add others. */
export type ClientData = {
  type: string
  challenge: string
  origin: string
  crossOrigin: boolean
  topOrigin?: string
}

function invalid(why: string, cause?: unknown): VerificationError {
  return new VerificationError({
    code: VerificationErrorCode.InvalidClientData,
    shortMessage: `clientDataJSON ${why}.`,
    details: 'Pass response.clientDataJSON exactly as the browser returned it, decoded as UTF-8.',
    cause,
  })
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true })

export type ParseClientDataJSONErrorType = VerificationError

/**
 * Parses clientDataJSON with JSON.parse and type-checks the members used. It never compares the
 * text to a template: browsers may add members and order them as they like (WebAuthn L3 §5.8.1).
 */
export function parseClientDataJSON(clientDataJSON: string | Uint8Array): ClientData {
  let text: string
  if (typeof clientDataJSON === 'string') text = clientDataJSON
  else if (clientDataJSON instanceof Uint8Array) {
    try {
      text = utf8Decoder.decode(clientDataJSON)
    } catch (cause) {
      throw invalid('is not valid UTF-8', cause)
    }
  } else throw invalid(`must be a string or a Uint8Array, got ${typeof clientDataJSON}`)

  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (cause) {
    throw invalid('is not valid JSON', cause)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid('is not a JSON object')
  const { type, challenge, origin, crossOrigin, topOrigin } = parsed as Record<string, unknown>
  if (typeof type !== 'string') throw invalid('has no string "type"')
  if (typeof challenge !== 'string') throw invalid('has no string "challenge"')
  if (typeof origin !== 'string') throw invalid('has no string "origin"')
  if (crossOrigin !== undefined && typeof crossOrigin !== 'boolean') throw invalid('has a "crossOrigin" that is not a boolean')
  if (topOrigin !== undefined && typeof topOrigin !== 'string') throw invalid('has a "topOrigin" that is not a string')
  // Older browsers omit crossOrigin; absent means a same-origin ceremony.
  const clientData: ClientData = { type, challenge, origin, crossOrigin: crossOrigin === true }
  if (topOrigin !== undefined) clientData.topOrigin = topOrigin
  return clientData
}
