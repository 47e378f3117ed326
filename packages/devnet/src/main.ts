/**
 * The local chain as a process:
 *   tsx packages/devnet/src/main.ts [--reset] [--data-dir DIR] [--port 3030] [--host 127.0.0.1]
 * Environment: CCL_DEVNET_DATA_DIR, CCL_DEVNET_PORT, CCL_DEVNET_HOST, CCL_RP_ID, CCL_WALLET_ORIGIN,
 * CCL_DEV_RPC_ORIGINS (the pages that may call dev_* methods; the demo's by default).
 */
import { parseArgs } from 'node:util'
import { devRpcOriginsFromEnv } from './dev-origins'
import { startDevnet } from './start'

const { values } = parseArgs({
  options: {
    reset: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'block-interval': { type: 'string' },
  },
})

const walletOrigin = process.env.CCL_WALLET_ORIGIN ?? 'http://localhost:5174'
const running = await Promise.resolve()
  .then(() =>
    startDevnet({
      dataDir: values['data-dir'] ?? process.env.CCL_DEVNET_DATA_DIR ?? '.data/devnet',
      reset: values.reset,
      host: values.host ?? process.env.CCL_DEVNET_HOST ?? '127.0.0.1',
      port: Number(values.port ?? process.env.CCL_DEVNET_PORT ?? 3030),
      blockIntervalMs: Number(values['block-interval'] ?? 50),
      contract: {
        rpId: process.env.CCL_RP_ID ?? new URL(walletOrigin).hostname,
        walletOrigins: [walletOrigin],
        // The partner sites, as the wallet server reads them: passkey assertions made inside any other page are refused.
        ...(process.env.CCL_ALLOWED_HOST_ORIGINS ? { partnerOrigins: process.env.CCL_ALLOWED_HOST_ORIGINS.split(',').map((origin) => origin.trim()).filter(Boolean) } : {}),
      },
      devRpcOrigins: devRpcOriginsFromEnv(process.env.CCL_DEV_RPC_ORIGINS),
    }),
  )
  .catch((error: unknown) => {
    // A damaged log (CorruptLogError) or a bad setting says where and what to do; a stack trace would bury that.
    console.error(`[devnet] ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  })
const { recovered } = running.chain
console.log(
  `[devnet] NEAR RPC on ${running.url} (data: ${running.chain.dataDir}; recovered ${recovered.blocks} blocks, ${recovered.transactions} transactions${recovered.droppedBytes ? `, dropped a torn tail of ${recovered.droppedBytes} bytes` : ''})`,
)
// The parent process (tests, the start script) reads this line to know the chain is ready.
console.log(`DEVNET_READY ${running.url}`)

let stopping = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    void running.close().then(() => process.exit(0))
  })
}
