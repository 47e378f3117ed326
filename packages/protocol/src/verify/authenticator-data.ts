import { VerificationError, VerificationErrorCode } from './errors'

/** rpIdHash (32) + flags (1) + signCount (4): the fixed part every assertion carries. */
export const minAuthenticatorDataLength = 37

/** The flag bits of authenticator data (WebAuthn Level 3, §6.1). */
export const AuthenticatorFlag = {
  UserPresent: 0x01,
  UserVerified: 0x04,
  BackupEligible: 0x08,
  BackedUp: 0x10,
  AttestedCredentialData: 0x40,
  ExtensionData: 0x80,
} as const

export type AuthenticatorData = {
  rpIdHash: Uint8Array
  flags: number
  userPresent: boolean
  userVerified: boolean
  backupEligible: boolean
  backedUp: boolean
  signCount: number
}

export type ParseAuthenticatorDataErrorType = VerificationError

/** Reads the fixed 37-byte head; extensions after it are covered by the signature and left alone. */
export function parseAuthenticatorData(authenticatorData: Uint8Array): AuthenticatorData {
  if (!(authenticatorData instanceof Uint8Array)) {
    throw new VerificationError({
      code: VerificationErrorCode.InvalidVerificationInput,
      shortMessage: 'authenticatorData must be a Uint8Array.',
      details: 'Pass new Uint8Array(response.authenticatorData).',
    })
  }
  if (authenticatorData.length < minAuthenticatorDataLength) {
    throw new VerificationError({
      code: VerificationErrorCode.InvalidAuthenticatorData,
      shortMessage: `The authenticator data is ${authenticatorData.length} bytes; an assertion carries at least ${minAuthenticatorDataLength}.`,
      details: 'Pass response.authenticatorData unmodified.',
    })
  }
  const flags = authenticatorData[32]!
  const view = new DataView(authenticatorData.buffer, authenticatorData.byteOffset, authenticatorData.byteLength)
  return {
    rpIdHash: authenticatorData.subarray(0, 32),
    flags,
    userPresent: (flags & AuthenticatorFlag.UserPresent) !== 0,
    userVerified: (flags & AuthenticatorFlag.UserVerified) !== 0,
    backupEligible: (flags & AuthenticatorFlag.BackupEligible) !== 0,
    backedUp: (flags & AuthenticatorFlag.BackedUp) !== 0,
    signCount: view.getUint32(33, false),
  }
}
