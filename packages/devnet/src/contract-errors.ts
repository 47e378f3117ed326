import { formatContractError } from '@crosschain-lending/protocol'

/** How a contract refusal leaves the chain: the panic message NEAR would carry, holding the contract's typed error. */
export function panicMessage(error: unknown): string {
  return `Smart contract panicked: ${formatContractError(error)}`
}
