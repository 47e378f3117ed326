import type { Provider } from 'near-api-js'
import type { KeyPool } from './chain/key-pool'
import type { RelayerConfig } from './config'
import type { RouteReply } from './http/router'

type ChainCheck = { reachable: false } | { reachable: true; chainId: string; latestBlockHeight: number; syncing: boolean }

export type HealthCheckOptions = {
  config: Pick<RelayerConfig, 'network' | 'contractId' | 'relayerAccountId'>
  provider: Provider
  keys: KeyPool
  /** How long one look at the chain answers every `/health` hit. */
  cacheMs: number
  now: () => number
}

/**
 * `GET /health`: up when the RPC answers and serves the configured network. The chain is asked
 * at most once per `cacheMs`, whoever and however often `/health` is called (concurrent hits
 * share the one call in flight), so a flood of health checks costs the RPC nothing more than one
 * monitor does. The relayer's own figures (idle keys) are always current.
 */
export class HealthCheck {
  readonly #options: HealthCheckOptions
  #chain: { check: Promise<ChainCheck>; at: number } | undefined

  constructor(options: HealthCheckOptions) {
    this.#options = options
  }

  async reply(): Promise<RouteReply> {
    const { config, keys } = this.#options
    const relayer = { network: config.network, contractId: config.contractId, relayerAccountId: config.relayerAccountId, keys: keys.size, idleKeys: keys.idle }
    const chain = await this.#chainCheck()
    if (!chain.reachable) return { status: 503, body: { status: 'unavailable', ...relayer, chain } }
    const healthy = chain.chainId === config.network && !chain.syncing
    return { status: healthy ? 200 : 503, body: { status: healthy ? 'ok' : 'degraded', ...relayer, chain } }
  }

  #chainCheck(): Promise<ChainCheck> {
    const { now, cacheMs } = this.#options
    const cached = this.#chain
    if (cached && now() - cached.at < cacheMs) return cached.check
    const check = this.#askChain()
    this.#chain = { check, at: now() }
    return check
  }

  async #askChain(): Promise<ChainCheck> {
    try {
      const status = await Promise.race([
        this.#options.provider.viewNodeStatus(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 3_000).unref()),
      ])
      return { reachable: true, chainId: status.chain_id, latestBlockHeight: status.sync_info.latest_block_height, syncing: status.sync_info.syncing }
    } catch {
      return { reachable: false }
    }
  }
}
