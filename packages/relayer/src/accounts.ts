import { accountIdFor } from '@crosschain-lending/contract'
import { type AccountCreationProof, BaseError, ErrorCode, assertP256PublicKey, parseAccountCreationProof, parseP256PublicKey } from '@crosschain-lending/protocol'
import type { ContractViews } from './chain/contract-views'
import type { TransactionSender } from './chain/transaction-sender'
import { RelayerError, RelayerErrorCode, invalidHttpRequest } from './errors'

/** The passkey's key and id, and its proof of possession: an assertion over the creation statement (see the contract's create_account). */
export type CreateAccountRequest = { credentialId: string; publicKey: string; userHandle?: string; deadline: number; proof: AccountCreationProof }
export type CreateAccountResult = { accountId: string; created: boolean }

export type AccountCreatorOptions = { contractId: string; views: ContractViews; sender: TransactionSender }

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

  create(request: CreateAccountRequest): Promise<CreateAccountResult> {
    const running = this.#inFlight.get(request.credentialId)
    if (running) return running
    const creation = this.#create(request).finally(() => this.#inFlight.delete(request.credentialId))
    this.#inFlight.set(request.credentialId, creation)
    return creation
  }

  async #create({ credentialId, publicKey, userHandle, deadline, proof }: CreateAccountRequest): Promise<CreateAccountResult> {
    const { views, sender, contractId } = this.#options
    const compressed = parseP256PublicKey(publicKey)
    assertP256PublicKey(compressed)
    const accountId = accountIdFor(compressed, credentialId)

    const existing = await views.getAccountByCredential(credentialId)
    if (existing) {
      if (existing.id === accountId) return { accountId, created: false }
      throw new BaseError({ code: ErrorCode.CredentialInUse, shortMessage: 'This passkey already controls another account. Sign in with it instead.' })
    }

    const args = { credential_id: credentialId, public_key: publicKey, ...(userHandle ? { user_handle: userHandle } : {}), deadline, proof }
    const outcome = await sender.call(contractId, 'create_account', args)
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
}
