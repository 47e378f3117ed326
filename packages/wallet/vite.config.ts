import { defineConfig } from 'vite'

// Builds the wallet app into dist/: the frame (index.html) and the passkey window
// (passkey.html, for browsers that need passkey prompts in a top-level window) and the
// external-wallet window (wallet-window.html, where the person's own wallets connect and sign).
// Serving (dev or preview) goes through server/start.ts, which adds the security headers and
// the runtime configuration: run `pnpm start` at the root.
export default defineConfig({
  build: {
    target: 'es2022',
    // No source maps in production: they would hand any page the wallet's sources and layout.
    sourcemap: false,
    rollupOptions: { input: { wallet: 'index.html', passkey: 'passkey.html', walletWindow: 'wallet-window.html' } },
  },
})
