// Starts what the browser tests run against: the local chain, the relayer, and the wallet
// origin configured with both, on ports picked for the test run (never the dev defaults).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startDevnet } from '../packages/devnet/src/index.ts'
import { relayerConfigFromEnv, startRelayer } from '../packages/relayer/src/index.ts'
import { devWalletsScript } from '../packages/testing/src/dev-wallets/script.ts'
import { startWalletServer, walletServerConfigFromEnv } from '../packages/wallet/server/index.ts'
import { SoftwarePasskey, relayerCreationBody } from '../packages/testing/src/signers/index.ts'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')

export async function startTestEnvironment({ testPageOrigin, walletPort }) {
  // The script-tag builds (packages/widget/cdn), fresh: the strict-CSP page loads them as a partner would.
  execFileSync(process.execPath, ['--import', 'tsx', 'build.ts'], { cwd: path.join(root, 'packages/widget'), stdio: 'inherit' })
  const walletOrigin = `http://localhost:${walletPort}`
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ccl-browser-tests-'))
  // The test pages call dev_* (faucet deposits, prices, ledgers) from their own origin.
  const chain = await startDevnet({ dataDir: path.join(dataDir, 'chain'), port: 0, blockIntervalMs: 20, contract: { rpId: 'localhost', walletOrigins: [walletOrigin], partnerOrigins: [testPageOrigin] }, devRpcOrigins: [testPageOrigin] })
  const relayerEnv = { CCL_RPC_URL: chain.url, CCL_RELAYER_PORT: '0', CCL_ALLOWED_WALLET_ORIGINS: walletOrigin, CCL_RELAYER_DATA_DIR: path.join(dataDir, 'relayer') }
  let relayer = await startRelayer(relayerConfigFromEnv(relayerEnv), { log: () => undefined })
  const relayerUrl = relayer.url
  let relayerRunning = true
  const wallet = await startWalletServer({
    mode: 'dev',
    devWalletsScript: () => devWalletsScript({ persist: true }),
    hotReload: false,
    // The wallet window gets the development wallets, as a person's browser has its extensions.
    config: walletServerConfigFromEnv({ CCL_WALLET_ORIGIN: walletOrigin, CCL_ALLOWED_HOST_ORIGINS: testPageOrigin, CCL_RELAYER_URL: relayer.url, CCL_RPC_URL: chain.url, CCL_DEV_WALLETS: '1' }),
  })
  return {
    origin: wallet.origin,
    environment: { relayerUrl, rpcUrl: chain.url },
    controls: {
      // An attacker records an account for a credential id they learned (a host sees them in
      // events), under their own key, with a valid proof of possession of that key. The answer
      // (created, or the contract's refusal code) is kept for 'squat:result'.
      squat: async (credentialId) => {
        const attacker = new SoftwarePasskey({ rpId: 'localhost', origin: walletOrigin, credentialId })
        const body = relayerCreationBody(attacker.createAccountArgs({ chainId: 'devnet', contractId: 'lending.devnet', deadline: Date.now() + 5 * 60 * 1000 }))
        const response = await globalThis.fetch(`${relayerUrl}/v1/accounts`, { method: 'POST', headers: { 'content-type': 'application/json', origin: walletOrigin }, body: JSON.stringify(body) })
        const answer = await response.json()
        if (!response.ok) throw new Error(`squat refused: ${answer.error?.code}`)
      },
      // The relayer goes away and comes back on the same address, with the same status log.
      'relayer:stop': async () => {
        if (!relayerRunning) return
        relayerRunning = false
        await relayer.close()
      },
      'relayer:start': async () => {
        if (relayerRunning) return
        relayer = await startRelayer(relayerConfigFromEnv({ ...relayerEnv, CCL_RELAYER_PORT: new URL(relayerUrl).port }), { log: () => undefined })
        relayerRunning = true
      },
    },
    close: async () => {
      await wallet.close()
      if (relayerRunning) await relayer.close()
      await chain.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
