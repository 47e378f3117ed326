import { ErrorCode, type MethodTimes, isCancellation as cancels, isOlder as olderTimes, isProbationary as probationaryTimes, timeLeft } from '@crosschain-lending/protocol'
import { refuse } from './errors'
import type { BoundWallet, Passkey } from './state'

/**
 * The security period (docs/contract.md#security-period). A passkey or wallet added to an
 * existing account is probationary until `maturesAtMs`: it cannot remove a method older than
 * itself, nor move assets (sign, co-sign or receive a Borrow), and any older method may cancel
 * it (remove it, even a passkey, which otherwise cannot remove anything). So a wallet or passkey
 * slipped onto the account cannot lock the person out before they notice: they have the whole
 * period to see it in the wallet's panel and cancel it with what they already had.
 */

/** A control method as the rules see it: when it was added, and until when it is probationary. */
export type ControlMethod = { kind: 'passkey'; passkey: Passkey } | { kind: 'wallet'; wallet: BoundWallet }

export function addedAtMs(method: ControlMethod): number {
  return method.kind === 'passkey' ? method.passkey.addedAtMs : method.wallet.boundAtMs
}

export function maturesAtMs(method: ControlMethod): number | undefined {
  return method.kind === 'passkey' ? method.passkey.maturesAtMs : method.wallet.maturesAtMs
}

/** The method's dates as the shared rules read them (protocol's security-period.ts). */
function times(method: ControlMethod): MethodTimes {
  return { addedAtMs: addedAtMs(method), maturesAtMs: maturesAtMs(method) }
}

/** Still in its security period at `nowMs`. Methods without a date (the account's own passkey, state from before the rule) are not. */
export function isProbationary(method: ControlMethod, nowMs: number): boolean {
  return probationaryTimes(times(method), nowMs)
}

/** `method` was added before `other` (see protocol's isOlder). */
export function isOlder(method: ControlMethod, other: ControlMethod): boolean {
  return olderTimes(times(method), times(other))
}

/**
 * May `method` move assets (sign, co-sign or receive a Borrow) at `nowMs`? Not while
 * probationary, except the account's first wallet: the person binds it right after creating the
 * account, with the passkey, on the wallet's own origin, and the product lets them borrow to it.
 */
export function assertMayMoveAssets(method: ControlMethod, nowMs: number, role: string): void {
  if (method.kind === 'wallet' && method.wallet.first) return
  if (!isProbationary(method, nowMs)) return
  throw refuse(
    ErrorCode.InSecurityPeriod,
    `${describeMethod(method)} was added less than the security period ago, so it cannot ${role} for another ${timeLeft(maturesAtMs(method)!, nowMs)} (until ${new Date(maturesAtMs(method)!).toISOString()}). Any older passkey or wallet of the account can cancel it before then.`,
    `matures at ${maturesAtMs(method)}, block time ${nowMs}`,
  )
}

/** May `signer` remove `target` at `nowMs`? A probationary method may not remove one older than itself. */
export function assertMayRemove(signer: ControlMethod, target: ControlMethod, nowMs: number): void {
  if (!isProbationary(signer, nowMs) || !isOlder(target, signer)) return
  throw refuse(
    ErrorCode.InSecurityPeriod,
    `${describeMethod(signer)} was added less than the security period ago, so it cannot remove the older ${describeMethod(target).replace(/^The /, '')} for another ${timeLeft(maturesAtMs(signer)!, nowMs)} (until ${new Date(maturesAtMs(signer)!).toISOString()}). The account's older passkey or wallet can cancel it meanwhile.`,
    `signer matures at ${maturesAtMs(signer)}, block time ${nowMs}`,
  )
}

/** A removal by an older method of one still in its security period: allowed to any older method, a passkey too. */
export function isCancellation(signer: ControlMethod, target: ControlMethod, nowMs: number): boolean {
  return cancels(times(signer), times(target), nowMs)
}

export function describeMethod(method: ControlMethod): string {
  return method.kind === 'passkey' ? `The passkey ${method.passkey.credentialId.slice(0, 12)}…` : `The ${method.wallet.chain} wallet ${method.wallet.address}`
}

/** What views list as pending: each method in its security period, and when it matures. */
export type PendingChange =
  | { kind: 'passkey'; credentialId: string; addedAtMs: number; maturesAtMs: number }
  | { kind: 'wallet'; chain: BoundWallet['chain']; address: string; addedAtMs: number; maturesAtMs: number }

export function pendingChanges(passkeys: readonly Passkey[], wallets: readonly BoundWallet[], nowMs: number): PendingChange[] {
  const pending: PendingChange[] = []
  for (const passkey of passkeys) {
    if (isProbationary({ kind: 'passkey', passkey }, nowMs)) pending.push({ kind: 'passkey', credentialId: passkey.credentialId, addedAtMs: passkey.addedAtMs, maturesAtMs: passkey.maturesAtMs! })
  }
  for (const wallet of wallets) {
    if (isProbationary({ kind: 'wallet', wallet }, nowMs)) pending.push({ kind: 'wallet', chain: wallet.chain, address: wallet.address, addedAtMs: wallet.boundAtMs, maturesAtMs: wallet.maturesAtMs! })
  }
  return pending.sort((a, b) => a.maturesAtMs - b.maturesAtMs)
}
