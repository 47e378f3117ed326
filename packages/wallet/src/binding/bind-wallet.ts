import { BaseError, ErrorCode, type SignedRequest, bindingMessage, unwrap, walletChainNames } from '@crosschain-lending/protocol'
import type { ExternalChain, HostMethods, WalletState } from '@crosschain-lending/protocol/messenger'
import type { RemoteProxy } from 'penpal'
import { newNonce, newPasskeyRequest } from '../chain/new-request'
import type { WalletConfig } from '../config'
import type { Confirmation } from '../confirmations'
import type { CeremonyLock } from '../passkeys/ceremony-lock'
import { signRequestWithPasskey } from '../passkeys/sign-request'
import { verifyExternalSignature } from './verify-external'

export type BindWalletDependencies = {
  config: WalletConfig
  state: Extract<WalletState, { status: 'signed-in' }>
  host: RemoteProxy<HostMethods>
  confirm: (confirmation: Confirmation) => Promise<void>
  lock: CeremonyLock
  /** Takes the signed request to its final outcome (the wallet's one delivery path). */
  deliver: (signed: SignedRequest, deadline: number) => Promise<unknown>
  /** The site the person is on, named in the message their wallet shows them. */
  hostOrigin: string
}

/**
 * Binds the host page's wallet on `chain` to the signed-in account:
 * 1. the host connects its wallet (extension wallets live in the top page, not in this iframe);
 * 2. the wallet writes the binding message (account, contract, network, wallet, nonce, site);
 * 3. the host's wallet signs it, and the wallet verifies that signature here;
 * 4. the person confirms on the wallet's panel and approves with the passkey;
 * 5. the request goes to the relayer, and the binding is final once the chain has it.
 */
export async function bindWallet(chain: ExternalChain, deps: BindWalletDependencies): Promise<{ chain: ExternalChain; address: string }> {
  const { config, state, host } = deps
  const connected = unwrap(await host.connectExternalWallet({ chain }))
  if (connected.chain !== chain) throw new BaseError({ code: ErrorCode.InvalidRequest, shortMessage: `The page connected a ${connected.chain} wallet, not ${chain}.` })

  const nonce = newNonce()
  const message = bindingMessage({
    accountId: state.account.id,
    contractId: config.contractId,
    chainId: config.chainId,
    wallet: { chain, address: connected.address },
    nonce,
    origin: deps.hostOrigin,
  })
  const nep413 = chain === 'near' ? { nonce: btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))), recipient: config.contractId } : undefined
  const signed = unwrap(await host.signWithExternalWallet({ chain, address: connected.address, message, purpose: 'bind', ...(nep413 ? { nep413 } : {}) }))
  const publicKey = signed.publicKey ?? connected.publicKey

  let verified: { address: string; publicKey?: string }
  try {
    verified = await verifyExternalSignature({ chain, address: connected.address, message, signature: signed.signature, ...(publicKey ? { publicKey } : {}), ...(nep413 ? { nep413 } : {}) })
  } catch (cause) {
    throw new BaseError({
      code: ErrorCode.InvalidBindingProof,
      shortMessage: `The ${walletChainNames[chain]} wallet's signature does not check out, so nothing was bound. Try again, or use another wallet.`,
      details: (cause as Error).message,
      cause,
    })
  }

  await deps.confirm({
    title: `Bind your ${walletChainNames[chain]} wallet`,
    lines: [
      { label: 'Wallet', value: verified.address },
      { label: 'Account', value: state.account.id },
      { label: 'Site', value: deps.hostOrigin },
    ],
    warning: 'This wallet will be able to recover the account and must co-sign borrowing to other addresses.',
    confirmLabel: 'Confirm with passkey',
  })

  const { payload, deadline } = newPasskeyRequest(config, state, [
    {
      type: 'add_wallet',
      wallet: { chain, address: verified.address },
      proof: { message, signature: signed.signature, ...(publicKey ? { publicKey } : {}), ...(nep413 ? { nep413 } : {}) },
    },
  ], { nonce })
  const proof = await deps.lock.run('approve binding', (prompt) => signRequestWithPasskey({ rpId: config.rpId, credentialId: state.passkey.credentialId, payload, prompt }))
  await deps.deliver({ payload, proof }, deadline)
  return { chain, address: verified.address }
}
