import { BaseError, type BindingMessageFields, ErrorCode, type SignedRequest, bindingMessage, bindingSignable, walletChainNames } from '@crosschain-lending/protocol'
import type { ExternalChain, WalletState } from '@crosschain-lending/protocol/messenger'
import { newDeadline, newNonce, newPasskeyRequest } from '../chain/new-request'
import type { WalletConfig } from '../config'
import type { PasskeyApproval } from '../passkeys/approve-with-passkey'
import { signRequestWithPasskey } from '../passkeys/sign-request'
import { type WalletWindowDependencies, type WalletWindowSession, withWalletWindow } from '../wallet-window/window-session'
import { verifyExternalSignature } from './verify-external'

export type BindWalletDependencies = {
  config: WalletConfig
  state: Extract<WalletState, { status: 'signed-in' }>
  /** Opens the external-wallet window, where the person's own wallet connects and signs. */
  walletWindow: WalletWindowDependencies
  /** The passkey's approval where the policy table puts it (the passkey window for a binding). */
  approve: PasskeyApproval
  /** Takes the signed request to its final outcome (the wallet's one delivery path). */
  deliver: (signed: SignedRequest, deadline: number) => Promise<unknown>
  /** The site the person is on, named in the message their wallet shows them. */
  hostOrigin: string
}

/**
 * Binds the person's wallet on `chain` to the signed-in account:
 * 1. a click on the wallet's panel opens the external-wallet window (wallet-window/), a
 *    top-level page of the wallet origin where the person's extensions inject themselves;
 *    the person picks and connects their wallet there. The host page takes no part: nothing it
 *    answers can name the wallet or sign for it;
 * 2. the wallet writes the binding (account, wallet, site, deadline, nonce, contract, network):
 *    EIP-712 typed data for an EVM wallet, readable text for the others;
 * 3. that wallet signs it in the window, and the frame verifies the signature here;
 * 4. the person confirms and approves with the passkey in the passkey window (the policy
 *    table's place for a binding: the panel only opens it);
 * 5. the request goes to the relayer, and the binding is final once the chain has it.
 */
export async function bindWallet(chain: ExternalChain, deps: BindWalletDependencies): Promise<{ chain: ExternalChain; address: string }> {
  const { config, state } = deps
  const signedProof = await withWalletWindow(
    {
      role: 'bind',
      chain,
      site: deps.hostOrigin,
      title: `Binding your ${walletChainNames[chain]} wallet`,
      lines: [
        { label: 'Account', value: state.account.id },
        { label: 'Network', value: `${config.chainId} (${config.contractId})` },
      ],
    },
    deps.walletWindow,
    (session) => signBindingInWindow(chain, deps, session),
  )
  const { message, signature, publicKey, nep413, verified, nonce, deadline: bindingDeadline } = signedProof

  const confirmation = {
    title: `Bind your ${walletChainNames[chain]} wallet`,
    lines: [
      { label: 'Wallet', value: verified.address },
      { label: 'Account', value: state.account.id },
      { label: 'Site', value: deps.hostOrigin },
    ],
    warning: 'This wallet will be able to recover the account and must co-sign borrowing to other addresses. It is the wallet you connected in the wallet window.',
    confirmLabel: 'Confirm with passkey',
  }

  const { payload, deadline } = newPasskeyRequest(config, state, [
    {
      type: 'add_wallet',
      wallet: { chain, address: verified.address },
      proof: { message, signature, ...(publicKey ? { publicKey } : {}), ...(nep413 ? { nep413 } : {}) },
    },
  ], { site: deps.hostOrigin, nonce, deadline: bindingDeadline })
  const proof = await deps.approve('bindWallet', confirmation, 'approve binding', (prompt) => signRequestWithPasskey({ rpId: config.rpId, credentialId: state.passkey.credentialId, payload, prompt }))
  await deps.deliver({ payload, proof }, deadline)
  return { chain, address: verified.address }
}

/** In the open window: the person's wallet connects, signs the binding message, and the frame verifies it. */
async function signBindingInWindow(chain: ExternalChain, deps: BindWalletDependencies, session: WalletWindowSession) {
  const { config, state } = deps
  const connected = await session.connected()

  // The request that carries the binding gets the same nonce and deadline, which the contract checks.
  const fields: BindingMessageFields = {
    accountId: state.account.id,
    contractId: config.contractId,
    chainId: config.chainId,
    wallet: { chain, address: connected.address },
    nonce: newNonce(),
    origin: deps.hostOrigin,
    deadline: newDeadline(),
  }
  const message = bindingMessage(fields)
  const signable = bindingSignable(fields)
  const nep413 = chain === 'near' ? { nonce: btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))), recipient: config.contractId } : undefined
  const signed = await session.sign({ ...signable, ...(nep413 ? { nep413 } : {}) })
  const publicKey = signed.publicKey ?? connected.publicKey

  let verified: { address: string; publicKey?: string }
  try {
    verified = await verifyExternalSignature({ chain, address: connected.address, signable, signature: signed.signature, ...(publicKey ? { publicKey } : {}), ...(nep413 ? { nep413 } : {}) })
  } catch (cause) {
    throw new BaseError({
      code: ErrorCode.InvalidBindingProof,
      shortMessage: `The ${walletChainNames[chain]} wallet's signature does not check out, so nothing was bound. Try again, or use another wallet.`,
      details: (cause as Error).message,
      cause,
    })
  }

  return { message, signature: signed.signature, publicKey, nep413, verified, nonce: fields.nonce, deadline: fields.deadline }
}
