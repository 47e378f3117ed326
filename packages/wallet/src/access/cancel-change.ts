import { type Action, BaseError, ErrorCode, type MethodTimes, type SignedRequest, isOlder, isProbationary, timeLeft, walletChainNames } from '@crosschain-lending/protocol'
import type { AccessToRemove, WalletState } from '@crosschain-lending/protocol/messenger'
import type { AccountRecord } from '../chain/lending-reads'
import { newPasskeyRequest } from '../chain/new-request'
import type { WalletConfig } from '../config'
import type { PasskeyApproval } from '../passkeys/approve-with-passkey'
import { signRequestWithPasskey } from '../passkeys/sign-request'

export type CancelChangeDependencies = {
  config: Pick<WalletConfig, 'rpId' | 'chainId' | 'contractId'>
  state: Extract<WalletState, { status: 'signed-in' }>
  /** The account as the chain has it now: the dates decide, never the panel's copy. */
  account: AccountRecord
  /** The page the wallet is embedded in: the request's site, as every request names it. */
  hostOrigin: string
  /** The passkey's approval where the policy table puts it (the passkey window: this removes access). */
  approve: PasskeyApproval
  deliver: (signed: SignedRequest, deadline: number) => Promise<unknown>
  now?: number
}

/**
 * Cancels a pending change: removes a passkey or wallet still in its security period, signed by
 * this device's passkey, which must be older than it (docs/contract.md#security-period). It is
 * the one removal a passkey may sign, and the way a person undoes a method they did not add
 * before it can lock them out. Checked here against the chain's dates first, so the person is
 * told why before any prompt; the contract checks the same rule again.
 */
export async function cancelPendingChange(target: AccessToRemove, deps: CancelChangeDependencies): Promise<void> {
  const { account, state } = deps
  const now = deps.now ?? Date.now()
  const change = changeToCancel(target, account)
  const signer = account.passkeys.find((passkey) => passkey.credentialId === state.passkey.credentialId)
  if (!signer) throw new BaseError({ code: ErrorCode.UnknownSigner, shortMessage: "This device's passkey no longer controls the account. Sign in with one that does." })
  if (!isProbationary(change.times, now)) {
    throw new BaseError({
      code: ErrorCode.ActionNotAllowed,
      shortMessage: `${capitalized(change.what)} is past its security period, so it is no longer a pending change. Only a bound wallet can remove it now.`,
      docsPath: '/docs/contract.md#security-period',
    })
  }
  if (!isOlder(signer, change.times)) {
    throw new BaseError({
      code: ErrorCode.ActionNotAllowed,
      shortMessage: `This device's passkey was added after ${change.what}, so it cannot cancel it. A passkey or wallet the account had before can.`,
      docsPath: '/docs/contract.md#security-period',
    })
  }

  const confirmation = {
    title: 'Cancel a pending change',
    lines: [
      { label: 'Remove', value: change.what },
      { label: 'Added', value: `${new Date(change.times.addedAtMs).toLocaleString()} (full access in ${timeLeft(change.times.maturesAtMs!, now)})` },
      { label: 'Account', value: account.id },
      { label: 'Signed by', value: `This device's passkey ${state.passkey.credentialId.slice(0, 12)}…` },
    ],
    warning: `It is removed at once and can no longer sign for this account.${change.action.type === 'remove_passkey' ? ' A removed passkey can never be added again.' : ' If you added it yourself, you can bind it again; it then waits out the security period again.'}`,
    confirmLabel: 'Remove it with passkey',
    cancelLabel: 'Keep it',
  }
  const { payload, deadline } = newPasskeyRequest(deps.config, state, [change.action], { site: deps.hostOrigin })
  const proof = await deps.approve('cancelPendingChange', confirmation, 'approve cancellation', (prompt) => signRequestWithPasskey({ rpId: deps.config.rpId, credentialId: state.passkey.credentialId, payload, prompt }))
  await deps.deliver({ payload, proof }, deadline)
}

/** The method `target` names, as the chain records it: what to call it, its dates, and the action that removes it. */
function changeToCancel(target: AccessToRemove, account: AccountRecord): { what: string; times: MethodTimes; action: Action } {
  if ('passkey' in target) {
    const passkey = account.passkeys.find((candidate) => candidate.credentialId === target.passkey)
    if (!passkey) throw new BaseError({ code: ErrorCode.UnknownSigner, shortMessage: 'That passkey is not on this account.' })
    return { what: `the new passkey ${passkey.credentialId.slice(0, 16)}…`, times: passkey, action: { type: 'remove_passkey', credentialId: passkey.credentialId } }
  }
  const wallet = account.wallets.find((candidate) => candidate.chain === target.wallet.chain && candidate.address === target.wallet.address)
  if (!wallet) throw new BaseError({ code: ErrorCode.UnknownSigner, shortMessage: 'That wallet is not bound to this account.' })
  return {
    what: `the new ${walletChainNames[wallet.chain]} wallet ${wallet.address}`,
    times: { addedAtMs: wallet.boundAtMs, maturesAtMs: wallet.maturesAtMs },
    action: { type: 'remove_wallet', wallet: { chain: wallet.chain, address: wallet.address } },
  }
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
