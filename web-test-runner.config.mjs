// Browser tests: real Chromium, two origins, CDP virtual authenticators.
// Test pages are served from 127.0.0.1; the wallet from localhost: different sites, and
// localhost is a valid WebAuthn RP ID where 127.0.0.1 never is.
import { esbuildPlugin } from '@web/dev-server-esbuild'
import { defaultReporter } from '@web/test-runner'
import { chromeLauncher } from '@web/test-runner-chrome'
import { commonjsPackagesPlugin } from './packages/testing/src/wtr/commonjs-packages.ts'
import { crosschainLendingPlugin } from './packages/testing/src/wtr/plugin.ts'
import { startTestEnvironment } from './test/browser-environment.mjs'
import { countReporter } from './test/reporters/count-reporter.mjs'

const testPort = Number(process.env.CCL_TEST_PORT ?? 8765)
const walletPort = Number(process.env.CCL_TEST_WALLET_PORT ?? 5184)

export default {
  files: ['test/browser/**/*.test.ts'],
  hostname: '127.0.0.1',
  port: testPort,
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 1,
  reporters: [defaultReporter(), ...(process.env.CCL_TEST_COUNTS ? [countReporter(process.env.CCL_TEST_COUNTS)] : [])],
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 5 * 60 * 1000,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
          '--disable-gpu',
        ],
      },
    }),
  ],
  plugins: [
    // Freighter's API ships only a UMD build; bundlers convert it, the dev server needs telling.
    commonjsPackagesPlugin(['@stellar/freighter-api']),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.base.json' }),
    crosschainLendingPlugin({ startWallet: (testPageOrigin) => startTestEnvironment({ testPageOrigin, walletPort }) }),
  ],
}
