import { devnetRelayerKeys } from '@crosschain-lending/dev-keys'
import { BaseError, type ChainId, ErrorCode, chainIds, isValidNearAccountId, parseOrigin } from '@crosschain-lending/protocol'
import { KeyPair, type KeyPairString } from 'near-api-js'
import type { BudgetLimits } from './budgets'
import type { RefusalLimits } from './refusal-guard'

/** Everything the relayer needs to run. Holds secret keys: never log it whole. */
export type RelayerConfig = {
  /** The NEAR JSON-RPC endpoint: the local chain, or any NEAR RPC node. */
  rpcUrl: string
  /** The network requests must name (`chainId` in the payload). */
  network: ChainId
  /** The lending contract's account. */
  contractId: string
  /** The NEAR account that signs the transactions and pays their gas. */
  relayerAccountId: string
  /** Full-access (or function-call) secret keys of the relayer account, `ed25519:<base58>`. Each carries one transaction at a time. */
  relayerKeys: KeyPairString[]
  host: string
  /** 0 picks a free port (tests). */
  port: number
  /** Browser origins allowed to call the relayer (CORS). Requests from other origins are refused. */
  allowedWalletOrigins: string[]
  /** Where the request-status log lives. One directory per relayer instance. */
  dataDir: string
  /** Requests per minute per account id (token bucket; the burst is the same number). */
  rateLimitPerAccount: number
  /** Calls per minute per client address, on every route but `/health` (charged once a call is known to be one). */
  rateLimitPerClient: number
  /** Signed requests (`POST /v1/requests`) per minute, per client address, per /24 or /64 subnet, and in all. */
  requestBudget: BudgetLimits
  /** Account creations the relayer pays for, per hour: per client address, per subnet, and in all. */
  accountBudget: BudgetLimits
  /** `GET /health` hits per minute per client address. */
  healthRateLimitPerClient: number
  /** How long one look at the chain answers `/health`. */
  healthCacheMs: number
  /** When the contract's refusals make the relayer dry-run requests first, and when it stops paying for them. */
  refusals: RefusalLimits
  maxBodyBytes: number
  /** Read the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean
  /** How long one RPC call may take before it counts as a transient failure. */
  rpcTimeoutMs: number
  /** Attempts per RPC call, the first included, for transient failures. */
  rpcAttempts: number
  /** First backoff delay; it doubles per attempt, with full jitter, up to 5 s. */
  rpcRetryBaseDelayMs: number
}

type Env = Record<string, string | undefined>

/** Default budgets: signed requests per minute, account creations per hour. Exported for `pnpm bench`'s figures. */
export const networkBudgets: { requests: BudgetLimits; accounts: BudgetLimits } = {
  requests: { perClient: 60, perSubnet: 300, global: 6_000 },
  accounts: { perClient: 10, perSubnet: 60, global: 1_200 },
}
export const devnetBudgets: typeof networkBudgets = {
  requests: { perClient: 600, perSubnet: 3_000, global: 60_000 },
  accounts: { perClient: 120, perSubnet: 600, global: 6_000 },
}

function invalid(variable: string, problem: string, cause?: unknown): BaseError {
  return new BaseError({
    code: ErrorCode.InvalidConfiguration,
    shortMessage: `${variable} ${problem}`,
    details: 'See the relayer configuration table in docs/operate.md.',
    cause,
  })
}

function text(env: Env, variable: string, fallback: string | undefined): string {
  const value = env[variable]?.trim()
  if (value) return value
  if (fallback === undefined) throw invalid(variable, 'is required on this network.')
  return fallback
}

function integer(env: Env, variable: string, fallback: number, min: number, max: number): number {
  const raw = env[variable]?.trim()
  if (!raw) return fallback
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw invalid(variable, `must be a whole number from ${min} to ${max}, got "${raw}".`)
  }
  return value
}

function accountId(env: Env, variable: string, fallback: string | undefined): string {
  const value = text(env, variable, fallback)
  if (!isValidNearAccountId(value)) throw invalid(variable, `must be a NEAR account id, got "${value}".`)
  return value
}

function flag(env: Env, variable: string): boolean {
  const raw = env[variable]?.trim().toLowerCase()
  if (!raw || raw === '0' || raw === 'false') return false
  if (raw === '1' || raw === 'true') return true
  throw invalid(variable, `must be 1 or 0, got "${raw}".`)
}

/** Parses the comma-separated secret keys. The message never echoes a key, even a malformed one. */
function relayerKeys(env: Env, network: ChainId): KeyPairString[] {
  const raw = env.CCL_RELAYER_KEYS?.trim()
  if (!raw) {
    // The devnet keys are derived from public strings: fine for the local chain, a loss anywhere else.
    if (network === 'devnet') return devnetRelayerKeys().map((key) => key.secretKey)
    throw invalid('CCL_RELAYER_KEYS', `is required on ${network}: list the relayer account's secret keys, comma-separated (ed25519:...).`)
  }
  const keys = [...new Set(raw.split(',').map((key) => key.trim()).filter(Boolean))]
  keys.forEach((key, index) => {
    try {
      if (!key.startsWith('ed25519:')) throw new Error('not ed25519')
      KeyPair.fromString(key as KeyPairString)
    } catch (cause) {
      throw invalid('CCL_RELAYER_KEYS', `entry ${index + 1} is not an ed25519 secret key (ed25519:<base58>).`, cause)
    }
  })
  if (keys.length === 0) throw invalid('CCL_RELAYER_KEYS', 'lists no keys.')
  return keys as KeyPairString[]
}

