import { ErrorCode, type WalletProof, walletChainNames } from '@crosschain-lending/protocol'
import { boundWalletSignature, connectBoundWallet } from '../access/wallet-approval'
import { type WalletWindowDependencies, withWalletWindow } from '../wallet-window/window-session'
import type { Confirmation } from '../confirmations'
import type { BoundWallet } from './prepare-operation'

/**
 * The bound wallet's co-signature over the exact payload of a Borrow to an address that is not
 * bound, asked in the external-wallet window (where the policy table approves it: `confirmation`
 * is shown there, and on the panel only to open it) and checked in the frame before anything is
 * sent. The host page never sees the message nor answers it.
 */
export function cosignWithBoundWallet(
  walletWindow: WalletWindowDependencies,
  request: { payload: string; nonce: string; cosigner: BoundWallet; contractId: string; site: string; accountId: string; summary: string; confirmation: Confirmation },
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
      confirmation: request.confirmation,
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
