import type { CrossChainLending } from '@crosschain-lending/widget'
import { answerDevWallet, approveInWallet, clickInWallet, testEnvironment } from '@crosschain-lending/testing/browser'
import { nextOutcome } from '../helpers'
import { boundElement, connectInWindow } from '../binding/support'

/** A dev-only method of the local chain (faucet deposits, prices, external ledgers). */
export async function devRpc<T>(method: string, params: Record<string, unknown>): Promise<T> {
  const { rpcUrl } = await testEnvironment()
  const response = await fetch(rpcUrl!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })
  const body = (await response.json()) as { result?: T; error?: unknown }
  if (body.error) throw new Error(`${method}: ${JSON.stringify(body.error)}`)
  return body.result as T
}

/** Deposits test assets into the account from an external chain, as the demo's faucet does. */
export function deposit(accountId: string, asset: string, amount: string, chain = 'evm') {
  return devRpc('dev_deposit', { chain, account_id: accountId, asset, amount })
}

export { boundElement }

/**
 * Asks the element for an operation and approves it in the wallet as a person would, where the
 * wallet's policy approves it (`approveInWallet`: the panel for Supply, Repay and Adjust; the
 * passkey window for Borrow). With `cosign`, the panel then opens the wallet window ("Send to an
 * address that is not yours?"), where the bound wallet connects and co-signs. Resolves with the receipt.
 */
export async function approveOperation(element: CrossChainLending, request: Parameters<CrossChainLending['operate']>[0], options: { cosign?: boolean } = {}) {
  const final = nextOutcome(element, 'ccl-operation-final', 30000)
  final.catch(() => undefined)
  const receipt = element.operate(request)
  receipt.catch(() => undefined)
  await approveInWallet()
  if (options.cosign) {
    await clickInWallet('#confirm', { timeoutMs: 15000 })
    await connectInWindow()
    await answerDevWallet('approve')
  }
  await final
  return receipt
}

/** Like `approveOperation`, but resolves with the pending receipt as soon as the person has confirmed. */
export async function approveOperationStart(element: CrossChainLending, request: Parameters<CrossChainLending['operate']>[0]) {
  const receipt = element.operate(request)
  receipt.catch(() => undefined)
  await approveInWallet()
  return receipt
}
