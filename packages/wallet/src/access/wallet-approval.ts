import { type Action, BaseError, ErrorCode, type SignedRequest, type WalletChain, type WalletProof, unwrap, walletChainNames } from '@crosschain-lending/protocol'
import type { ExternalSignatureRequest, HostMethods } from '@crosschain-lending/protocol/messenger'
import type { RemoteProxy } from 'penpal'
import { verifyExternalSignature } from '../binding/verify-external'
import { nep413NonceOf, newRequest } from '../chain/new-request'
import type { WalletConfig } from '../config'

/** A bound wallet, as the contract records it (NEAR with the key it was bound with). */
export type WalletSigner = { chain: WalletChain; address: string; publicKey?: string }

export type BoundWalletSignatureParameters = {
  wallet: WalletSigner
  /** The exact payload; NEAR wallets sign it as NEP-413 with the request's nonce and the contract as recipient. */
  payload: string
  nonce: string
  contractId: string
  purpose: ExternalSignatureRequest['purpose']
  /** The code to refuse with when the signature does not check out. */
  refusal: typeof ErrorCode.InvalidCosignature | typeof ErrorCode.InvalidSignature
}

/**
 * A bound wallet's signature of a payload, asked of the host page (where wallet extensions
 * live) and checked here, against the bound address and key, before it is used: a page that
 * answers with another key's signature, or over other bytes, stops the flow.
 */
export async function boundWalletSignature(host: RemoteProxy<HostMethods>, parameters: BoundWalletSignatureParameters): Promise<WalletProof> {
  const { wallet, payload } = parameters
  const nep413 = wallet.chain === 'near' ? { nonce: nep413NonceOf(parameters.nonce), recipient: parameters.contractId } : undefined
  const answer = unwrap(await host.signWithExternalWallet({ chain: wallet.chain, address: wallet.address, message: payload, purpose: parameters.purpose, ...(nep413 ? { nep413 } : {}) }))
  // A NEAR signature must come from the key recorded at binding.
  const publicKey = wallet.chain === 'near' ? (wallet.publicKey ?? answer.publicKey) : answer.publicKey
  try {
    const verified = await verifyExternalSignature({
      chain: wallet.chain,
      address: wallet.address,
      message: payload,
      signature: answer.signature,
      ...(publicKey ? { publicKey } : {}),
      ...(nep413 ? { nep413 } : {}),
    })
    if (verified.address !== wallet.address) throw new Error(`signed by ${verified.address}`)
  } catch (cause) {
    throw new BaseError({
      code: parameters.refusal,
      shortMessage: `That is not your bound ${walletChainNames[wallet.chain]} wallet's signature of this request, so nothing was sent. Sign with ${wallet.address}.`,
      details: (cause as Error).message,
      cause,
    })
  }
  return { type: 'wallet', chain: wallet.chain, address: wallet.address, signature: answer.signature, ...(publicKey ? { publicKey } : {}) }
}

/** A whole request signed by a bound wallet instead of a passkey (recovery, removing access). */
export async function signWithBoundWallet(
  host: RemoteProxy<HostMethods>,
  config: Pick<WalletConfig, 'chainId' | 'contractId'>,
  request: { accountId: string; wallet: WalletSigner; actions: Action[]; purpose: ExternalSignatureRequest['purpose'] },
): Promise<{ signed: SignedRequest; deadline: number }> {
  const { wallet } = request
  const { payload, nonce, deadline } = newRequest(config, request.accountId, { type: 'wallet', chain: wallet.chain, address: wallet.address }, request.actions)
  const proof = await boundWalletSignature(host, { wallet, payload, nonce, contractId: config.contractId, purpose: request.purpose, refusal: ErrorCode.InvalidSignature })
  return { signed: { payload, proof }, deadline }
}
