import { type Action, BaseError, ErrorCode, type SignedRequest, type WalletChain, walletChainNames } from '@crosschain-lending/protocol'
import { normalizeAddress } from '../chain/normalize-address'
import type { AccessToRemove } from '@crosschain-lending/protocol/messenger'
import type { AccountRecord } from '../chain/lending-reads'
import type { WalletConfig } from '../config'
import { type WalletWindowDependencies, withWalletWindow } from '../wallet-window/window-session'
import { connectBoundWallet, signWithBoundWallet } from './wallet-approval'

export type RemoveAccessDependencies = {
  config: WalletConfig
  /** Opens the external-wallet window, where the bound wallet connects and signs. */
  walletWindow: WalletWindowDependencies
  hostOrigin: string
  account: AccountRecord
  deliver: (signed: SignedRequest, deadline: number) => Promise<unknown>
}

/**
 * Removes a passkey or a bound wallet. The contract lets only a bound wallet do it and never
 * removes the last way in; the wallet checks both first, so the person is told before any
 * wallet prompt. The signer is the bound wallet the person connects in the wallet window, on the
 * removed wallet's chain (for a passkey, on the first bound wallet's chain): a wallet removes
 * itself, or another one (a lost or stolen wallet is removed with the one still in hand). Which
 * wallet may remove which, during the security period, is the contract's rule alone
 * (docs/contract.md#security-period): a wallet added recently is refused there with
 * IN_SECURITY_PERIOD, whatever this frame would have checked.
 */
export async function removeAccess(target: AccessToRemove, deps: RemoveAccessDependencies): Promise<void> {
  const { account } = deps
  let action: Action
  let chain: WalletChain | undefined
  let what: string
  if ('passkey' in target) {
    if (!account.passkeys.some((passkey) => passkey.credentialId === target.passkey)) {
      throw new BaseError({ code: ErrorCode.UnknownSigner, shortMessage: 'That passkey is not on this account.' })
    }
    action = { type: 'remove_passkey', credentialId: target.passkey }
    chain = account.wallets[0]?.chain
    what = `the passkey ${target.passkey.slice(0, 16)}…`
  } else {
    const address = await normalizeAddress(target.wallet.chain, target.wallet.address)
    const removed = account.wallets.find((wallet) => wallet.chain === target.wallet.chain && wallet.address === address)
    if (!removed) throw new BaseError({ code: ErrorCode.UnknownSigner, shortMessage: 'That wallet is not bound to this account.' })
    action = { type: 'remove_wallet', wallet: { chain: removed.chain, address } }
    chain = removed.chain
    what = `the ${walletChainNames[removed.chain]} wallet ${address}`
  }
  if (!chain) {
    throw new BaseError({
      code: ErrorCode.ActionNotAllowed,
      shortMessage: 'Only a bound wallet can remove a passkey, and none is bound. Bind a wallet first.',
      docsPath: '/docs/contract.md#policy',
    })
  }
  if (account.passkeys.length + account.wallets.length <= 1) {
    throw new BaseError({ code: ErrorCode.LastControlMethod, shortMessage: 'This is the account\'s last way in; add another passkey or wallet before removing it.' })
  }
  const signers = account.wallets.filter((wallet) => wallet.chain === chain)
  const [only] = signers.length === 1 ? signers : []
  const signedBy = only ? `${walletChainNames[chain]} ${only.address}` : `One of your bound ${walletChainNames[chain]} wallets, the one you connect in the wallet window`
  // Approved in the wallet window (the policy table's place for a removal): the panel shows this
  // confirmation and only opens the window, which shows it again; the bound wallet signs there.
  const confirmation = {
    title: 'Remove access to your account',
    lines: [
      { label: 'Remove', value: what },
      { label: 'Account', value: account.id },
      { label: 'Signed by', value: signedBy },
      { label: 'Left after', value: `${account.passkeys.length - ('passkey' in target ? 1 : 0)} passkey(s), ${account.wallets.length - ('wallet' in target ? 1 : 0)} wallet(s)` },
    ],
    warning: 'Whatever is removed can no longer sign for this account.',
    confirmLabel: 'Remove',
  }
  const { signed, deadline } = await withWalletWindow(
    {
      role: 'remove',
      chain,
      site: deps.hostOrigin,
      title: `Removing ${what}`,
      openLabel: `Sign the removal with your ${walletChainNames[chain]} wallet`,
      ...(only ? { expected: only.address } : {}),
      confirmation,
      lines: [
        { label: 'Account', value: account.id },
        { label: 'Remove', value: what },
        { label: 'Signed by', value: signedBy },
      ],
    },
    deps.walletWindow,
    async (session) => {
      const wallet = await connectBoundWallet(session, signers)
      return signWithBoundWallet(session, deps.config, { accountId: account.id, site: deps.hostOrigin, wallet, actions: [action] })
    },
  )
  await deps.deliver(signed, deadline)
}
