import { VerificationError, VerificationErrorCode } from './errors'

const utf8 = new TextEncoder()

/** A signed message as wallets take it: text (signed as its UTF-8 bytes) or raw bytes. */
export type WalletMessage = string | Uint8Array

/** The bytes a wallet signs for `message`. */
export function walletMessageBytes(message: WalletMessage): Uint8Array {
  if (typeof message === 'string') return utf8.encode(message)
  if (message instanceof Uint8Array) return message
  throw new VerificationError({
    code: VerificationErrorCode.InvalidVerificationInput,
    shortMessage: `The message must be a string or a Uint8Array, got ${message === null ? 'null' : typeof message}.`,
  })
}
