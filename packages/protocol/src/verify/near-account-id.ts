/**
 * NEAR account ID rules (nearcore's AccountId): 2 to 64 characters of lower-case letters and
 * digits, in parts joined by `.`, each part's words joined by a single `-` or `_`.
 */
const accountIdPattern = /^(?:[a-z\d]+[-_])*[a-z\d]+(?:\.(?:[a-z\d]+[-_])*[a-z\d]+)*$/
const implicitAccountPattern = /^[0-9a-f]{64}$/

export function isValidNearAccountId(accountId: string): boolean {
  return typeof accountId === 'string' && accountId.length >= 2 && accountId.length <= 64 && accountIdPattern.test(accountId)
}

/** An implicit account is the lower-case hex of its Ed25519 public key; no one registered it. */
export function isNearImplicitAccountId(accountId: string): boolean {
  return typeof accountId === 'string' && implicitAccountPattern.test(accountId)
}
