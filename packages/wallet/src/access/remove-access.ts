import { type Action, BaseError, ErrorCode, type SignedRequest, walletChainNames } from '@crosschain-lending/protocol'
import { normalizeAddress } from '../chain/normalize-address'
import type { AccessToRemove } from '@crosschain-lending/protocol/messenger'
import type { AccountRecord } from '../chain/lending-reads'
import type { WalletConfig } from '../config'
import type { Confirmation } from '../confirmations'
import { type WalletWindowDependencies, withWalletWindow } from '../wallet-window/window-session'
import { type WalletSigner, connectBoundWallet, signWithBoundWallet } from './wallet-approval'

export type RemoveAccessDependencies = {
  config: WalletConfig
  /** Opens the external-wallet window, where the bound wallet connects and signs. */
  walletWindow: WalletWindowDependencies
  hostOrigin: string
  account: AccountRecord
  confirm: (confirmation: Confirmation) => Promise<void>
  deliver: (signed: SignedRequest, deadline: number) => Promise<unknown>
}

/**
 * Removes a passkey or a bound wallet. The contract lets only a bound wallet do it and never
 * removes the last way in; the wallet checks both first, so the person is told before any
 * wallet prompt. A wallet removes itself; a passkey is removed by the first bound wallet.
 */
export async function removeAccess(target: AccessToRemove, deps: RemoveAccessDependencies): Promise<void> {
  const { account } = deps
  let action: Action
  let signer: WalletSigner | undefined
  let what: string
  if ('passkey' in target) {
    if (!account.passkeys.some((passkey) => passkey.credentialId === target.passkey)) {
      throw new BaseError({ code: ErrorCode.UnknownSigner, shortMessage: 'That passkey is not on this account.' })
    }
    action = { type: 'remove_passkey', credentialId: target.passkey }
    signer = account.wallets[0]
    what = `the passkey ${target.passkey.slice(0, 16)}…`
  } else {
    const address = await normalizeAddress(target.wallet.chain, target.wallet.address)
    signer = account.wallets.find((wallet) => wallet.chain === target.wallet.chain && wallet.address === address)
    if (!signer) throw new BaseError({ code: ErrorCode.UnknownSigner, shortMessage: 'That wallet is not bound to this account.' })
    action = { type: 'remove_wallet', wallet: { chain: signer.chain, address } }
    what = `the ${walletChainNames[signer.chain]} wallet ${address}`
  }
  if (!signer) {
    throw new BaseError({
      code: ErrorCode.ActionNotAllowed,
      shortMessage: 'Only a bound wallet can remove a passkey, and none is bound. Bind a wallet first.',
      docsPath: '/docs/contract.md#policy',
    })
  }
  if (account.passkeys.length + account.wallets.length <= 1) {
    throw new BaseError({ code: ErrorCode.LastControlMethod, shortMessage: 'This is the account\'s last way in; add another passkey or wallet before removing it.' })
  }
  await deps.confirm({
    title: 'Remove access to your account',
    lines: [
      { label: 'Remove', value: what },
      { label: 'Account', value: account.id },
      { label: 'Signed by', value: `${walletChainNames[signer.chain]} ${signer.address}` },
      { label: 'Left after', value: `${account.passkeys.length - ('passkey' in target ? 1 : 0)} passkey(s), ${account.wallets.length - ('wallet' in target ? 1 : 0)} wallet(s)` },
    ],
    warning: 'Whatever is removed can no longer sign for this account.',
    confirmLabel: 'Remove',
  })
  const wallet = signer
  const { signed, deadline } = await withWalletWindow(
    {
      role: 'remove',
      chain: wallet.chain,
      site: deps.hostOrigin,
      title: `Removing ${what}`,
      openLabel: `Sign the removal with your ${walletChainNames[wallet.chain]} wallet`,
      expected: wallet.address,
      lines: [
        { label: 'Account', value: account.id },
        { label: 'Remove', value: what },
        { label: 'Signed by', value: `${walletChainNames[wallet.chain]} ${wallet.address}` },
      ],
    },
    deps.walletWindow,
    async (session) => {
      await connectBoundWallet(session, wallet)
      return signWithBoundWallet(session, deps.config, { accountId: account.id, site: deps.hostOrigin, wallet, actions: [action] })
    },
  )
  await deps.deliver(signed, deadline)
}
