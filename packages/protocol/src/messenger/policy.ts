import type { WalletMethodName } from './schema'

/**
 * For each wallet method: who may call it, whether the wallet must be visible to the person,
 * and whether a user gesture inside the iframe must accompany it. The wallet consults this
 * table before it runs any method, and refuses methods that are not in it.
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
}

export const methodPolicy = {
  getState: { callers: 'allowed-hosts', visibleUi: false, userGesture: 'none' },
  createAccount: { callers: 'allowed-hosts', visibleUi: true, userGesture: 'iframe' },
  signIn: { callers: 'allowed-hosts', visibleUi: true, userGesture: 'iframe' },
  // The host may start a binding; the approval is a click on the wallet's own confirmation.
  bindWallet: { callers: 'allowed-hosts', visibleUi: true, userGesture: 'none' },
  // Likewise: the host asks, the wallet's own confirmation panel (and the passkey) approves.
  operate: { callers: 'allowed-hosts', visibleUi: true, userGesture: 'none' },
  // The click on the wallet's confirmation is the gesture the new passkey's create() needs.
  recover: { callers: 'allowed-hosts', visibleUi: true, userGesture: 'none' },
  removeAccess: { callers: 'allowed-hosts', visibleUi: true, userGesture: 'none' },
  // Only looks; the wallet keeps its text readable whatever is asked.
  setTheme: { callers: 'allowed-hosts', visibleUi: false, userGesture: 'none' },
  // Reads of public chain data and checks that sign nothing: the element's forms need them as the person types.
  getLending: { callers: 'allowed-hosts', visibleUi: false, userGesture: 'none' },
  previewOperation: { callers: 'allowed-hosts', visibleUi: false, userGesture: 'none' },
  checkAddress: { callers: 'allowed-hosts', visibleUi: false, userGesture: 'none' },
} as const satisfies Record<WalletMethodName, MethodPolicy>

export function policyFor(method: string): MethodPolicy | undefined {
  return Object.hasOwn(methodPolicy, method) ? methodPolicy[method as WalletMethodName] : undefined
}
