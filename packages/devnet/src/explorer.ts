import type { Devnet } from './chain'

/** How much of the chain the explorer looks back over, so a long-running chain stays cheap to show. */
const recentBlocksScanned = 5000

export type ExplorerSnapshot = ReturnType<typeof explorerSnapshot>

/**
 * What the demo's explorer shows of the local chain in one call (`dev_explorer`): the newest
 * accounts with their passkeys, bound wallets and positions; the markets and their oracle
 * prices; the last executed requests; the last blocks that carried transactions; and the
 * transfers out to external chains. Dev-only: a real NEAR RPC has indexers for this.
 */
export function explorerSnapshot(chain: Devnet, limit = 20) {
  const state = chain.contract.state
  const now = chain.head.timestampMs
  const accounts = [...state.accounts.values()]
    .sort((a, b) => b.createdAtMs - a.createdAtMs)
    .slice(0, limit)
    .map((account) => ({
      id: account.id,
      createdAtMs: account.createdAtMs,
      passkeys: account.passkeys.map(({ credentialId, publicKey, addedAtMs }) => ({ credentialId, publicKey, addedAtMs })),
      wallets: account.wallets.map(({ chain: walletChain, address, boundAtMs }) => ({ chain: walletChain, address, boundAtMs })),
      position: chain.view('get_position', { account_id: account.id }),
    }))
  const requests = [...state.requests.values()]
    .sort((a, b) => b.blockHeight - a.blockHeight)
    .slice(0, limit)
    .map(({ requestId, accountId, blockHeight, atMs, actions, summary }) => ({ requestId, accountId, blockHeight, atMs, actions, summary }))

  const blocks: { height: number; hash: string; timestampMs: number; transactions: { hash: string; signer: string; receiver: string; methods: string[]; ok: boolean }[] }[] = []
  let block = chain.head
  for (let scanned = 0; scanned < recentBlocksScanned && blocks.length < limit; scanned++) {
    if (block.txHashes.length > 0) {
      blocks.push({
        height: block.height,
        hash: block.hash,
        timestampMs: block.timestampMs,
        transactions: block.txHashes.map((hash) => {
          const outcome = chain.outcome(hash)
          const transaction = (outcome?.transaction ?? {}) as { signer_id?: string; receiver_id?: string; actions?: unknown[] }
          return {
            hash,
            signer: String(transaction.signer_id ?? ''),
            receiver: String(transaction.receiver_id ?? ''),
            methods: (transaction.actions ?? []).map(actionName),
            ok: outcome !== undefined && 'SuccessValue' in outcome.status,
          }
        }),
      })
    }
    const previous = chain.block({ hash: block.prevHash })
    if (!previous) break
    block = previous
  }

  return {
    head: { height: chain.head.height, hash: chain.head.hash, timestampMs: now },
    markets: chain.view('get_markets', {}),
    accounts,
    accountCount: state.accounts.size,
    requests,
    blocks,
    transfers: state.outbound.slice(-limit).reverse().map((transfer) => ({ ...transfer, amount: transfer.amount.toString() })),
  }
}

function actionName(action: unknown): string {
  if (typeof action === 'string') return action
  const functionCall = (action as { FunctionCall?: { method_name?: string } }).FunctionCall
  if (functionCall?.method_name) return functionCall.method_name
  return Object.keys(action as object)[0] ?? 'action'
}
