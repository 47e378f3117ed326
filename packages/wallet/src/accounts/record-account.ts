import { BaseError, ErrorCode } from '@crosschain-lending/protocol'
import { type CreateAccountOnChainParameters, type CreateAccountOnChainReturnType, RelayerCallError, retryDelayMs } from '../chain/relayer-client'
import { KeptRecords } from '../storage/kept-records'

/** A passkey made for a new account, kept until the chain has recorded the account. */
export type AccountCreation = Required<CreateAccountOnChainParameters> & { createdAt: number }

const isAccountCreation = (value: unknown): value is AccountCreation => {
  const candidate = value as Partial<AccountCreation> | null
  return typeof candidate?.credentialId === 'string' && typeof candidate.publicKey === 'string' && typeof candidate.userHandle === 'string' && typeof candidate.createdAt === 'number'
}

/**
 * New passkeys whose accounts the chain has not recorded yet. A passkey's public key is known
 * only at creation, so losing it here (a reload while the relayer is away) would leave a passkey
 * that can never be recorded: it is kept until the chain has the account.
 */
export function accountCreations(storage?: Storage): KeptRecords<AccountCreation> {
  return new KeptRecords({ prefix: 'ccl-account-creation:', keyOf: (creation) => creation.credentialId, isValid: isAccountCreation, ...(storage ? { storage } : {}) })
}

export type RecordAccountDependencies = {
  create(parameters: CreateAccountOnChainParameters): Promise<CreateAccountOnChainReturnType>
  /** Stop trying in this session after this time (the creation stays kept for the next load). */
  giveUpAt: number
  /** Called once, when the first attempt fails for a reason that retrying can fix. */
  onPending(reason: string): void
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

/**
 * Records the account of a new passkey, retrying while the relayer is unreachable, overloaded
 * or cut off from the chain. Creation is idempotent on chain (the account id comes from the
 * credential), so sending it again is always safe. A refusal is final and thrown as it is.
 */
export async function recordAccount(creation: AccountCreation, deps: RecordAccountDependencies): Promise<string> {
  const now = deps.now ?? Date.now
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const { credentialId, publicKey, userHandle } = creation
  let attempt = 0
  let pending = false
  for (;;) {
    try {
      return (await deps.create({ credentialId, publicKey, userHandle })).accountId
    } catch (error) {
      if (!(error instanceof RelayerCallError) || !error.retryable) throw error
      if (!pending) {
        pending = true
        deps.onPending(error.shortMessage)
      }
      if (now() >= deps.giveUpAt) {
        throw new RelayerCallError(
          new BaseError({
            code: ErrorCode.ChainUnavailable,
            shortMessage: 'Your passkey is made, but the chain could not record your account yet. The wallet finishes it the next time it opens on this site; you will not need a new passkey.',
            details: error.shortMessage,
            cause: error,
          }),
          true,
        )
      }
      await sleep(retryDelayMs(attempt++, error, deps.giveUpAt, now()))
    }
  }
}
