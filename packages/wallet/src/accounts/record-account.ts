import { type AccountCreationProof, BaseError, ErrorCode } from '@crosschain-lending/protocol'
import { type CreateAccountOnChainParameters, type CreateAccountOnChainReturnType, RelayerCallError, retryDelayMs } from '../chain/relayer-client'
import { KeptRecords } from '../storage/kept-records'

/**
 * A passkey made for a new account, kept until the chain has recorded the account, with its
 * proof of possession once it has one (records kept before proofs existed have none).
 */
export type AccountCreation = { credentialId: string; publicKey: string; userHandle: string; createdAt: number; deadline?: number; proof?: AccountCreationProof }

/** The proof's deadline must leave this long for the relayer and the chain. */
const proofMarginMs = 60_000

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
  /** A fresh proof of possession (a passkey prompt), for a creation with none or an expiring one. */
  prove(creation: AccountCreation): Promise<{ deadline: number; proof: AccountCreationProof }>
  /** Called with the creation whenever it gets a new proof, so it is kept with it. */
  onProved?(creation: AccountCreation): void
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
  let attempt = 0
  let pending = false
  for (;;) {
    if (!creation.proof || creation.deadline === undefined || creation.deadline <= now() + proofMarginMs) {
      creation = { ...creation, ...(await deps.prove(creation)) }
      deps.onProved?.(creation)
    }
    const { credentialId, publicKey, userHandle, deadline, proof } = creation
    try {
      return (await deps.create({ credentialId, publicKey, userHandle, deadline: deadline!, proof: proof! })).accountId
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
