import { defineConfig } from '@playwright/test'

/**
 * The end-to-end journeys: real Chromium (Debian's), two partner origins and the wallet origin,
 * virtual authenticators, the real chain (its own process) and relayer. One worker: the journeys
 * share one product, and one of them kills its chain.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.journey.ts',
  workers: 1,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CCL_JOURNEY_JSON ? [['list'], ['json', { outputFile: process.env.CCL_JOURNEY_JSON }]] : [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu'],
    },
    trace: 'retain-on-failure',
  },
  outputDir: '../../node_modules/.cache/ccl-journeys',
})
