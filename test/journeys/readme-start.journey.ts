/**
 * The README's first command, as a newcomer runs it: `node scripts/bootstrap.mjs start` builds the
 * product and serves the production builds (not the journeys' dev servers), seeds the pools, and
 * the demo reaches journey 1 by clicking. Its ports and data are its own, so it runs beside the
 * other journeys' product and leaves a developer's `.data/` alone.
 */
import { clickInWallet, devWalletAddresses } from '@crosschain-lending/testing/playwright'
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chainRpc, chainView, expect, test } from './fixtures'
import { bindWallet, bindingWarning, createAccount, lendingElement, nextElementEvent, operateFromForm, shown, useFaucet } from './lending'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const ports = { demo: 5293, wallet: 5294, chain: 3133, relayer: 8793 }

type Started = { process: ChildProcess; output: () => string; exited: Promise<number | null> }

/** Runs the README's command in its own process group (Ctrl-C reaches pnpm and the start script alike). */
function startAsTheReadmeSays(dataDir: string): Started {
  const child = spawn(process.execPath, ['scripts/bootstrap.mjs', 'start'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      // A newcomer's shell has none of the product's variables; this process has the other journeys' (CCL_PUBLIC_*).
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CCL_'))),
      CCL_DEMO_PORT: String(ports.demo),
      CCL_WALLET_ORIGIN: `http://localhost:${ports.wallet}`,
      CCL_DEVNET_PORT: String(ports.chain),
      CCL_DEVNET_DATA_DIR: path.join(dataDir, 'chain'),
      CCL_RELAYER_PORT: String(ports.relayer),
      CCL_RELAYER_DATA_DIR: path.join(dataDir, 'relayer'),
    },
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { process: child, output: () => output, exited }
}

test('the README path: `node scripts/bootstrap.mjs start` builds and serves the product with seeded pools; a new user creates, binds, supplies and borrows ETH by clicking, and Ctrl-C stops it', async ({ page, authenticator }) => {
  void authenticator
  test.setTimeout(300_000)
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ccl-readme-start-'))
  const started = startAsTheReadmeSays(dataDir)
  try {
    await expect
      .poll(() => (started.process.exitCode === null ? started.output() : `exited early:\n${started.output()}`), { timeout: 240_000, intervals: [500] })
      .toContain('Press Ctrl-C to stop.')
    // The banner names what it started, the pools included.
    const banner = started.output()
    expect(banner).toContain(`demo site      http://127.0.0.1:${ports.demo}/`)
    expect(banner).toMatch(/pool liquidity about \$2,000,000 of each of .*ETH/)
    const rpc = { rpcUrl: `http://127.0.0.1:${ports.chain}` }

    // What the README says to do: open the demo site and click.
    await page.goto(`http://127.0.0.1:${ports.demo}/`)
    const accountId = await createAccount(page)
    await expect(lendingElement(page).locator('[part="warning"] strong')).toHaveText(bindingWarning)
    await bindWallet(page, 'evm', accountId)
    const { evm } = await devWalletAddresses(page)
    expect(await chainView(rpc, 'get_account_by_wallet', { chain: 'evm', address: evm })).toMatchObject({ id: accountId, bound: true })

    await useFaucet(page, 'USDC', 'evm', '1000')
    await operateFromForm(page, { type: 'supply', asset: 'USDC', amount: '600' })
    await expect(shown(page, 'USDC', 'collateral')).toHaveText('600')
    // ETH that nobody on this page supplied: it comes from the seeded pool.
    await operateFromForm(page, { type: 'borrow', asset: 'ETH', amount: '0.05' })
    const ledger = await chainRpc<{ totals: Record<string, string> }>(rpc, 'dev_ledger', { chain: 'evm', address: evm })
    expect(ledger.totals.ETH).toBe('50000000000000000')
    // The borrowed ETH went out to the bound wallet; repaying takes ETH deposited to the account.
    await useFaucet(page, 'ETH', 'evm', '0.01')
    await operateFromForm(page, { type: 'repay', asset: 'ETH', amount: '0.01' })
    await expect(shown(page, 'ETH', 'borrowed')).toHaveText(/^0\.04/)

    // The explorer shows the account (its id shortened) with its debt; on the plain page (the
    // script tag alone, a new page load) the person signs in with the same passkey and sees it.
    await page.goto(`http://127.0.0.1:${ports.demo}/explorer.html`)
    const shortId = `${accountId.slice(0, 8)}…${accountId.slice(-8)}`
    await expect(page.getByRole('row', { name: new RegExp(`^${shortId} .*borrowed 0\\.04`) })).toBeVisible()
    await page.goto(`http://127.0.0.1:${ports.demo}/plain.html`)
    const signedIn = await nextElementEvent<{ account: { id: string } }>(page, 'ccl-signed-in')
    await clickInWallet(page, '#sign-in')
    expect((await signedIn()).account.id).toBe(accountId)
    await expect(shown(page, 'ETH', 'borrowed')).toHaveText(/^0\.04/)

    // Ctrl-C stops everything, and says so.
    process.kill(-started.process.pid!, 'SIGINT')
    expect(await started.exited).toBe(0)
    expect(started.output()).toContain('SIGINT: stopping…')
  } finally {
    if (started.process.exitCode === null && started.process.signalCode === null) process.kill(-started.process.pid!, 'SIGKILL')
    rmSync(dataDir, { recursive: true, force: true })
  }
})
