import type { WalletChain } from '../chains'
import { type BindingMessageFields, bindingMessage } from './binding-message'
import { type RequestFields, parseRequest } from './envelope'
import { type WalletTypedData, bindingTypedData, walletTypedData } from './typed-data'
import { walletMessage } from './wallet-messages'
import type { WalletMessageRole } from './wallet-roles'

/**
 * What a wallet is asked to sign, in its chain's form: EIP-712 typed data for EVM wallets
 * (`eth_signTypedData_v4`), readable text for the others (NEP-413, Solana signMessage, SEP-53).
 * The wallet, the contract and the relayer all build it here, from the request and the role.
 */
export type WalletSignable = { message: string; typedData?: undefined } | { typedData: WalletTypedData; message?: undefined }

/** What a bound wallet on `chain` signs in `role` for the request `payload`. */
export function requestSignable(chain: WalletChain, role: WalletMessageRole, payload: string, fields: RequestFields = parseRequest(payload)): WalletSignable {
  return chain === 'evm' ? { typedData: walletTypedData(role, payload, fields) } : { message: walletMessage(role, payload, fields) }
}

/** What a wallet on `fields.wallet.chain` signs to be bound. */
export function bindingSignable(fields: BindingMessageFields): WalletSignable {
  return fields.wallet.chain === 'evm' ? { typedData: bindingTypedData(fields) } : { message: bindingMessage(fields) }
}
