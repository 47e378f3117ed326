import { ErrorCode, type WalletProof } from '@crosschain-lending/protocol'
import type { HostMethods } from '@crosschain-lending/protocol/messenger'
import type { RemoteProxy } from 'penpal'
import { boundWalletSignature } from '../access/wallet-approval'
import type { BoundWallet } from './prepare-operation'

/**
 * The bound wallet's co-signature over the exact payload of a Borrow to an address that is not
 * bound, checked in the iframe before the passkey is asked for anything.
 */
export function cosignWithBoundWallet(
  host: RemoteProxy<HostMethods>,
  request: { payload: string; nonce: string; cosigner: BoundWallet; contractId: string },
): Promise<WalletProof> {
  return boundWalletSignature(host, { wallet: request.cosigner, payload: request.payload, nonce: request.nonce, contractId: request.contractId, purpose: 'cosign', refusal: ErrorCode.InvalidCosignature })
}
