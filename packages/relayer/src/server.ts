import { type IncomingMessage, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ErrorCode } from '@crosschain-lending/protocol'
import { useNodeCrypto } from '@crosschain-lending/protocol/node'
import { JsonRpcProvider, KeyPair } from 'near-api-js'
import { AccountCreator } from './accounts'
import { createApi } from './api'
import { Budget } from './budgets'
import { accessKeyNonceReader } from './chain/access-key-nonce'
import { ContractViews } from './chain/contract-views'
import { KeyPool } from './chain/key-pool'
import type { RetryPolicy } from './chain/retry'
import { TransactionSender } from './chain/transaction-sender'
import type { RelayerConfig } from './config'
import { RelayerError, RelayerErrorCode, asBaseError, errorBody, httpStatusFor, rateLimited } from './errors'
import { HealthCheck } from './health'
import { requireJsonContentType } from './http/body'
import { clientIdentity } from './http/client-address'
import { CorsPolicy } from './http/cors'
import { refuseBrowserLoads } from './http/fetch-metadata'
import { sendJson } from './http/respond'
import { TokenBucketLimiter } from './rate-limit'
import { RefusalGuard } from './refusal-guard'
import { RequestStatusStore } from './status-store'
import { RequestSubmitter } from './submitter'

export type RelayerOptions = {
  /** The clock for deadlines, caches and rate limits. Default `Date.now`. */
  now?: () => number
  /** Where failures the operator must see go (5xx causes). Default stderr. */
  log?: (line: string) => void
  /** How long `close()` waits for requests in progress before cutting connections. Default 10 s. */
  closeGraceMs?: number
}

export type Relayer = {
  /** Where the relayer listens, e.g. http://127.0.0.1:8787. */
  url: string
  /** Stops accepting, lets requests in progress finish (up to the grace period), then closes the status log. */
  close(): Promise<void>
}

