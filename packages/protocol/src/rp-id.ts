import { BaseError, ErrorCode } from './errors'

const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/

/**
 * Checks that `rpId` can serve as the WebAuthn relying-party ID of a page on `hostname`: a
 * domain (never an IP address, which browsers refuse with `SecurityError`) equal to the
 * hostname or one of its parent domains. Throws `INVALID_RP_ID` saying which rule failed.
 */
export function assertRpIdFor(rpId: string, hostname: string): void {
  const fail = (why: string) => {
    throw new BaseError({
      code: ErrorCode.InvalidRpId,
      shortMessage: `The RP ID "${rpId}" cannot be used on ${hostname}: ${why}.`,
      details: 'The wallet origin owns the passkey RP ID; set it to the wallet host name (for example wallet.example.com or localhost).',
      docsPath: '/docs/operate.md#rp-id',
    })
  }
  if (!rpId) fail('it is empty')
  if (ipv4.test(rpId) || rpId.includes(':') || rpId.startsWith('[')) fail('an IP address is never a valid RP ID')
  if (rpId !== rpId.toLowerCase() || rpId.startsWith('.') || rpId.endsWith('.')) fail('write it in lower case with no leading or trailing dot')
  if (hostname !== rpId && !hostname.endsWith(`.${rpId}`)) fail('it must equal the wallet host name or a parent domain of it')
}