function rpcUrl(env: Env): string {
  const value = text(env, 'CCL_RPC_URL', 'http://127.0.0.1:3030')
  let url: URL
  try {
    url = new URL(value)
  } catch (cause) {
    throw invalid('CCL_RPC_URL', `is not a URL: "${value}".`, cause)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid('CCL_RPC_URL', `must be an http(s) URL, got "${value}".`)
  return value
}

function origins(env: Env): string[] {
  const list = (env.CCL_ALLOWED_WALLET_ORIGINS ?? 'http://localhost:5174')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
  if (list.length === 0) throw invalid('CCL_ALLOWED_WALLET_ORIGINS', 'lists no origins; name the wallet origin, e.g. https://wallet.example.com.')
  return list.map((origin) => {
    try {
      return parseOrigin(origin, 'CCL_ALLOWED_WALLET_ORIGINS entry')
    } catch (cause) {
      throw invalid('CCL_ALLOWED_WALLET_ORIGINS', `has "${origin}", which is not an origin (scheme://host[:port]); "*" is not accepted.`, cause)
    }
  })
}

/**
 * Reads the relayer's configuration from the environment (table in docs/operate.md). Every
 * value is checked here, so a mistake stops the relayer at start with an `INVALID_CONFIGURATION`
 * error naming the variable, not at the first request. Off devnet the contract, the relayer
 * account and its keys have no defaults: the devnet ones would be wrong there.
 */
export function relayerConfigFromEnv(env: Env = process.env): RelayerConfig {
  const networkText = text(env, 'CCL_NETWORK', 'devnet')
  if (!(chainIds as readonly string[]).includes(networkText)) throw invalid('CCL_NETWORK', `must be one of ${chainIds.join(', ')}, got "${networkText}".`)
  const network = networkText as ChainId
  const onDevnet = network === 'devnet'
  // Off devnet the relayer spends real NEAR, so its budgets start tight; on the local chain they
  // leave room for development, the journeys and the benches, which all call from one address.
  const budgets = onDevnet ? devnetBudgets : networkBudgets
  const budget = (prefix: string, defaults: BudgetLimits): BudgetLimits => ({
    perClient: integer(env, `${prefix}_PER_CLIENT`, defaults.perClient, 1, 1_000_000),
    perSubnet: integer(env, `${prefix}_PER_SUBNET`, defaults.perSubnet, 1, 10_000_000),
    global: integer(env, `${prefix}_GLOBAL`, defaults.global, 1, 100_000_000),
  })
  const dryRunAfter = integer(env, 'CCL_DRY_RUN_AFTER_REFUSALS', 3, 1, 1_000_000)
  return {
    rpcUrl: rpcUrl(env),
    network,
    contractId: accountId(env, 'CCL_CONTRACT_ID', onDevnet ? 'lending.devnet' : undefined),
    relayerAccountId: accountId(env, 'CCL_RELAYER_ACCOUNT_ID', onDevnet ? 'relayer.devnet' : undefined),
    relayerKeys: relayerKeys(env, network),
    host: text(env, 'CCL_RELAYER_HOST', '127.0.0.1'),
    port: integer(env, 'CCL_RELAYER_PORT', 8787, 0, 65535),
    allowedWalletOrigins: origins(env),
    dataDir: text(env, 'CCL_RELAYER_DATA_DIR', '.data/relayer'),
    rateLimitPerAccount: integer(env, 'CCL_RATE_LIMIT_PER_ACCOUNT', 120, 1, 1_000_000),
    rateLimitPerClient: integer(env, 'CCL_RATE_LIMIT_PER_CLIENT', 600, 1, 1_000_000),
    requestBudget: budget('CCL_REQUEST_BUDGET', budgets.requests),
    accountBudget: budget('CCL_ACCOUNT_BUDGET', budgets.accounts),
    healthRateLimitPerClient: integer(env, 'CCL_HEALTH_RATE_LIMIT_PER_CLIENT', 60, 1, 1_000_000),
    healthCacheMs: integer(env, 'CCL_HEALTH_CACHE_MS', 2_000, 0, 60_000),
    refusals: {
      windowMs: integer(env, 'CCL_REFUSAL_WINDOW_MS', 600_000, 1_000, 86_400_000),
      dryRunAfter,
      dryRunAfterSubnet: integer(env, 'CCL_DRY_RUN_AFTER_SUBNET_REFUSALS', 10, 1, 1_000_000),
      dryRunAfterGlobal: integer(env, 'CCL_DRY_RUN_AFTER_GLOBAL_REFUSALS', 50, 1, 1_000_000),
      holdAfter: integer(env, 'CCL_HOLD_AFTER_REFUSALS', Math.max(10, dryRunAfter), dryRunAfter, 1_000_000),
    },
    maxBodyBytes: integer(env, 'CCL_MAX_BODY_BYTES', 32768, 1024, 1024 * 1024),
    trustProxy: flag(env, 'CCL_TRUST_PROXY'),
    rpcTimeoutMs: integer(env, 'CCL_RPC_TIMEOUT_MS', 30_000, 100, 600_000),
    rpcAttempts: integer(env, 'CCL_RPC_ATTEMPTS', 5, 1, 20),
    rpcRetryBaseDelayMs: integer(env, 'CCL_RPC_RETRY_BASE_MS', 200, 0, 60_000),
  }
}
