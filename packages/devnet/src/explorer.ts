import type { Devnet } from './chain'

/** How much of the chain the explorer looks back over, so a long-running chain stays cheap to show. */
const recentBlocksScanned = 5000

export type ExplorerSnapshot = Awaited<ReturnType<typeof explorerSnapshot>>

type AccountRead = { id: string; createdAtMs: number; passkeys: { credentialId: string; publicKey: string; addedAtMs: number }[]; wallets: { chain: string; address: string; boundAtMs: number }[] }
type RequestRead = { requestId: string; blockHeight: number; atMs: number; actions: { type: string }[] }

/**
 * What the demo's explorer shows of the local chain in one call (`dev_explorer`): the newest
 * accounts with their passkeys, bound wallets and positions; the markets and their oracle
 * prices; the last executed requests; the last blocks that carried transactions; and the
 * transfers out to external chains. Everything about the contract comes from its public views,
 * and which accounts exist from the chain's index of its `create_account` outcomes, as a real
 * NEAR network's explorer reads an indexer. Dev-only.
 */
export async function explorerSnapshot(chain: Devnet, limit = 20) {
  const now = chain.head.timestampMs
  const ids = chain.lendingIndex.newest(limit)
  const accounts = await Promise.all(
    ids.map(async (id) => {
      const [account, position, history] = await Promise.all([
        chain.view<AccountRead | null>('get_account', { account_id: id }),
        chain.view('get_position', { account_id: id }),
        chain.view<RequestRead[]>('get_account_requests', { account_id: id, limit }),
      ])
      return {
        id,
        createdAtMs: account?.createdAtMs ?? 0,
        passkeys: (account?.passkeys ?? []).map(({ credentialId, publicKey, addedAtMs }) => ({ credentialId, publicKey, addedAtMs })),
        wallets: (account?.wallets ?? []).map(({ chain: walletChain, address, boundAtMs }) => ({ chain: walletChain, address, boundAtMs })),
        position,
        history,
      }
    }),
  )
  // The newest requests of the newest accounts: enough for a dev page, and every read a view.
  const requests = accounts
    .flatMap(({ id, history }) => history.map(({ requestId, blockHeight, atMs, actions }) => ({ requestId, accountId: id, blockHeight, atMs, actions: actions.map(({ type }) => type), summary: actions })))
    .sort((a, b) => b.blockHeight - a.blockHeight)
    .slice(0, limit)

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
    markets: await chain.view('get_markets', {}),
    accounts: accounts.map(({ history: _history, ...account }) => account),
    accountCount: chain.lendingIndex.size,
    requests,
    blocks,
    transfers: await chain.view<unknown[]>('get_transfers', { limit }),
  }
}

function actionName(action: unknown): string {
  if (typeof action === 'string') return action
  const functionCall = (action as { FunctionCall?: { method_name?: string } }).FunctionCall
  if (functionCall?.method_name) return functionCall.method_name
  return Object.keys(action as object)[0] ?? 'action'
}
