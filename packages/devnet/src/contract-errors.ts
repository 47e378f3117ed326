import { toWireError } from '@crosschain-lending/protocol'

/**
 * How a contract refusal leaves the chain: the panic message NEAR would carry, with the
 * contract's typed error as JSON after `ContractError: ` so clients recover the code.
 */
export function panicMessage(error: unknown): string {
  return `Smart contract panicked: ContractError: ${JSON.stringify(toWireError(error))}`
}

/** The typed error inside a panic message, or undefined when it holds none. */
export function contractErrorFrom(message: string): { code: string; message: string; details?: string } | undefined {
  const marker = 'ContractError: '
  const start = message.indexOf(marker)
  if (start < 0) return undefined
  try {
    return JSON.parse(message.slice(start + marker.length)) as { code: string; message: string }
  } catch {
    return undefined
  }
}
