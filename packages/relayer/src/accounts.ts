import {
  type AccountCreationProof,
  BaseError,
  ErrorCode,
  accountCreationChallenge,
  accountIdFor,
  assertP256PublicKey,
  parseAccountCreationProof,
  parseP256PublicKey,
  verifyPasskeyProof,
} from '@crosschain-lending/protocol'
import type { ContractViews } from './chain/contract-views'
import type { TransactionSender } from './chain/transaction-sender'
import { RelayerError, RelayerErrorCode, invalidHttpRequest } from './errors'
import { clockSkewMs } from './precheck'

/** The passkey's key and id, and its proof of possession: an assertion over the creation statement (see the contract's create_account). */
export type CreateAccountRequest = { credentialId: string; publicKey: string; userHandle?: string; deadline: number; proof: AccountCreationProof }
export type CreateAccountResult = { accountId: string; created: boolean }

export type AccountCreatorOptions = { contractId: string; views: ContractViews; sender: TransactionSender; now?: () => number }

// The contract's own argument rules, checked here so malformed input costs no gas.
const credentialIdPattern = /^[A-Za-z0-9_-]{16,1400}$/
const publicKeyPattern = /^p256:[1-9A-HJ-NP-Za-km-z]{40,50}$/
const userHandlePattern = /^[A-Za-z0-9_-]{1,128}$/

/** Validates `POST /v1/accounts`'s body. Unknown fields are refused, as the contract refuses them. */
export function parseCreateAccountRequest(body: unknown): CreateAccountRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidHttpRequest('The body must be a JSON object: { credentialId, publicKey, userHandle?, deadline, proof }.')
  const { credentialId, publicKey, userHandle, deadline, proof, ...rest } = body as Record<string, unknown>
  const unknown = Object.keys(rest)
  if (unknown.length > 0) throw invalidHttpRequest(`The body has unknown fields: ${unknown.join(', ')}.`)
  if (typeof credentialId !== 'string' || !credentialIdPattern.test(credentialId)) throw invalidHttpRequest('credentialId must be the passkey credential id, base64url (16 to 1400 characters).')
  if (typeof publicKey !== 'string' || !publicKeyPattern.test(publicKey)) throw invalidHttpRequest('publicKey must be p256:<base58 of the 33-byte compressed point>.')
  if (userHandle !== undefined && (typeof userHandle !== 'string' || !userHandlePattern.test(userHandle))) throw invalidHttpRequest('userHandle, when given, must be base64url (1 to 128 characters).')
  if (typeof deadline !== 'number' || !Number.isSafeInteger(deadline) || deadline <= 0) throw invalidHttpRequest('deadline must be the creation proof\'s deadline, ms since the epoch.')
  let parsedProof: AccountCreationProof
  try {
    parsedProof = parseAccountCreationProof(proof)
  } catch (cause) {
    throw invalidHttpRequest(`proof must be the passkey's assertion over the creation (authenticatorData, clientDataJSON, signature): ${(cause as BaseError).shortMessage}`)
  }
  return { credentialId, publicKey, ...(userHandle === undefined ? {} : { userHandle }), deadline, proof: parsedProof }
}

/**
 * Creates passkey accounts. Creation is idempotent on chain (the account id is derived from the
 * key and credential id), so the relayer only avoids paying for it twice: an account the chain
 * already has is answered from a view, and concurrent creations of one credential share one
 * transaction. Answers only once the chain has the account (final).
 */
export class AccountCreator {
  readonly #options: AccountCreatorOptions
  readonly #inFlight = new Map<string, Promise<CreateAccountResult>>()

  constructor(options: AccountCreatorOptions) {
    this.#options = options
  }

  /**
   * `beforeTransaction` runs once the relayer knows it must pay (the chain lacks the account) and
   * may throw to stop it: the caller's creation budget. Copies in flight share the first's.
   */
  create(request: CreateAccountRequest, { beforeTransaction }: { beforeTransaction?: () => void } = {}): Promise<CreateAccountResult> {
    const running = this.#inFlight.get(request.credentialId)
    if (running) return running
    const creation = this.#create(request, beforeTransaction).finally(() => this.#inFlight.delete(request.credentialId))
    this.#inFlight.set(request.credentialId, creation)
    return creation
  }

  async #create({ credentialId, publicKey, userHandle, deadline, proof }: CreateAccountRequest, beforeTransaction: (() => void) | undefined): Promise<CreateAccountResult> {
    const { views, sender, contractId } = this.#options
    const compressed = parseP256PublicKey(publicKey)
    assertP256PublicKey(compressed)
    const accountId = accountIdFor(compressed, credentialId)

    const existing = await views.getAccountByCredential(credentialId)
    if (existing) {
      if (existing.id === accountId) return { accountId, created: false }
      throw new BaseError({ code: ErrorCode.CredentialInUse, shortMessage: 'This passkey already controls another account. Sign in with it instead.' })
    }

    await this.#checkProof({ credentialId, publicKey, userHandle, deadline, proof })
    beforeTransaction?.()
    const args = { credential_id: credentialId, public_key: publicKey, ...(userHandle ? { user_handle: userHandle } : {}), deadline, proof }
    // The account's storage is staked by whoever creates it: here the relayer, within the caller's creation budget.
    const { account_stake } = await views.getStorageCosts()
    const outcome = await sender.call(contractId, 'create_account', args, BigInt(account_stake))
    if (outcome.kind === 'refused') throw outcome.refusal
    if (outcome.kind === 'pending') {
      throw new RelayerError({
        code: RelayerErrorCode.ChainUnavailable,
        shortMessage: 'The chain took the account creation but has not finished it yet. Send the same request again shortly: creation is idempotent.',
        details: `transaction ${outcome.transactionHash}`,
        httpStatus: 503,
      })
    }
    const value = outcome.value as { account_id?: unknown; created?: unknown }
    return { accountId: typeof value.account_id === 'string' ? value.account_id : accountId, created: value.created === true }
  }

  /**
   * The contract's proof-of-possession checks that need no state change, with its codes: the
   * deadline, and the passkey's assertion over this very creation (the contract's RP ID, wallet
   * origins and partner pages come from its config). A forged or stale creation costs a view,
   * never a transaction. The contract checks all of it again.
   */
  async #checkProof({ credentialId, publicKey, userHandle, deadline, proof }: CreateAccountRequest): Promise<void> {
    const config = await this.#options.views.getConfig()
    const now = (this.#options.now ?? Date.now)()
    if (deadline <= now - clockSkewMs) {
      throw new BaseError({ code: ErrorCode.RequestExpired, shortMessage: 'This account creation proof has expired. Approve the creation with the passkey again.', details: `deadline ${deadline} is before ${now}` })
    }
    if (deadline > now + config.maxDeadlineWindowMs + clockSkewMs) {
      throw new BaseError({ code: ErrorCode.DeadlineTooFar, shortMessage: `The creation proof's deadline is more than ${config.maxDeadlineWindowMs / 60_000} minutes ahead. Sign one with a nearer deadline.` })
    }
    const challenge = accountCreationChallenge({ chainId: config.chainId, contractId: config.contractId, credentialId, publicKey, userHandle, deadline })
    verifyPasskeyProof(proof, publicKey, challenge, config)
  }
}
