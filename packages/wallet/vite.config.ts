import { defineConfig } from 'vite'

// Builds the wallet app into dist/. Serving (dev or preview) goes through server/start.ts,
// which adds the security headers and the runtime configuration: run `pnpm start` at the root.
export default defineConfig({
  build: { target: 'es2022', sourcemap: true },
})
