import { base32nopad } from '@scure/base'
import { crc16Xmodem } from './crc16'
import { VerificationError, VerificationErrorCode } from './errors'

/** StrKey version byte of an Ed25519 account public key (6 << 3), which base32 renders as `G`. */
const accountVersionByte = 6 << 3
/** version (1) + key (32) + CRC16 (2) = 35 bytes = exactly 56 base32 characters, no padding. */
const accountStrKeyLength = 56

function invalid(address: unknown, why: string, code: VerificationErrorCode = VerificationErrorCode.InvalidAddress): VerificationError {
  return new VerificationError({
    code,
    shortMessage: `${JSON.stringify(address)} is not a Stellar account address: ${why}.`,
    details: 'Pass the G… address (56 characters) of the account that signed.',
  })
}

export type DecodeStellarAddressErrorType = VerificationError

/**
 * Decodes a `G…` StrKey to its 32-byte Ed25519 key, checking length, alphabet, version byte and
 * checksum. Muxed (`M…`), contract (`C…`) and secret (`S…`) keys are refused.
 */
export function decodeStellarAddress(address: string): Uint8Array {
  if (typeof address !== 'string') throw invalid(address, 'expected a string')
  if (address.length !== accountStrKeyLength) throw invalid(address, `it has ${address.length} characters instead of 56`)
  let bytes: Uint8Array
  try {
    bytes = base32nopad.decode(address)
  } catch {
    throw invalid(address, 'it is not upper-case base32')
  }
  if (bytes[0] !== accountVersionByte) throw invalid(address, 'it is not an account public key (G…)')
  const payload = bytes.subarray(0, 33)
  const checksum = bytes[33]! | (bytes[34]! << 8)
  if (crc16Xmodem(payload) !== checksum) throw invalid(address, 'its checksum is wrong, so it was probably mistyped', VerificationErrorCode.InvalidAddressChecksum)
  return bytes.slice(1, 33)
}

/** Encodes a 32-byte Ed25519 key as a `G…` StrKey. */
export function encodeStellarAddress(publicKey: Uint8Array): string {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) throw new RangeError('A Stellar account key is 32 bytes')
  const bytes = new Uint8Array(35)
  bytes[0] = accountVersionByte
  bytes.set(publicKey, 1)
  const checksum = crc16Xmodem(bytes.subarray(0, 33))
  bytes[33] = checksum & 0xff
  bytes[34] = checksum >> 8
  return base32nopad.encode(bytes)
}
