/**
 * The relayer's command-line entry: `pnpm --filter @crosschain-lending/relayer start`, or
 * `npx tsx packages/relayer/src/main.ts`. Reads the environment (docs/operate.md), listens, and
 * on SIGINT or SIGTERM finishes the requests in progress before exiting.
 */
import { BaseError } from '@crosschain-lending/protocol'
import { relayerConfigFromEnv } from './config'
import { startRelayer } from './server'

async function main(): Promise<void> {
  const config = relayerConfigFromEnv()
  const relayer = await startRelayer(config)
  // Never the config object itself: it holds the secret keys.
  console.log(
    `relayer listening on ${relayer.url}: ${config.network}, contract ${config.contractId}, paying as ${config.relayerAccountId} with ${config.relayerKeys.length} key(s), RPC ${config.rpcUrl}`,
  )
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`relayer: ${signal}, finishing requests in progress`)
    relayer.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('relayer: could not close cleanly:', error)
        process.exit(1)
      },
    )
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error: unknown) => {
  // A configuration error's message names the variable and the fix; a stack adds nothing.
  console.error(error instanceof BaseError ? error.message : error)
  process.exit(1)
})
