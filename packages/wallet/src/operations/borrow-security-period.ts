import { BaseError, ErrorCode, isProbationary, timeLeft, walletChainNames } from '@crosschain-lending/protocol'
import type { AccountRecord } from '../chain/lending-reads'

type Wallet = AccountRecord['wallets'][number]

/** Who takes part in a Borrow: the passkey that approves it, the wallet that co-signs it, the bound wallet it goes to. */
export type BorrowParties = { credentialId: string; cosigner?: Wallet | undefined; recipient?: Wallet | undefined }

/**
 * Refuses a Borrow that the contract would refuse for its security period (IN_SECURITY_PERIOD),
 * before the person is shown anything or asked for their passkey: nothing added to the account
 * less than the security period ago may move assets, as signer, co-signer or recipient. The
 * account's first wallet, bound by the passkey, is exempt, as in the contract. The contract's
 * preview cannot see this for the signer or co-signer (a preview has no signature), so without
 * this the person would approve with their passkey, then meet the refusal.
 */
export function assertBorrowPartiesMatured(account: AccountRecord, parties: BorrowParties, nowMs: number): void {
  const passkey = account.passkeys.find((candidate) => candidate.credentialId === parties.credentialId)
  if (passkey && isProbationary(passkey, nowMs)) {
    throw waiting(
      passkey.maturesAtMs!,
      nowMs,
      `This device's passkey was added to the account recently, so it cannot approve a Borrow yet: it can in ${timeLeft(passkey.maturesAtMs!, nowMs)}.`,
    )
  }
  const wallets: [Wallet | undefined, string][] = [
    [parties.cosigner, 'co-sign a Borrow to another address'],
    [parties.recipient, 'receive a Borrow'],
  ]
  for (const [wallet, role] of wallets) {
    if (!wallet || wallet.first || !isProbationary({ addedAtMs: wallet.boundAtMs, maturesAtMs: wallet.maturesAtMs }, nowMs)) continue
    throw waiting(
      wallet.maturesAtMs!,
      nowMs,
      `Your ${walletChainNames[wallet.chain]} wallet ${wallet.address} was bound recently, so it cannot ${role} yet: it can in ${timeLeft(wallet.maturesAtMs!, nowMs)}.`,
    )
  }
}

function waiting(maturesAtMs: number, nowMs: number, what: string): BaseError {
  return new BaseError({
    code: ErrorCode.InSecurityPeriod,
    shortMessage: `${what} This wait protects you if someone else added it: until then you can cancel it in the wallet's list of who can use this account.`,
    details: `matures at ${new Date(maturesAtMs).toISOString()} (now ${new Date(nowMs).toISOString()})`,
    docsPath: '/docs/contract.md#security-period',
  })
}