/** Starts the relayer's HTTP server. Does not contact the chain: it may start first. */
export async function startRelayer(config: RelayerConfig, options: RelayerOptions = {}): Promise<Relayer> {
  useNodeCrypto()
  const now = options.now ?? Date.now
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  const retry: RetryPolicy = { attempts: config.rpcAttempts, baseDelayMs: config.rpcRetryBaseDelayMs, maxDelayMs: 5_000, timeoutMs: config.rpcTimeoutMs }
  // near-api-js retries some failures on its own schedule (12 attempts); one attempt each here,
  // so the relayer's policy (backoff with jitter, a timeout per attempt) is the only one.
  const provider = new JsonRpcProvider({ url: config.rpcUrl }, { retries: 1, wait: 0, backoff: 1 })

  const keys = new KeyPool(
    config.relayerKeys.map((key) => KeyPair.fromString(key)),
    accessKeyNonceReader(provider, config.relayerAccountId, retry),
  )
  const views = new ContractViews({ provider, contractId: config.contractId, retry, now })
  const sender = new TransactionSender({ provider, keys, signerId: config.relayerAccountId, retry, now })
  const store = await RequestStatusStore.open(config.dataDir, { now })
  const refusals = new RefusalGuard(config.refusals, { now })
  const submitter = new RequestSubmitter({ network: config.network, contractId: config.contractId, views, sender, store, refusals, now })
  const accounts = new AccountCreator({ contractId: config.contractId, views, sender })
  const router = createApi({
    config,
    health: new HealthCheck({ config, provider, keys, cacheMs: config.healthCacheMs, now }),
    submitter,
    accounts,
    requestBudget: new Budget({ what: 'signed requests', limits: config.requestBudget, per: 'minute', perAccount: config.rateLimitPerAccount, now }),
    accountBudget: new Budget({ what: 'account creations', limits: config.accountBudget, per: 'hour', now }),
  })
  const clientLimiter = new TokenBucketLimiter({ perMinute: config.rateLimitPerClient, now })
  const healthLimiter = new TokenBucketLimiter({ perMinute: config.healthRateLimitPerClient, now })
  const cors = new CorsPolicy(config.allowedWalletOrigins)

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const origin = request.headers.origin
    const corsHeaders = cors.headersFor(origin)
    try {
      if (!cors.permits(origin)) {
        throw new RelayerError({ code: ErrorCode.OriginNotAllowed, shortMessage: `The origin ${JSON.stringify(origin?.slice(0, 200))} may not call this relayer.`, details: 'Only the wallet origins in CCL_ALLOWED_WALLET_ORIGINS may.' })
      }
      if (request.method === 'OPTIONS') return sendJson(response, 204, undefined, cors.preflightHeadersFor(origin))
      // Everything up to the budgets is free for the relayer (no chain call, no body read), so a
      // call that fails it spends no one's budget: a page cannot use its visitors' browsers to
      // exhaust their address's budget with <img> loads or form posts.
      refuseBrowserLoads(request)
      const path = new URL(request.url ?? '/', 'http://relayer.invalid').pathname
      const match = router.match(request.method ?? '', path)
      if (match.kind === 'not-found') throw new RelayerError({ code: RelayerErrorCode.RouteNotFound, shortMessage: `There is no ${path} here.`, details: 'Routes: POST /v1/requests, GET /v1/requests/:id, POST /v1/accounts, GET /health.' })
      if (match.kind === 'wrong-method') {
        throw new RelayerError({ code: RelayerErrorCode.RouteNotFound, shortMessage: `${path} takes ${match.allowed.join(' or ')}, not ${request.method}.`, httpStatus: 405, headers: { allow: match.allowed.join(', ') } })
      }
      if (request.method === 'POST') requireJsonContentType(request)
      const client = clientIdentity(request, config.trustProxy)
      // /health has a budget of its own, so monitoring and the API never crowd each other out.
      const limiter = path === '/health' ? healthLimiter : clientLimiter
      const decision = limiter.take(client.address)
      if (!decision.allowed) throw rateLimited(path === '/health' ? 'Too many health checks from this address' : 'Too many calls from this address', decision.retryAfterMs)
      const reply = await match.handle({ request, client })
      sendJson(response, reply.status, reply.body, { ...corsHeaders, ...reply.headers })
    } catch (error) {
      const failure = asBaseError(error)
      const status = httpStatusFor(failure)
      if (status >= 500) log(`relayer: ${request.method} ${request.url} → ${status} ${failure.code}: ${describeCause(failure)}`)
      const headers = { ...corsHeaders, ...(failure instanceof RelayerError ? failure.headers : {}) }
      // The rest of an oversized body is never read: close the connection rather than reuse it.
      if (status === 413) headers.connection = 'close'
      if (!response.headersSent) sendJson(response, status, errorBody(failure), headers)
      else response.destroy()
    }
  }

  const server = createServer((request, response) => void handle(request, response))
  // Slow clients may not hold a connection open forever (the whole request must arrive in 15 s).
  server.requestTimeout = 15_000
  server.headersTimeout = 10_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const host = config.host.includes(':') ? `[${config.host}]` : config.host

  let closing: Promise<void> | undefined
  return {
    url: `http://${host}:${port}`,
    close: () => {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()))
        server.closeIdleConnections()
        const grace = setTimeout(() => server.closeAllConnections(), options.closeGraceMs ?? 10_000)
        await closed
        clearTimeout(grace)
        await store.close()
      })()
      return closing
    },
  }
}

/** The operator's view of a failure: the chain of causes, which callers never see. */
function describeCause(error: Error): string {
  const parts: string[] = [error.message.split('\n')[0] ?? '']
  let cause = (error as { cause?: unknown }).cause
  for (let depth = 0; cause !== undefined && depth < 4; depth++) {
    parts.push(cause instanceof Error ? (cause.stack ?? `${cause.name}: ${cause.message}`) : String(cause))
    cause = cause instanceof Error ? (cause as { cause?: unknown }).cause : undefined
  }
  return parts.join('\n  caused by: ')
}
