import { contractErrorIn } from '@crosschain-lending/protocol'
import { ContractRefusal } from '../errors'

/** A contract refusal (see `contractErrorIn`) as the relayer's typed error: never retried. */
function refusalOf(wire: ReturnType<typeof contractErrorIn>): ContractRefusal | undefined {
  return wire && new ContractRefusal({ code: wire.code, shortMessage: wire.message, details: wire.details, docsPath: '/docs/contract.md#errors' })
}

/** The refusal in `text`, if it carries one. */
export function refusalFromText(text: string): ContractRefusal | undefined {
  return refusalOf(contractErrorIn(text))
}

/** Finds the refusal in a transaction's `Failure` value, at whatever depth the node put it. */
export function refusalFromFailure(failure: unknown): ContractRefusal | undefined {
  return refusalOf(contractErrorIn(failure))
}

/** The refusal carried by an exception from a view call, if any. */
export function refusalFromError(error: unknown): ContractRefusal | undefined {
  return error instanceof Error ? refusalFromText(error.message) : undefined
}
