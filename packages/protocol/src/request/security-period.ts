/**
 * The timing rules of the security period (docs/contract.md#security-period), shared by the
 * contract, which enforces them, and the wallet, which checks them before it asks the person
 * for anything. A control method (passkey or bound wallet) added to an existing account carries
 * `maturesAtMs`: until then it is probationary. Methods without one (the account's own passkey,
 * state from before the rule) never are.
 */

/** When a method was added, and until when it is probationary. */
export type MethodTimes = { addedAtMs: number; maturesAtMs?: number | undefined }

/** Still in its security period at `nowMs`. */
export function isProbationary(method: MethodTimes, nowMs: number): boolean {
  return method.maturesAtMs !== undefined && method.maturesAtMs > nowMs
}

/**
 * `method` was added before `other`: only then may it cancel `other`, and only then is it
 * protected from `other`. In one block, a method with no security period (the account's own
 * passkey) is the older; two added in one block are neither older than the other.
 */
export function isOlder(method: MethodTimes, other: MethodTimes): boolean {
  const [a, b] = [method.addedAtMs, other.addedAtMs]
  return a < b || (a === b && method.maturesAtMs === undefined && other.maturesAtMs !== undefined)
}

/** A removal by an older method of one still in its security period: a cancellation, which any older method may make (a passkey too). */
export function isCancellation(signer: MethodTimes, target: MethodTimes, nowMs: number): boolean {
  return isProbationary(target, nowMs) && isOlder(signer, target)
}

/** "47 h 59 min", "12 min": how long until `untilMs`, in words a person reads at a glance (never "0 min"). */
export function timeLeft(untilMs: number, nowMs: number): string {
  const minutes = Math.max(1, Math.ceil((untilMs - nowMs) / 60_000))
  const hours = Math.floor(minutes / 60)
  return hours > 0 ? `${hours} h ${minutes % 60} min` : `${minutes} min`
}
