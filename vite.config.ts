import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

/**
 * The demo site: a partner page that embeds <crosschain-lending>. It runs on 127.0.0.1 while
 * the wallet runs on localhost, so the two are different sites, as they are in production.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./demo', import.meta.url)),
  envPrefix: 'CCL_PUBLIC_',
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 5173, strictPort: true },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: true },
})
