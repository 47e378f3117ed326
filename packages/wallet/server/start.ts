import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createServer, preview } from 'vite'
import { BaseError, ErrorCode } from '@crosschain-lending/protocol'
import type { DevWalletsScript } from './dev-wallets'
import type { WalletServerConfig } from './config'
import { walletOriginPlugin } from './vite-plugin'

const walletRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export type StartWalletServerParameters = {
  config: WalletServerConfig
  /** `dev` serves the sources with hot reload; `preview` serves the production build in dist/. */
  mode: 'dev' | 'preview'
  /**
   * Hot reload in dev mode (default true). Tests turn it off: when the dependency optimizer
   * finishes late it reloads the page, which restarts the wallet mid-flow.
   */
  hotReload?: boolean
  /**
   * The development wallets' script, needed when `config.devWallets` (`CCL_DEV_WALLETS=1`):
   * `() => devWalletsScript({ persist: true })` from `@crosschain-lending/testing/dev-wallets/script`.
   */
  devWalletsScript?: DevWalletsScript
}

export type WalletServer = { origin: string; close(): Promise<void> }

/** Starts the wallet origin on `config.listenHost:config.port`. */
export async function startWalletServer({ config, mode, hotReload = true, devWalletsScript }: StartWalletServerParameters): Promise<WalletServer> {
  if (config.devWallets && !devWalletsScript) {
    throw new BaseError({
      code: ErrorCode.InvalidConfiguration,
      shortMessage: 'CCL_DEV_WALLETS=1 needs the development wallets: pass devWalletsScript (from @crosschain-lending/testing/dev-wallets/script) to startWalletServer.',
    })
  }
  const shared = {
    root: walletRoot,
    configFile: false as const,
    logLevel: 'warn' as const,
    clearScreen: false,
    plugins: [walletOriginPlugin(config, { devWallets: config.devWallets ? devWalletsScript : undefined })],
  }
  if (mode === 'dev') {
    const server = await createServer({
      ...shared,
      server: { host: config.listenHost, port: config.port, strictPort: true, hmr: hotReload, ws: hotReload ? undefined : false },
      // Discovering dependencies on first request makes Vite reload the page mid-handshake, so
      // discovery is off; the heavy ones (the per-chain verifiers' viem and curves) are listed
      // to be bundled once at start rather than served as hundreds of modules on first use
      // (named through the protocol package, whose dependencies they are), and the wallet window's
      // connectors (mipd, the Wallet Standard, Freighter's API).
      optimizeDeps: {
        noDiscovery: true,
        include: ['lit', 'lit/directives/style-map.js', 'penpal', '@simplewebauthn/browser', '@crosschain-lending/protocol > viem', '@crosschain-lending/protocol > viem/utils', '@crosschain-lending/protocol > @noble/curves/ed25519.js', '@crosschain-lending/protocol > @noble/curves/nist.js', '@crosschain-lending/protocol > @noble/hashes/sha2.js', '@crosschain-lending/protocol > @noble/hashes/utils.js', '@crosschain-lending/protocol > @scure/base', 'mipd', '@wallet-standard/app', '@stellar/freighter-api', '@scure/base', '@noble/hashes/utils.js'],
      },
    })
    await server.listen()
    return { origin: config.walletOrigin, close: () => server.close() }
  }
  const server = await preview({
    ...shared,
    preview: { host: config.listenHost, port: config.port, strictPort: true },
  })
  return { origin: config.walletOrigin, close: () => server.close() }
}
