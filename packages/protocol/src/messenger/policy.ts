import type { OperationRequest } from './operations'
import type { WalletMethodName } from './schema'

/**
 * Where the person gives the approval that counts, for a step that signs something:
 *
 * - `panel`: the Confirm of the wallet's panel inside the iframe, armed only while IntersectionObserver
 *   v2 reports it visible and the pointer or keyboard reached it as a person's would
 *   (ui/confirm-guard.ts, ui/confirm-intent.ts). A page can still mask the iframe with `mask-image`,
 *   which no signal reaches (docs/security.md#what-the-wallet-frame-cannot-observe).
 * - `passkey-window`: the Confirm of the passkey window, a top-level page on the wallet origin that
 *   shows the whole confirmation and runs the passkey prompt itself. The panel's Confirm only opens
 *   it. The page can neither draw over, mask, zoom nor restyle a top-level window.
 * - `wallet-window`: the external-wallet window (top-level, wallet origin), which shows the whole
 *   confirmation; the person picks their wallet there and approves in it. The panel only opens it.
 */
export type ApprovalPlace = 'panel' | 'passkey-window' | 'wallet-window'

/** Steps of `operate`: each operation type, and the bound wallet's co-signature of a Borrow to an address that is not bound. */
export type OperationApprovals = { readonly [type in OperationRequest['type'] | 'cosign']: ApprovalPlace }

/**
 * For each wallet method: who may call it, whether the wallet must be visible to the person,
 * whether a user gesture inside the iframe must accompany it, and where what it signs is
 * approved. The wallet consults this table before it runs any method, and refuses methods that
 * are not in it.
 */
export type MethodPolicy = {
  /** `allowed-hosts`: any origin on the operator's partner allowlist. */
  callers: 'allowed-hosts'
  /** The method shows or needs the wallet's own UI (so a hidden iframe cannot run it). */
  visibleUi: boolean
  /**
   * `none`: runs on request. `iframe`: only with transient user activation inside the wallet
   * iframe (browsers require it for a cross-origin `create()`; we require it for every approval).
   */
  userGesture: 'none' | 'iframe'
  /**
   * Where what the method signs is approved (ApprovalPlace); `none` for methods that sign nothing.
   * Whatever grants authority over the account or moves assets out of it is approved in a window:
   * the host cannot change this. A deployment (`approvalWindow: "all"` in the wallet's
   * configuration) or the host (`passkey-window="popup"`) can only move `panel` steps into the
   * passkey window too, never a window step back into the panel.
   */
  approval: 'none' | ApprovalPlace | OperationApprovals
}

export const methodPolicy = {
  getState: { callers: 'allowed-hosts', visibleUi: false, userGesture: 'none', approval: 'none' },
  // A new account grants nothing over an existing one; the passkey prompt follows the panel's own button.
  createAccount: { callers: 'allowed-hosts', visibleUi: true, userGesture: 'iframe', approval: 'panel' },
  signIn: { callers: 'allowed-hosts', visibleUi: true, userGesture: 'iframe', approval: 'panel' },
  // The host may start a binding: the wallet signs the binding in the wallet window, then the
  // passkey approves it in the passkey window.
  bindWallet: { callers: 'allowed-hosts', visibleUi: true, userGesture: 'none', approval: 'passkey-window' },
  // Supply, Repay and Adjust keep funds in the account: the panel's guarded Confirm approves them.
  // A Borrow sends funds out, and its co-signature lets them go to another address: windows only.
  operate: {
    callers: 'allowed-hosts',
    visibleUi: true,
    userGesture: 'none',
    approval: { supply: 'panel', repay: 'panel', adjust: 'panel', borrow: 'passkey-window', cosign: 'wallet-window' },
  },
  // The new passkey is created in the passkey window; the bound wallet signs its addition in the wallet window.
  recover: { callers: 'allowed-hosts', visibleUi: true, userGesture: 'none', approval: 'passkey-window' },
  // A bound wallet signs every removal, in the wallet window.
  removeAccess: { callers: 'allowed-hosts', visibleUi: true, userGesture: 'none', approval: 'wallet-window' },
  // Only looks; the wallet keeps its text readable whatever is asked.
  setTheme: { callers: 'allowed-hosts', visibleUi: false, userGesture: 'none', approval: 'none' },
  // Reads of public chain data and checks that sign nothing: the element's forms need them as the person types.
  getLending: { callers: 'allowed-hosts', visibleUi: false, userGesture: 'none', approval: 'none' },
  previewOperation: { callers: 'allowed-hosts', visibleUi: false, userGesture: 'none', approval: 'none' },
  checkAddress: { callers: 'allowed-hosts', visibleUi: false, userGesture: 'none', approval: 'none' },
} as const satisfies Record<WalletMethodName, MethodPolicy>

/**
 * Flows only the wallet's own panel starts (no host method reaches them), in the same terms:
 * cancelling a pending change removes access, signed by this device's passkey.
 */
export const panelFlowPolicy = {
  cancelPendingChange: { approval: 'passkey-window' },
} as const satisfies Record<string, Pick<MethodPolicy, 'approval'>>

/** Every step that signs for an existing account, by the name its row in these tables has. */
export type ApprovalStep = keyof OperationApprovals | 'bindWallet' | 'recover' | 'removeAccess' | 'cancelPendingChange'

/**
 * Where `step` is approved. `everythingInWindows`: the deployment or the host asked for the
 * passkey window for every operation, which moves `panel` steps there and nothing else.
 */
export function approvalPlace(step: ApprovalStep, everythingInWindows = false): ApprovalPlace {
  const { operate } = methodPolicy
  const place: ApprovalPlace =
    step === 'cancelPendingChange'
      ? panelFlowPolicy.cancelPendingChange.approval
      : Object.hasOwn(operate.approval, step)
        ? operate.approval[step as keyof OperationApprovals]
        : methodPolicy[step as 'bindWallet' | 'recover' | 'removeAccess'].approval
  return place === 'panel' && everythingInWindows ? 'passkey-window' : place
}

export function policyFor(method: string): MethodPolicy | undefined {
  return Object.hasOwn(methodPolicy, method) ? methodPolicy[method as WalletMethodName] : undefined
}
