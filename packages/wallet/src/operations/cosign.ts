import { ErrorCode, type WalletProof, walletChainNames } from '@crosschain-lending/protocol'
import { boundWalletSignature, connectBoundWallet } from '../access/wallet-approval'
import { type WalletWindowDependencies, withWalletWindow } from '../wallet-window/window-session'
import type { BoundWallet } from './prepare-operation'

/**
 * The bound wallet's co-signature over the exact payload of a Borrow to an address that is not
 * bound, asked in the external-wallet window and checked in the frame before the passkey is
 * asked for anything. The host page never sees the message nor answers it.
 */
export function cosignWithBoundWallet(
  walletWindow: WalletWindowDependencies,
  request: { payload: string; nonce: string; cosigner: BoundWallet; contractId: string; site: string; accountId: string; summary: string },
): Promise<WalletProof> {
  const { cosigner } = request
  return withWalletWindow(
    {
      role: 'cosign',
      chain: cosigner.chain,
      site: request.site,
      title: 'Co-signing a Borrow to an address that is not yours',
      openLabel: `Co-sign with your ${walletChainNames[cosigner.chain]} wallet`,
      expected: cosigner.address,
      lines: [
        { label: 'Account', value: request.accountId },
        { label: 'Borrow', value: request.summary },
        { label: 'Signed by', value: `${walletChainNames[cosigner.chain]} ${cosigner.address} (your bound wallet)` },
      ],
    },
    walletWindow,
    async (session) => {
      await connectBoundWallet(session, [cosigner])
      return boundWalletSignature(session, { wallet: cosigner, payload: request.payload, nonce: request.nonce, contractId: request.contractId, role: 'cosign', refusal: ErrorCode.InvalidCosignature })
    },
  )
}
