import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createServer, preview } from 'vite'
import type { WalletServerConfig } from './config'
import { walletOriginPlugin } from './vite-plugin'

const walletRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export type StartWalletServerParameters = {
  config: WalletServerConfig
  /** `dev` serves the sources with hot reload; `preview` serves the production build in dist/. */
  mode: 'dev' | 'preview'
}

export type WalletServer = { origin: string; close(): Promise<void> }

/** Starts the wallet origin on `config.listenHost:config.port`. */
export async function startWalletServer({ config, mode }: StartWalletServerParameters): Promise<WalletServer> {
  const shared = {
    root: walletRoot,
    configFile: false as const,
    logLevel: 'warn' as const,
    clearScreen: false,
    plugins: [walletOriginPlugin(config)],
  }
  if (mode === 'dev') {
    const server = await createServer({
      ...shared,
      server: { host: config.listenHost, port: config.port, strictPort: true },
      // Discovering dependencies on first request makes Vite reload the page mid-handshake;
      // the wallet's dependencies are all ESM and load fine unbundled.
      optimizeDeps: { noDiscovery: true, include: [] },
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
