import { base58 } from '@scure/base'
import { BaseError, ErrorCode } from './errors'
import { isValidNearAccountId } from './verify/near-account-id'
import { parseEvmAddress } from './verify/evm'
import { decodeStellarAddress } from './verify/stellar-strkey'
import { type WalletChain, walletChainNames } from './chains'

const hints: Record<WalletChain, string> = {
  evm: 'an EVM address is 0x followed by 40 hex digits',
  solana: 'a Solana address is the base58 form of a 32-byte key',
  near: 'a NEAR account is a name like alice.near or 64 lowercase hex digits',
  stellar: 'a Stellar address is a 56-character G... key',
}

function invalidAddress(chain: WalletChain, address: string, cause?: unknown): BaseError {
  return new BaseError({
    code: ErrorCode.InvalidAddress,
    shortMessage: `"${address}" is not a valid ${walletChainNames[chain]} address: ${hints[chain]}.`,
    cause,
  })
}

/**
 * Validates an address for its chain and returns the one spelling the contract stores and
 * compares: EIP-55 checksummed for EVM (a mixed-case address must already be checksummed),
 * unchanged for the others, whose encodings are case-sensitive or lower-case by rule. A Solana
 * recipient may be off the curve (a program-derived address can own tokens); signers cannot.
 */
export function normalizeAddress(chain: WalletChain, address: string): string {
  if (typeof address !== 'string' || address.length === 0 || address.length > 128) throw invalidAddress(chain, String(address))
  switch (chain) {
    case 'evm':
      // Typed refusals from the verifier: INVALID_ADDRESS, or INVALID_ADDRESS_CHECKSUM for a mistyped mixed-case address.
      return parseEvmAddress(address)
    case 'solana': {
      let bytes: Uint8Array
      try {
        bytes = base58.decode(address)
      } catch (cause) {
        throw invalidAddress(chain, address, cause)
      }
      if (bytes.length !== 32) throw invalidAddress(chain, address)
      return address
    }
    case 'near':
      if (!isValidNearAccountId(address)) throw invalidAddress(chain, address)
      return address
    case 'stellar':
      // INVALID_ADDRESS, or INVALID_ADDRESS_CHECKSUM when the StrKey CRC does not match.
      decodeStellarAddress(address)
      return address
  }
  throw invalidAddress(chain, address)
}

/** True when `address` is valid on `chain`; for forms that validate as the person types. */
export function isValidAddress(chain: WalletChain, address: string): boolean {
  try {
    normalizeAddress(chain, address)
    return true
  } catch {
    return false
  }
}
