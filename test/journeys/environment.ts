/**
 * The whole product for the journeys, as `pnpm start` runs it: the local chain as its own
 * process (so a journey can kill it with SIGKILL and start it again on its data), the relayer,
 * the wallet origin, and the demo site on two partner origins and on one the wallet does not allow. Ports are the journeys' own.
 */
import { relayerConfigFromEnv, startRelayer } from '@crosschain-lending/relayer'
import { devWalletsScript } from '@crosschain-lending/testing/dev-wallets/script'
import { startWalletServer, walletServerConfigFromEnv } from '@crosschain-lending/wallet/server'
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { type RequestListener, type Server, createServer as createHttpServer } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createServer } from 'vite'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback)

export type JourneyEnvironment = {
  /** The demo partner page (the element, development wallets, faucet, appearance editor). */
  partnerOrigin: string
  /** A second partner site on another origin, allowed by the same wallet. */
  otherPartnerOrigin: string
  /** The same demo pages on an origin the wallet does NOT allow: a look-alike of the partner. */
  lookalikeOrigin: string
  walletOrigin: string
  rpcUrl: string
  /** The relayer's HTTP API, as the wallet reaches it. */
  relayerUrl: string
  /** The chain process: killed without warning, then started again on the same data and port. */
  chain: { kill(): Promise<void>; start(): Promise<void> }
  close(): Promise<void>
}

export async function startJourneyEnvironment(): Promise<JourneyEnvironment> {
  const walletOrigin = `http://localhost:${port('CCL_JOURNEY_WALLET_PORT', 5284)}`
  const partnerOrigin = `http://127.0.0.1:${port('CCL_JOURNEY_PARTNER_PORT', 5283)}`
  const otherPartnerOrigin = `http://127.0.0.1:${port('CCL_JOURNEY_OTHER_PARTNER_PORT', 5285)}`
  const lookalikeOrigin = `http://127.0.0.1:${port('CCL_JOURNEY_LOOKALIKE_PORT', 5286)}`
  const chainPort = port('CCL_JOURNEY_CHAIN_PORT', 3131)
  const rpcUrl = `http://127.0.0.1:${chainPort}`
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ccl-journeys-'))

  let chainProcess: ChildProcess | undefined
  const startChain = () =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'packages/devnet/src/main.ts', '--data-dir', path.join(dataDir, 'chain'), '--port', String(chainPort), '--block-interval', '20'], {
        cwd: root,
        // The demo's faucet and explorer call dev_* from the two partner origins (not from the look-alike),
        // and the contract accepts passkey assertions made inside those two partner pages only.
        env: { ...process.env, CCL_WALLET_ORIGIN: walletOrigin, CCL_DEV_RPC_ORIGINS: `${partnerOrigin},${otherPartnerOrigin}`, CCL_ALLOWED_HOST_ORIGINS: `${partnerOrigin},${otherPartnerOrigin}` },
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      chainProcess = child
      let output = ''
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        if (output.includes('DEVNET_READY')) resolve()
      })
      child.once('exit', (code) => reject(new Error(`the chain exited with ${code} before it was ready: ${output}`)))
    })
  const killChain = async () => {
    const child = chainProcess
    // A process killed by a signal has no exit code, only a signal code.
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
  }
  await startChain()

  const relayer = await startRelayer(
    relayerConfigFromEnv({ CCL_RPC_URL: rpcUrl, CCL_RELAYER_PORT: '0', CCL_ALLOWED_WALLET_ORIGINS: walletOrigin, CCL_RELAYER_DATA_DIR: path.join(dataDir, 'relayer') }),
    { log: () => undefined },
  )
  const wallet = await startWalletServer({
    mode: 'dev',
    devWalletsScript: () => devWalletsScript({ persist: true }),
    hotReload: false,
    config: walletServerConfigFromEnv({
      CCL_WALLET_ORIGIN: walletOrigin,
      CCL_ALLOWED_HOST_ORIGINS: `${partnerOrigin},${otherPartnerOrigin}`,
      CCL_RELAYER_URL: relayer.url,
      CCL_RPC_URL: rpcUrl,
      // The wallet window gets the development wallets, as the demo's does (`pnpm start`).
      CCL_DEV_WALLETS: '1',
    }),
  })
  // The demo reads these when Vite serves it (CCL_PUBLIC_* reach import.meta.env).
  process.env.CCL_PUBLIC_WALLET_ORIGIN = walletOrigin
  process.env.CCL_PUBLIC_RPC_URL = rpcUrl
  // One Vite server for the three demo origins: one transform cache and one dependency
  // optimizer. Three servers on the same cache directory would each optimize into it at once on a
  // fresh clone, and one could replace the chunks another's page is loading.
  const demo = await createServer({
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'warn',
    clearScreen: false,
    appType: 'mpa',
    server: { middlewareMode: true, hmr: false, ws: false },
  })
  const demoListeners = await Promise.all([partnerOrigin, otherPartnerOrigin, lookalikeOrigin].map((origin) => listen(demo.middlewares, origin)))
  return {
    partnerOrigin,
    otherPartnerOrigin,
    lookalikeOrigin,
    walletOrigin,
    rpcUrl,
    relayerUrl: relayer.url,
    chain: { kill: killChain, start: startChain },
    close: async () => {
      // A journey that failed half-way may leave work retrying against a dead chain: closing is bounded.
      const bounded = (closing: Promise<unknown>) => Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 10_000))])
      await Promise.allSettled([...demoListeners.map((server) => bounded(closeServer(server))), bounded(demo.close()), bounded(wallet.close()), bounded(relayer.close())])
      await killChain()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Serves `handler` on `origin`'s host and port. */
function listen(handler: RequestListener, origin: string): Promise<Server> {
  const { hostname, port: originPort } = new URL(origin)
  const server = createHttpServer(handler)
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(Number(originPort), hostname, () => resolve(server))
  })
}

const closeServer = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections()
    server.close(() => resolve())
  })
