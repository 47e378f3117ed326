import type { SignedRequest } from '@crosschain-lending/protocol'
import type { OperationRequest } from '@crosschain-lending/protocol/messenger'
import { KeptRecords } from '../storage/kept-records'

/** A signed operation not yet known to be final: everything needed to finish it without signing again. */
export type PendingOperation = { requestId: string; signed: SignedRequest; deadline: number; title: string; operation: OperationRequest; accountId: string }

const isPendingOperation = (value: unknown): value is PendingOperation => {
  const candidate = value as Partial<PendingOperation> | null
  return typeof candidate?.requestId === 'string' && typeof candidate.deadline === 'number' && typeof candidate.signed?.payload === 'string'
}

/**
 * Signed operations on their way to the chain, kept so a reload (or a closed tab) does not lose
 * them: the next load of the wallet on this site finishes them. A request runs at most once by
 * its nonce, so keeping and resending it is always safe.
 */
export class PendingOperations {
  readonly #records: KeptRecords<PendingOperation>

  constructor(storage?: Storage) {
    this.#records = new KeptRecords({
      prefix: 'ccl-pending-operation:',
      keyOf: (pending) => pending.requestId,
      isValid: isPendingOperation,
      ...(storage ? { storage } : {}),
    })
  }

  save(pending: PendingOperation): void {
    this.#records.save(pending)
  }

  remove(requestId: string): void {
    this.#records.remove(requestId)
  }

  /** Every kept operation, oldest deadline first. */
  all(): PendingOperation[] {
    return this.#records.all().sort((a, b) => a.deadline - b.deadline)
  }
}
