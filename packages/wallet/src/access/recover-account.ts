import { BaseError, ErrorCode, type SignedRequest, walletChainNames } from '@crosschain-lending/protocol'
import { normalizeAddress } from '../chain/normalize-address'
import type { ExternalChain, PasskeyInfo } from '@crosschain-lending/protocol/messenger'
import type { AccountRecord, LendingReads } from '../chain/lending-reads'
import type { WalletConfig } from '../config'
import type { PasskeyApproval } from '../passkeys/approve-with-passkey'
import { createPasskey } from '../passkeys/create-passkey'
import { forgetPasskey } from '../passkeys/forget-passkey'
import { type WalletWindowDependencies, type WalletWindowSession, withWalletWindow } from '../wallet-window/window-session'
import { signWithBoundWallet } from './wallet-approval'

export type RecoverAccountDependencies = {
  config: WalletConfig
  /** Opens the external-wallet window, where the person's own wallet connects and signs. */
  walletWindow: WalletWindowDependencies
  reads: Pick<LendingReads, 'accountByWallet'>
  /** The passkey's approval where the policy table puts it (the passkey window for recovery). */
  approve: PasskeyApproval
  /** Takes the signed request to the chain (retrying while the relayer is away). */
  deliver: (signed: SignedRequest, deadline: number) => Promise<unknown>
  hostOrigin: string
}

/**
 * Recovery on a device without the passkey, through the bound wallet:
 * 1. a click on the wallet's panel opens the external-wallet window, where the person connects
 *    their own wallet on `chain` (the host page supplies nothing: no address, no signature);
 * 2. the chain says which account that wallet is bound to, and the person confirms it in the
 *    passkey window (the panel only opens it; that window's Confirm is the gesture `create()` needs);
 * 3. a new passkey is created on this device, in that window;
 * 4. the same wallet, in the same window, signs a request adding it to that account, and the
 *    frame verifies the signature against the bound address: the account is the one the proven
 *    wallet controls, and the chain records the addition only with that signature.
 * If the wallet declines at step 4, the account is unchanged and the new passkey is forgotten
 * (the Signal API tells the person's passkey provider it controls nothing).
 */
export function recoverAccount(chain: ExternalChain, deps: RecoverAccountDependencies): Promise<{ passkey: PasskeyInfo; accountId: string }> {
  return withWalletWindow(
    {
      role: 'recover',
      chain,
      site: deps.hostOrigin,
      title: `Recovering your account with your ${walletChainNames[chain]} wallet`,
      openLabel: `Recover with your ${walletChainNames[chain]} wallet`,
      lines: [{ label: 'New passkey', value: `created on this device for ${deps.config.rpId} once you confirm` }],
    },
    deps.walletWindow,
    (session) => recoverInWindow(chain, deps, session),
  )
}

async function recoverInWindow(chain: ExternalChain, deps: RecoverAccountDependencies, session: WalletWindowSession): Promise<{ passkey: PasskeyInfo; accountId: string }> {
  const { config } = deps
  const connected = await session.connected()
  const address = await normalizeAddress(chain, connected.address)
  const account: AccountRecord | null = await deps.reads.accountByWallet(chain, address)
  if (!account) {
    throw new BaseError({
      code: ErrorCode.AccountNotFound,
      shortMessage: `No account has the ${walletChainNames[chain]} wallet ${address} bound, so it cannot recover one. Connect the wallet you bound, or create a new account.`,
    })
  }
  const wallet = account.wallets.find((candidate) => candidate.chain === chain && candidate.address === address)!

  const confirmation = {
    title: 'Recover your account on this device',
    lines: [
      { label: 'Account', value: account.id },
      { label: 'Bound wallet', value: `${walletChainNames[chain]} ${address}` },
      { label: 'Passkeys now', value: String(account.passkeys.length) },
      { label: 'Site', value: deps.hostOrigin },
    ],
    warning: 'A new passkey will be created on this device and added to the account. Your bound wallet signs the addition next.',
    confirmLabel: 'Create a passkey here',
  }
  const { passkey } = await deps.approve('recover', confirmation, 'recover account', (prompt) => createPasskey({ rpId: config.rpId, rpName: config.rpName, prompt }))
  try {
    const { signed, deadline } = await signWithBoundWallet(session, config, {
      accountId: account.id,
      site: deps.hostOrigin,
      wallet,
      actions: [{ type: 'add_passkey', passkey: { credentialId: passkey.credentialId, publicKey: passkey.publicKey } }],
    })
    await deps.deliver(signed, deadline)
  } catch (error) {
    // Declined, refused or expired: the chain never added it, so the new passkey controls
    // nothing. The person's passkey provider is told to forget it rather than offer it forever.
    await forgetPasskey(config.rpId, passkey.credentialId)
    throw error
  }
  return { passkey, accountId: account.id }
}
