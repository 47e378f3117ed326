import { addVirtualAuthenticator, type PageAuthenticator, walletFrame } from '@crosschain-lending/testing/playwright'
import { type Browser, test as base, expect, type Page } from '@playwright/test'
import { type JourneyEnvironment, startJourneyEnvironment } from './environment'

type Position = { assets: { asset: string; balance: string; supplied: string; collateral: string; borrowed: string; decimals: number }[]; healthFactor: string | null }

/** The product for every journey in this worker; each test's page has a passkey authenticator and opens the demo partner page. */
export const test = base.extend<{ authenticator: PageAuthenticator; partner: Page }, { product: JourneyEnvironment }>({
  product: [
    async ({ browser }, use) => {
      const environment = await startJourneyEnvironment()
      await warmUp(browser, environment)
      await use(environment)
      await environment.close()
    },
    { scope: 'worker', timeout: 240_000 },
  ],
  authenticator: async ({ page }, use) => {
    await use(await addVirtualAuthenticator(page))
  },
  // The demo partner page installs its own development wallets.
  partner: async ({ page, product, authenticator }, use) => {
    void authenticator
    await page.goto(`${product.partnerOrigin}/`)
    await use(page)
  },
})

export { expect }

/**
 * Loads the partner page until the wallet frame offers to create an account, once per worker,
 * before any journey. The first load of a fresh clone compiles the demo and the wallet from
 * sources and bundles their dependencies; on a loaded machine that took longer than a step's
 * 15 s, and the first journey failed at its first click, for reasons that were not its own.
 */
async function warmUp(browser: Browser, product: JourneyEnvironment): Promise<void> {
  const started = Date.now()
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    const ready = () => expect(walletFrame(page).locator('#create-account')).toBeEnabled({ timeout: 90_000 })
    await page.goto(`${product.partnerOrigin}/`, { timeout: 90_000 })
    // A dependency found late is bundled again, and a page that loaded the old bundle cannot
    // recover without a reload (the journeys' servers push no reloads): so one reload is allowed.
    await ready().catch(async () => {
      await page.reload({ timeout: 90_000 })
      await ready()
    })
  } finally {
    await context.close()
  }
  console.log(`journeys: the product was ready in the browser after ${((Date.now() - started) / 1000).toFixed(1)} s of warm-up`)
}

/** Where a chain answers: the journeys' product, or any other local chain. */
type ChainAt = Pick<JourneyEnvironment, 'rpcUrl'>

/** A dev JSON-RPC call to the local chain (views, faucet, oracle, ledgers). */
export async function chainRpc<T>(product: ChainAt, method: string, params: Record<string, unknown>): Promise<T> {
  const response = await fetch(product.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })
  const body = (await response.json()) as { result?: T; error?: unknown }
  if (body.error) throw new Error(`${method}: ${JSON.stringify(body.error)}`)
  return body.result as T
}

let contract: Promise<string> | undefined

/** The lending contract's account id on the journeys' chain (asked once). */
export const contractId = (product: ChainAt): Promise<string> =>
  (contract ??= chainRpc<{ contract_id: string }>(product, 'dev_info', {}).then((info) => info.contract_id))

/** A contract view, as any NEAR client makes it. */
export async function chainView<T>(product: ChainAt, method: string, args: Record<string, unknown>): Promise<T> {
  const result = await chainRpc<{ result: number[] }>(product, 'query', {
    request_type: 'call_function',
    finality: 'final',
    account_id: await contractId(product),
    method_name: method,
    args_base64: Buffer.from(JSON.stringify(args)).toString('base64'),
  })
  return JSON.parse(Buffer.from(result.result).toString()) as T
}

export const position = (product: JourneyEnvironment, accountId: string) => chainView<Position>(product, 'get_position', { account_id: accountId })
