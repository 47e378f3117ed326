/**
 * Starts the product on one machine: the local chain, the relayer, the wallet origin and the
 * demo partner site. `--dev` serves sources with hot reload instead of production builds; `--reset` starts
 * the chain from genesis; a chain whose markets are all empty gets pool liquidity from a provider
 * account (scripts/seed-liquidity.ts) unless `--no-seed`. Configuration: docs/operate.md.
 */
import { contractWasmPath } from '@crosschain-lending/contracts'
import { devRpcOriginsFromEnv, devnetChainId, devnetContractId, startDevnet } from '@crosschain-lending/devnet'
import { relayerConfigFromEnv, startRelayer } from '@crosschain-lending/relayer'
import { devWalletsScript } from '@crosschain-lending/testing/dev-wallets/script'
import { startWalletServer, walletServerConfigFromEnv } from '@crosschain-lending/wallet/server'
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createServer, preview } from 'vite'
import { seedLiquidityIfEmpty } from './seed-liquidity'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dev = process.argv.includes('--dev')
const resetChain = process.argv.includes('--reset')
const seed = !process.argv.includes('--no-seed')
const demoPort = Number(process.env.CCL_DEMO_PORT ?? 5173)
const demoOrigin = `http://127.0.0.1:${demoPort}`
process.env.CCL_ALLOWED_HOST_ORIGINS ??= demoOrigin

async function main(): Promise<void> {
  // The wallet reaches the chain and the relayer this script starts, on whatever ports they are
  // given (unless CCL_RPC_URL / CCL_RELAYER_URL say otherwise, e.g. behind a proxy).
  const chainPort = Number(process.env.CCL_DEVNET_PORT ?? 3030)
  process.env.CCL_RPC_URL ??= `http://127.0.0.1:${chainPort}`
  process.env.CCL_RELAYER_URL ??= `http://127.0.0.1:${process.env.CCL_RELAYER_PORT ?? 8787}`
  // The demo's wallet window gets the development wallets (CCL_DEV_WALLETS=0 leaves them out), so a
  // person trying it binds, recovers and co-signs by clicking, with no extension installed.
  const walletConfig = walletServerConfigFromEnv({ CCL_DEV_WALLETS: '1', ...process.env })
  // Read by the demo when it is built or served (Vite exposes CCL_PUBLIC_* variables); the
  // build below runs in a child that inherits it.
  process.env.CCL_PUBLIC_WALLET_ORIGIN = walletConfig.walletOrigin
  process.env.CCL_PUBLIC_RPC_URL ??= process.env.CCL_RPC_URL

  if (!dev) {
    console.log('Building the wallet, the element and the demo…')
    execFileSync('pnpm', ['-r', '--reporter', 'silent', 'run', 'build'], { cwd: root, stdio: 'inherit' })
  } else {
    // The plain page loads the element's script-tag files, which only a build makes (under a second).
    execFileSync(process.execPath, ['--import', 'tsx', 'build.ts', '--dev'], { cwd: path.join(root, 'packages/widget'), stdio: 'inherit' })
    // The local chain deploys lending.wasm at genesis: build it once if this checkout has none.
    if (!existsSync(contractWasmPath('lending'))) {
      console.log('Building the contracts\' wasm (the local chain deploys lending.wasm)…')
      execFileSync('pnpm', ['--filter', '@crosschain-lending/contracts', 'run', 'build'], { cwd: root, stdio: 'inherit' })
    }
  }

  const chain = await startDevnet({
    dataDir: process.env.CCL_DEVNET_DATA_DIR ?? path.join(root, '.data/devnet'),
    reset: resetChain,
    port: chainPort,
    // The contract refuses passkey assertions made inside any page but the wallet's partner sites.
    contract: { rpId: walletConfig.rpId, walletOrigins: [walletConfig.walletOrigin], partnerOrigins: walletConfig.allowedHostOrigins },
    // The demo's pages call the faucet, the oracle and the explorer (dev_*): its origin, on whatever port it is given.
    devRpcOrigins: devRpcOriginsFromEnv(process.env.CCL_DEV_RPC_ORIGINS) ?? [demoOrigin],
  })
  const relayer = await startRelayer(
    relayerConfigFromEnv({
      CCL_RPC_URL: chain.url,
      CCL_ALLOWED_WALLET_ORIGINS: walletConfig.walletOrigin,
      CCL_RELAYER_DATA_DIR: path.join(root, '.data/relayer'),
      ...process.env,
    }),
    { log: (line) => console.log(`[relayer] ${line}`) },
  )
  const seeded = seed
    ? await seedLiquidityIfEmpty({
        relayerUrl: relayer.url,
        rpcUrl: chain.url,
        walletOrigin: walletConfig.walletOrigin,
        rpId: walletConfig.rpId,
        hostOrigin: demoOrigin,
        chainId: devnetChainId,
        contractId: devnetContractId,
      })
    : undefined
  const wallet = await startWalletServer({ config: walletConfig, mode: dev ? 'dev' : 'preview', devWalletsScript: () => devWalletsScript({ persist: true }) })
  const demoOptions = {
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'warn' as const,
    clearScreen: false,
  }
  let closeDemo: () => Promise<void>
  if (dev) {
    const server = await createServer({ ...demoOptions, server: { host: '127.0.0.1', port: demoPort, strictPort: true } })
    await server.listen()
    closeDemo = () => server.close()
  } else {
    const server = await preview({ ...demoOptions, preview: { host: '127.0.0.1', port: demoPort, strictPort: true } })
    closeDemo = () => server.close()
  }

  console.log(`
CrossChain Lending Passkey is running${dev ? ' (development, hot reload)' : ''}:

  demo site      ${demoOrigin}/     <- open this in Chromium (also /plain.html and /explorer.html)
  wallet origin  ${walletConfig.walletOrigin}/     (passkey RP ID ${walletConfig.rpId}; allows ${walletConfig.allowedHostOrigins.join(', ')})
  relayer        ${relayer.url}       (submits signed requests; allows ${walletConfig.walletOrigin})
  local chain    ${chain.url}       (NEAR JSON-RPC; data in ${path.relative(root, chain.chain.dataDir) || chain.chain.dataDir}, ${chain.chain.recovered.blocks} blocks recovered; --reset starts from genesis)${seeded ? `
  pool liquidity about $2,000,000 of each of ${seeded.assets.join(', ')}, supplied by account ${seeded.accountId} (--no-seed leaves a fresh chain's markets empty)` : ''}

Press Ctrl-C to stop.`)

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`\n${signal}: stopping…`)
    await Promise.allSettled([wallet.close(), closeDemo(), relayer.close()])
    await chain.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
