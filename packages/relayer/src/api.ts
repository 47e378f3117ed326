import type { IncomingMessage } from 'node:http'
import { parseSignedRequest } from '@crosschain-lending/protocol'
import type { Provider } from 'near-api-js'
import { type AccountCreator, parseCreateAccountRequest } from './accounts'
import type { KeyPool } from './chain/key-pool'
import type { RelayerConfig } from './config'
import { invalidHttpRequest, rateLimited } from './errors'
import { readJsonBody } from './http/body'
import { type RouteReply, Router } from './http/router'
import type { TokenBucketLimiter } from './rate-limit'
import type { RequestSubmitter } from './submitter'

export type ApiContext = { request: IncomingMessage }

export type ApiDependencies = {
  config: RelayerConfig
  provider: Provider
  keys: KeyPool
  submitter: RequestSubmitter
  accounts: AccountCreator
  /** Per account id: one account's requests cannot crowd out everyone else's. */
  accountLimiter: TokenBucketLimiter
}

const requestIdPattern = /^[0-9a-f]{64}$/

/** The relayer's HTTP API: JSON in, JSON out. Errors are thrown and rendered by the server. */
export function createApi({ config, provider, keys, submitter, accounts, accountLimiter }: ApiDependencies): Router<ApiContext> {
  return new Router<ApiContext>()
    .add('POST', /^\/v1\/requests$/, async ({ request }) => {
      const signed = parseSignedRequest(await readJsonBody(request, config.maxBodyBytes))
      const decision = accountLimiter.take(signed.fields.accountId)
      if (!decision.allowed) throw rateLimited('for this account', decision.retryAfterMs)
      const result = await submitter.submit(signed)
      // 202: the chain has the transaction but did not report it final in time; poll the status.
      return { status: result.status === 'final' ? 200 : 202, body: result }
    })
    .add('GET', /^\/v1\/requests\/([^/]+)$/, async (_context, [id = '']) => {
      if (!requestIdPattern.test(id)) throw invalidHttpRequest('A request id is the 64 lowercase hex digits of sha256(payload).')
      return { status: 200, body: await submitter.status(id) }
    })
    .add('POST', /^\/v1\/accounts$/, async ({ request }) => {
      const result = await accounts.create(parseCreateAccountRequest(await readJsonBody(request, config.maxBodyBytes)))
      return { status: result.created ? 201 : 200, body: result }
    })
    .add('GET', /^\/health$/, () => health(config, provider, keys))
}

/** Up when the RPC answers and serves the configured network; the body says what was seen. */
async function health(config: RelayerConfig, provider: Provider, keys: KeyPool): Promise<RouteReply> {
  const relayer = { network: config.network, contractId: config.contractId, relayerAccountId: config.relayerAccountId, keys: keys.size, idleKeys: keys.idle }
  try {
    const status = await Promise.race([
      provider.viewNodeStatus(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 3_000).unref()),
    ])
    const chain = { reachable: true, chainId: status.chain_id, latestBlockHeight: status.sync_info.latest_block_height, syncing: status.sync_info.syncing }
    const healthy = status.chain_id === config.network && !status.sync_info.syncing
    return { status: healthy ? 200 : 503, body: { status: healthy ? 'ok' : 'degraded', ...relayer, chain } }
  } catch {
    return { status: 503, body: { status: 'unavailable', ...relayer, chain: { reachable: false } } }
  }
}
