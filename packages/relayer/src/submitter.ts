import { type BaseError, ErrorCode, type ExecutedRequestView, type ExecutionOutcome, type RequestFields, type RequestStatusView, type SignedRequest, requestId as requestIdOf } from '@crosschain-lending/protocol'
import type { ContractViews } from './chain/contract-views'
import type { TransactionSender } from './chain/transaction-sender'
import { dryRun } from './dry-run'
import { ContractRefusal, rateLimited } from './errors'
import type { ClientIdentity } from './http/client-address'
import { checkDeadlineWindow, checkEnvelope, clockSkewMs, verifyRequestSignature } from './precheck'
import type { RefusalCaller, RefusalGuard } from './refusal-guard'
import type { RequestStatusRecord, RequestStatusStore } from './status-store'

export type { RequestStatusView }

export type RequestSubmitterOptions = {
  network: string
  contractId: string
  views: ContractViews
  sender: TransactionSender
  store: RequestStatusStore
  /** Which callers' requests the contract keeps refusing: those are dry-run before they cost a transaction. */
  refusals: RefusalGuard
  now: () => number
}

type Signed = SignedRequest & { fields: RequestFields }

/**
 * Takes signed requests to the chain, each at most once.
 *
 * Idempotency has three layers, from cheapest to the one that always holds:
 * 1. in this process, copies of a request already being submitted wait for that submission;
 * 2. the status log remembers final outcomes across restarts;
 * 3. the chain's `get_request` record, read before submitting and again when the contract
 *    refuses a used nonce, so a request another instance (or an earlier life of this one)
 *    executed is answered with its original outcome, as a success.
 */
export class RequestSubmitter {
  readonly #options: RequestSubmitterOptions
  readonly #inFlight = new Map<string, Promise<RequestStatusView>>()

  constructor(options: RequestSubmitterOptions) {
    this.#options = options
  }

  /** Checks the request cheaply, then submits it and waits for its final outcome. `client` is who sent it. */
  async submit(signed: Signed, client: ClientIdentity): Promise<RequestStatusView> {
    const id = requestIdOf(signed.payload)
    // A copy of a known request gets the first outcome. That outcome is public on chain, so
    // answering before the proof is checked tells nobody anything, and costs nothing.
    const known = this.#finalOnRecord(id) ?? this.#inFlight.get(id)
    if (known) return known

    const options = this.#options
    checkEnvelope(signed.fields, options, options.now())
    await checkDeadlineWindow(signed.fields, options.views, options.now())
    await verifyRequestSignature(signed, options.views)

    // The checks awaited: a copy may have started (or finished) meanwhile.
    const raced = this.#finalOnRecord(id) ?? this.#inFlight.get(id)
    if (raced) return raced
    const submission = this.#execute(signed, id, { ...client, accountId: signed.fields.accountId }).finally(() => this.#inFlight.delete(id))
    this.#inFlight.set(id, submission)
    return submission
  }

