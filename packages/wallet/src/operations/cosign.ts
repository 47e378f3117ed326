import { BaseError, ErrorCode, type WalletProof, unwrap, walletChainNames } from '@crosschain-lending/protocol'
import type { HostMethods } from '@crosschain-lending/protocol/messenger'
import type { RemoteProxy } from 'penpal'
import { verifyExternalSignature } from '../binding/verify-external'
import { nep413NonceOf } from '../chain/new-request'
import type { BoundWallet } from './prepare-operation'

/**
 * The bound wallet's co-signature over the exact payload, asked of the host page (where the
 * wallet extension lives) and checked here before the passkey is asked for anything: a page
 * that returns a signature by another key, or over other bytes, stops the operation.
 */
export async function cosignWithBoundWallet(
  host: RemoteProxy<HostMethods>,
  request: { payload: string; nonce: string; cosigner: BoundWallet; contractId: string },
): Promise<WalletProof> {
  const { cosigner, payload } = request
  const nep413 = cosigner.chain === 'near' ? { nonce: nep413NonceOf(request.nonce), recipient: request.contractId } : undefined
  const signed = unwrap(
    await host.signWithExternalWallet({ chain: cosigner.chain, address: cosigner.address, message: payload, purpose: 'cosign', ...(nep413 ? { nep413 } : {}) }),
  )
  // A NEAR co-signature must come from the key recorded at binding.
  const publicKey = cosigner.chain === 'near' ? cosigner.publicKey : signed.publicKey
  try {
    const verified = await verifyExternalSignature({
      chain: cosigner.chain,
      address: cosigner.address,
      message: payload,
      signature: signed.signature,
      ...(publicKey ? { publicKey } : {}),
      ...(nep413 ? { nep413 } : {}),
    })
    if (verified.address !== cosigner.address) throw new Error(`signed by ${verified.address}`)
  } catch (cause) {
    throw new BaseError({
      code: ErrorCode.InvalidCosignature,
      shortMessage: `The co-signature is not your bound ${walletChainNames[cosigner.chain]} wallet's signature of this request, so nothing was signed. Sign with ${cosigner.address}.`,
      details: (cause as Error).message,
      cause,
    })
  }
  return { type: 'wallet', chain: cosigner.chain, address: cosigner.address, signature: signed.signature, ...(publicKey ? { publicKey } : {}) }
}
