import { type Action, BaseError, ErrorCode, type SignedRequest, type WalletChain, type WalletMessageRole, type WalletProof, requestSignable, walletChainNames, walletRequestRole } from '@crosschain-lending/protocol'
import { verifyExternalSignature } from '../binding/verify-external'
import { nep413NonceOf, newRequest } from '../chain/new-request'
import { normalizeAddress } from '../chain/normalize-address'
import type { WalletConfig } from '../config'
import type { WalletWindowSession } from '../wallet-window/window-session'

/** A bound wallet, as the contract records it (NEAR with the key it was bound with). */
export type WalletSigner = { chain: WalletChain; address: string; publicKey?: string }

export type BoundWalletSignatureParameters = {
  wallet: WalletSigner
  /** The exact payload; the wallet signs its message in `role`: EIP-712 typed data (EVM) or text (NEAR: NEP-413 with the request's nonce and the contract as recipient). */
  payload: string
  /** Co-signature or a request of the wallet's own: the contract checks the role it expects. */
  role: WalletMessageRole
  nonce: string
  contractId: string
  /** The code to refuse with when the signature does not check out. */
  refusal: typeof ErrorCode.InvalidCosignature | typeof ErrorCode.InvalidSignature
}

/**
 * The wallet the person connected in the external-wallet window, checked to be one of `wallets`
 * (the bound ones that may sign). A wallet on another account is refused before it is asked to sign.
 */
export async function connectBoundWallet<T extends WalletSigner>(session: WalletWindowSession, candidates: readonly T[]): Promise<T> {
  const connected = await session.connected()
  const chain = candidates[0]?.chain ?? connected.chain
  const address = await normalizeAddress(chain, connected.address).catch(() => connected.address)
  const wallet = candidates.find((candidate) => candidate.address === address)
  if (!wallet) {
    const expected = candidates.length === 1 ? `the bound wallet ${candidates[0]!.address} must sign` : `one of your bound ${walletChainNames[chain]} wallets (${candidates.map((candidate) => candidate.address).join(', ')}) must sign`
    throw new BaseError({
      code: ErrorCode.ExternalWalletMismatch,
      shortMessage: `The ${walletChainNames[chain]} wallet connected ${connected.address}, but ${expected}. Switch to that account in your wallet and try again.`,
    })
  }
  return wallet
}

/**
 * A bound wallet's signature of a payload, asked in the external-wallet window (where the
 * person's extensions live, on the wallet origin) and checked here, against the bound address
 * and key, before it is used: a signature by another key, or over other bytes, stops the flow.
 */
export async function boundWalletSignature(session: WalletWindowSession, parameters: BoundWalletSignatureParameters): Promise<WalletProof> {
  const { wallet, payload } = parameters
  const signable = requestSignable(wallet.chain, parameters.role, payload)
  const nep413 = wallet.chain === 'near' ? { nonce: nep413NonceOf(parameters.nonce), recipient: parameters.contractId } : undefined
  const answer = await session.sign({ ...signable, ...(nep413 ? { nep413 } : {}) })
  // A NEAR signature must come from the key recorded at binding.
  const publicKey = wallet.chain === 'near' ? (wallet.publicKey ?? answer.publicKey) : answer.publicKey
  try {
    const verified = await verifyExternalSignature({
      chain: wallet.chain,
      address: wallet.address,
      signable,
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

/** A whole request signed by a bound wallet instead of a passkey (recovery, removing access), made on `request.site`, in the window's session. */
export async function signWithBoundWallet(
  session: WalletWindowSession,
  config: Pick<WalletConfig, 'chainId' | 'contractId'>,
  request: { accountId: string; site: string; wallet: WalletSigner; actions: Action[] },
): Promise<{ signed: SignedRequest; deadline: number }> {
  const { wallet } = request
  const { payload, nonce, deadline } = newRequest(config, request.accountId, { type: 'wallet', chain: wallet.chain, address: wallet.address }, request.actions, { site: request.site })
  const proof = await boundWalletSignature(session, { wallet, payload, nonce, contractId: config.contractId, role: walletRequestRole(request.actions), refusal: ErrorCode.InvalidSignature })
  return { signed: { payload, proof }, deadline }
}
