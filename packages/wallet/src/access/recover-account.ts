import { BaseError, ErrorCode, type SignedRequest, unwrap, walletChainNames } from '@crosschain-lending/protocol'
import { normalizeAddress } from '../chain/normalize-address'
import type { ExternalChain, HostMethods, PasskeyInfo } from '@crosschain-lending/protocol/messenger'
import type { RemoteProxy } from 'penpal'
import type { AccountRecord, LendingReads } from '../chain/lending-reads'
import type { WalletConfig } from '../config'
import type { Confirmation } from '../confirmations'
import type { CeremonyLock } from '../passkeys/ceremony-lock'
import { createPasskey } from '../passkeys/create-passkey'
import { forgetPasskey } from '../passkeys/forget-passkey'
import { signWithBoundWallet } from './wallet-approval'

export type RecoverAccountDependencies = {
  config: WalletConfig
  host: RemoteProxy<HostMethods>
  reads: Pick<LendingReads, 'accountByWallet'>
  confirm: (confirmation: Confirmation) => Promise<void>
  lock: CeremonyLock
  /** Takes the signed request to the chain (retrying while the relayer is away). */
  deliver: (signed: SignedRequest, deadline: number) => Promise<unknown>
  hostOrigin: string
}

/**
 * Recovery on a device without the passkey, through the bound wallet:
 * 1. the host page connects the person's wallet on `chain`; the chain says which account it is bound to;
 * 2. the person confirms on the wallet's panel (that click is the gesture `create()` needs);
 * 3. a new passkey is created on this device;
 * 4. the bound wallet signs a request adding it (checked here), and the chain records it.
 * If the wallet declines at step 4, the account is unchanged and the new passkey is forgotten
 * (the Signal API tells the person's passkey provider it controls nothing).
 */
export async function recoverAccount(chain: ExternalChain, deps: RecoverAccountDependencies): Promise<{ passkey: PasskeyInfo; accountId: string }> {
  const { config, host } = deps
  const connected = unwrap(await host.connectExternalWallet({ chain }))
  if (connected.chain !== chain) throw new BaseError({ code: ErrorCode.InvalidRequest, shortMessage: `The page connected a ${connected.chain} wallet, not ${chain}.` })
  const address = await normalizeAddress(chain, connected.address)
  const account: AccountRecord | null = await deps.reads.accountByWallet(chain, address)
  if (!account) {
    throw new BaseError({
      code: ErrorCode.AccountNotFound,
      shortMessage: `No account has the ${walletChainNames[chain]} wallet ${address} bound, so it cannot recover one. Connect the wallet you bound, or create a new account.`,
    })
  }
  const wallet = account.wallets.find((candidate) => candidate.chain === chain && candidate.address === address)!

  await deps.confirm({
    title: 'Recover your account on this device',
    lines: [
      { label: 'Account', value: account.id },
      { label: 'Bound wallet', value: `${walletChainNames[chain]} ${address}` },
      { label: 'Passkeys now', value: String(account.passkeys.length) },
      { label: 'Site', value: deps.hostOrigin },
    ],
    warning: 'A new passkey will be created on this device and added to the account. Your bound wallet signs the addition next.',
    confirmLabel: 'Create a passkey here',
  })
  const { passkey } = await deps.lock.run('recover account', (prompt) => createPasskey({ rpId: config.rpId, rpName: config.rpName, prompt }))
  try {
    const { signed, deadline } = await signWithBoundWallet(host, config, {
      accountId: account.id,
      wallet,
      actions: [{ type: 'add_passkey', passkey: { credentialId: passkey.credentialId, publicKey: passkey.publicKey } }],
      purpose: 'recover',
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