  /** Where a request stands: this process, then the status log, then the chain. */
  async status(id: string): Promise<RequestStatusView> {
    if (this.#inFlight.has(id)) return { requestId: id, status: 'pending' }
    const record = this.#options.store.get(id)
    if (record?.status === 'final') return viewOf(record)
    let executed: ExecutedRequestView | null
    try {
      executed = await this.#options.views.getRequest(id)
    } catch (error) {
      // The chain is unreachable: what the log knows is better than nothing.
      if (record) return viewOf(record)
      throw error
    }
    if (executed) return this.#finalFromChain(executed)
    if (record?.status === 'pending' && record.deadline !== undefined && record.deadline + clockSkewMs < this.#options.now()) {
      // Not on chain and past its deadline: the contract refuses it from now on, so it never will be.
      return this.#record({
        ...record,
        status: 'failed',
        at: this.#options.now(),
        error: { code: ErrorCode.RequestExpired, message: 'The request expired before it executed. Sign it again.' },
      })
    }
    return record ? viewOf(record) : { requestId: id, status: 'unknown' }
  }

  async #execute(signed: Signed, id: string, caller: RefusalCaller): Promise<RequestStatusView> {
    const { views, refusals } = this.#options
    const { fields } = signed
    // A caller whose requests the contract has been refusing gets a dry run first: a view, not a
    // transaction, for a request the contract would refuse. Everyone else goes straight on.
    const advice = refusals.advise(caller)
    if (advice.dryRun) {
      const verdict = await dryRun(views, fields)
      if (verdict.kind === 'refused') throw verdict.refusal
      if (verdict.kind === 'inconclusive' && advice.holdMs !== undefined) {
        throw rateLimited('The contract refused many recent requests from this account or address after the relayer paid for them, and this one cannot be checked by a view first', advice.holdMs)
      }
    }
    const ticket = refusals.begin(caller, id)
    let refused = false
    try {
      return await this.#pay(signed, id)
    } catch (error) {
      refused = error instanceof ContractRefusal
      throw error
    } finally {
      ticket.settle(refused)
    }
  }

  async #pay(signed: Signed, id: string): Promise<RequestStatusView> {
    const { views, sender, contractId, now } = this.#options
    const { fields } = signed
    // No chain lookup before paying: the contract refuses a request or nonce it has seen
    // (NONCE_ALREADY_USED), and that answer is resolved below. Two extra views per request
    // would halve what a relayer can carry, to save the gas of a rare cross-instance duplicate.
    const base = { requestId: id, accountId: fields.accountId, deadline: fields.deadline }
    await this.#record({ ...base, status: 'pending', at: now() })
    const outcome = await sender.call(contractId, 'execute', wireRequest(signed))
    const { transactionHash } = outcome
    if (outcome.kind === 'pending') return this.#record({ ...base, status: 'pending', at: now(), transactionHash })
    if (outcome.kind === 'success') {
      // Only these actions change who may sign; the cached account stays good after the others.
      if (fields.actions.some((action) => controlActions.has(action.type))) views.forgetAccount(fields.accountId)
      const result = outcome.value as ExecutionOutcome
      return this.#record({ ...base, status: 'final', at: now(), transactionHash, blockHeight: result.blockHeight, outcome: result })
    }
    const { refusal } = outcome
    if (refusal.code === ErrorCode.NonceAlreadyUsed) {
      // Executed between our check and our transaction (another instance, a retry): a success.
      const original = await views.getRequest(id)
      if (original) return this.#finalFromChain(original)
    }
    await this.#record({ ...base, status: 'failed', at: now(), transactionHash, error: wireError(refusal) })
    throw refusal
  }

  /** The chain's record as the outcome `execute` returned, remembered for next time. */
  async #finalFromChain(executed: ExecutedRequestView): Promise<RequestStatusView> {
    const earlier = this.#options.store.get(executed.requestId)
    const outcome: ExecutionOutcome = { requestId: executed.requestId, accountId: executed.accountId, blockHeight: executed.blockHeight, transfers: executed.transfers }
    return this.#record({
      requestId: executed.requestId,
      status: 'final',
      at: this.#options.now(),
      accountId: executed.accountId,
      ...(earlier?.transactionHash ? { transactionHash: earlier.transactionHash } : {}),
      blockHeight: executed.blockHeight,
      outcome,
    })
  }

  #finalOnRecord(id: string): Promise<RequestStatusView> | undefined {
    const record = this.#options.store.get(id)
    return record?.status === 'final' ? Promise.resolve(viewOf(record)) : undefined
  }

  async #record(record: RequestStatusRecord): Promise<RequestStatusView> {
    await this.#options.store.record(record)
    return viewOf(record)
  }
}

/** Actions that add or remove a passkey or a wallet: after them the relayer re-reads the account. */
const controlActions = new Set(['add_wallet', 'add_passkey', 'remove_passkey', 'remove_wallet'])

function viewOf(record: RequestStatusRecord): RequestStatusView {
  const view: RequestStatusView = { requestId: record.requestId, status: record.status }
  if (record.transactionHash) view.transactionHash = record.transactionHash
  if (record.blockHeight !== undefined) view.blockHeight = record.blockHeight
  if (record.outcome !== undefined) view.outcome = record.outcome as ExecutionOutcome
  if (record.error) view.error = record.error
  return view
}

/** Exactly what the contract's `execute` takes: the request without the parsed fields. */
function wireRequest(signed: Signed): SignedRequest {
  const request: SignedRequest = { payload: signed.payload, proof: signed.proof }
  if (signed.cosignature) request.cosignature = signed.cosignature
  return request
}

function wireError(error: BaseError): NonNullable<RequestStatusRecord['error']> {
  return { code: error.code, message: error.shortMessage, ...(error.details ? { details: error.details } : {}) }
}
