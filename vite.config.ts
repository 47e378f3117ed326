import { cp, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Plugin, defineConfig } from 'vite'

const root = fileURLToPath(new URL('.', import.meta.url))
const widgetCdn = path.join(root, 'packages/widget/cdn')

/**
 * The element's script-tag files at `/cdn/`, as a partner would load them from a CDN: served
 * from packages/widget/cdn while developing, copied into the demo's build for preview.
 */
function widgetCdnFiles(): Plugin {
  return {
    name: 'ccl-widget-cdn',
    configureServer(server) {
      server.middlewares.use('/cdn', async (request, response, next) => {
        const file = path.join(widgetCdn, path.normalize(decodeURIComponent((request.url ?? '/').split('?')[0]!)))
        if (!file.startsWith(widgetCdn) || !(await stat(file).then((info) => info.isFile(), () => false))) return next()
        response.setHeader('content-type', file.endsWith('.map') ? 'application/json' : 'text/javascript')
        response.end(await readFile(file))
      })
    },
    async writeBundle(options) {
      await cp(widgetCdn, path.join(options.dir!, 'cdn'), { recursive: true })
    },
  }
}

/**
 * The demo site: a partner page that embeds <crosschain-lending> (with development wallets, a
 * faucet and an appearance editor), a plain page with only the script tag, and an explorer of
 * the local chain. It runs on 127.0.0.1 while the wallet runs on localhost, so the two are
 * different sites, as they are in production.
 */
export default defineConfig({
  root: path.join(root, 'demo'),
  envPrefix: 'CCL_PUBLIC_',
  plugins: [widgetCdnFiles()],
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 5173, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No source maps in the built demo: it is what `pnpm start` serves, production-like (the
    // dev server, `pnpm dev`, has its own). scripts/production-builds.test.ts checks it.
    sourcemap: false,
    rollupOptions: {
      input: {
        index: path.join(root, 'demo/index.html'),
        plain: path.join(root, 'demo/plain.html'),
        explorer: path.join(root, 'demo/explorer.html'),
      },
    },
  },
})
