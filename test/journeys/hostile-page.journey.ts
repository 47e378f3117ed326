import { contractErrorIn, type WalletSignable } from '@crosschain-lending/protocol'
import { answerDevWallet, approveInWallet, chooseInWalletWindow, clickInWallet, devWalletAddresses, walletFrame } from '@crosschain-lending/testing/playwright'
import { createDevWallet, signSignable } from '@crosschain-lending/testing/signers'
import { Account, KeyPair } from 'near-api-js'
import type { Page, Request } from '@playwright/test'
import { chainRpc, chainView, contractId, expect, test } from './fixtures'
import type { JourneyEnvironment } from './environment'
import { bindWallet, createAccount, doneRequests, lendingElement, nextElementEvent, operateFromForm, reviewFromForm, useFaucet } from './lending'

// Journey 5: a hostile page, and whoever holds a copy of what the wallet sent, try to get
// something signed or changed. Each attempt is checked where it would land: the passkey's
// signature counter, the account's position on chain, the ledgers where assets would arrive.

const notArmed = 'Confirm works once this panel is fully visible and nothing covers it.'
const armed = /passkey will ask you to confirm/

/**
 * The page asks the wallet for a Supply through the element's API, as a hostile script would;
 * resolves with a function that waits for its outcome ('signed' or the refusal's code).
 */
async function pageAsksForSupply(page: Page, amount = '500'): Promise<() => Promise<string>> {
  await page.evaluate((value) => {
    const outcome = document
      .querySelector('crosschain-lending')!
      .operate({ type: 'supply', asset: 'USDC', amount: value })
      .then(
        () => 'signed',
        (error: { code: string }) => error.code,
      )
    ;(window as unknown as { __cclOutcome: Promise<string> }).__cclOutcome = outcome
  }, amount)
  return () => page.evaluate(() => (window as unknown as { __cclOutcome: Promise<string> }).__cclOutcome)
}

/** How many assertions the page's passkeys have made: the virtual authenticator's counters. */
const signatures = async (authenticator: { exportPasskeys(): Promise<{ signCount: number }[]> }) =>
  (await authenticator.exportPasskeys()).reduce((sum, passkey) => sum + passkey.signCount, 0)

/**
 * What an attack on the account could change, read so that two reads agree when nothing
 * happened: the requests the chain executed for it, and its wallet balances (which earn no
 * interest). Supplied and collateral amounts are left out on purpose: interest accrues between
 * two reads, so comparing them failed once (600000000, then 599999999) with nothing executed.
 */
async function footprint(product: JourneyEnvironment, accountId: string) {
  const requests = await chainView<{ requestId: string }[]>(product, 'get_account_requests', { account_id: accountId, limit: 100 })
  const { assets } = await chainView<{ assets: { asset: string; balance: string }[] }>(product, 'get_position', { account_id: accountId })
  return { requests: requests.map((request) => request.requestId), balances: Object.fromEntries(assets.map((entry) => [entry.asset, entry.balance])) }
}

/** A bound account with 1000 USDC deposited, made by clicking through the demo page. */
async function boundAccount(page: Page): Promise<string> {
  const accountId = await createAccount(page)
  await bindWallet(page, 'evm', accountId)
  await useFaucet(page, 'USDC', 'evm', '1000')
  return accountId
}

/** Every request the wallet frame sends to the relayer, as it went on the wire. */
function relayerRequests(page: Page, product: JourneyEnvironment): string[] {
  const bodies: string[] = []
  page.on('request', (request: Request) => {
    if (request.method() === 'POST' && request.url() === `${product.relayerUrl}/v1/requests`) bodies.push(request.postData() ?? '')
  })
  return bodies
}

/** A NEAR account of someone else's, who got hold of a signed request and sends it to the contract themselves. */
async function strangerOnChain(product: JourneyEnvironment): Promise<Account> {
  const key = KeyPair.fromRandom('ed25519')
  const accountId = `stranger-${Date.now().toString(36)}.devnet`
  await chainRpc(product, 'dev_create_near_account', { account_id: accountId, public_key: key.getPublicKey().toString() })
  return new Account(accountId, product.rpcUrl, key.toString())
}

/** The contract's refusal code for `execute(request)` sent by `sender`, or 'executed'. */
async function executeDirectly(product: JourneyEnvironment, sender: Account, request: unknown): Promise<string> {
  return sender.callFunction({ contractId: await contractId(product), methodName: 'execute', args: request as object, gas: 300_000_000_000_000n }).then(
    () => 'executed',
    (error: Error) => contractErrorIn(error.message)?.code ?? error.message,
  )
}

/** POSTs a signed request to the relayer as anyone could (the relayer's CORS only guards browsers). */
const sendToRelayer = (product: JourneyEnvironment, request: unknown) =>
  fetch(`${product.relayerUrl}/v1/requests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) })

const replaceAmount = (payload: string, from: string, to: string) => {
  expect(payload).toContain(`"amount":"${from}"`)
  return payload.replace(`"amount":"${from}"`, `"amount":"${to}"`)
}

test('journey 5: the partner page copied to an origin the wallet does not allow gets no wallet; no account is made and nothing is signed', async ({ page, product, authenticator }) => {
  // The demo page, byte for byte, on an origin the wallet does not allow: a look-alike of the partner.
  const lookalike = product.lookalikeOrigin
  const transactions = async () => (await chainRpc<{ stats: { transactions: number } }>(product, 'dev_info', {})).stats.transactions
  const transactionsBefore = await transactions()
  const walletAnswers: string[] = []
  page.on('response', (response) => {
    if (response.url().startsWith(product.walletOrigin)) walletAnswers.push(response.headers()['content-security-policy'] ?? '')
  })

  await page.goto(`${lookalike}/`)
  const element = lendingElement(page)
  // The wallet server answered, but its frame-ancestors names only the partners, so the browser
  // refused to draw it here; the element says which origin to allow, after its connect timeout.
  await expect(element.locator('[part="error"]')).toHaveAttribute('data-code', 'WALLET_CONNECTION_TIMEOUT', { timeout: 30_000 })
  await expect(element.locator('[part="error"]')).toContainText(`Could not connect to the wallet at ${product.walletOrigin}`)
  expect(walletAnswers.length).toBeGreaterThan(0)
  expect(walletAnswers[0]).toContain(`frame-ancestors ${product.partnerOrigin} ${product.otherPartnerOrigin}`)
  expect(walletAnswers[0]).not.toContain(lookalike)
  expect(page.frames().some((frame) => frame.url().startsWith(product.walletOrigin))).toBe(false)
  await expect(walletFrame(page).locator('#create-account')).toHaveCount(0)

  // The page's script asks anyway: refused, and no passkey or account comes of it.
  const asked = await page.evaluate(() =>
    document
      .querySelector('crosschain-lending')!
      .createAccount()
      .then(
        () => 'created',
        (error: { code: string }) => error.code,
      ),
  )
  expect(asked).toMatch(/^WALLET_(CONNECTION_TIMEOUT|NOT_CONNECTED|DISCONNECTED)$/)
  expect(await authenticator.exportPasskeys()).toHaveLength(0)
  // Nothing reached the chain: not an account, not anything else.
  expect(await transactions()).toBe(transactionsBefore)
})

test('journey 5: a confirmed request sent again, to the relayer or straight to the contract, executes once; the same request with another amount is refused', async ({ partner: page, product, authenticator }) => {
  const sent = relayerRequests(page, product)
  const accountId = await boundAccount(page)
  await operateFromForm(page, { type: 'supply', asset: 'USDC', amount: '100' })
  const supply = sent.map((body) => JSON.parse(body) as { payload: string; proof: unknown }).find((request) => request.payload.includes('"type":"supply"'))!
  expect(supply, 'the Supply as the wallet sent it').toBeDefined()
  const afterSupply = await footprint(product, accountId)
  const signed = await signatures(authenticator)

  // To the relayer, by anyone: the first outcome comes back, and nothing runs again.
  const replayed = (await (await sendToRelayer(product, supply)).json()) as { status: string; requestId: string; blockHeight: number }
  expect(replayed.status).toBe('final')
  expect(await chainView(product, 'get_request', { request_id: replayed.requestId })).toMatchObject({ accountId, blockHeight: replayed.blockHeight })

  // Straight to the contract, from a stranger's NEAR account: the nonce is spent.
  const stranger = await strangerOnChain(product)
  expect(await executeDirectly(product, stranger, supply)).toBe('NONCE_ALREADY_USED')

  // The same proof over another amount: the relayer finds the passkey signed another payload;
  // the contract needs no more than the spent nonce to refuse it.
  const inflated = { ...supply, payload: replaceAmount(supply.payload, '100000000', '900000000') }
  const relayed = await sendToRelayer(product, inflated)
  expect(relayed.status).toBe(422)
  expect(((await relayed.json()) as { error: { code: string } }).error.code).toBe('CHALLENGE_MISMATCH')
  expect(await executeDirectly(product, stranger, inflated)).toBe('NONCE_ALREADY_USED')

  expect(await footprint(product, accountId)).toEqual(afterSupply)
  expect(await signatures(authenticator)).toBe(signed)
})

test('journey 5: a Borrow whose recipient is changed on its way to the relayer is refused; nothing leaves, and the person\'s retry lands once', async ({ partner: page, product }) => {
  const accountId = await boundAccount(page)
  await operateFromForm(page, { type: 'supply', asset: 'USDC', amount: '600' })
  const before = await footprint(product, accountId)
  const thief = '0x000000000000000000000000000000000000dEaD'

  // Between the wallet and the relayer, the Borrow's recipient becomes someone else's address.
  const tampered: { payload: string }[] = []
  await page.route(`${product.relayerUrl}/v1/requests`, async (route) => {
    const request = JSON.parse(route.request().postData() ?? '{}') as { payload: string }
    const payload = request.payload.replace(/"recipient":\{"chain":"evm","address":"0x[0-9a-fA-F]{40}"\}/, `"recipient":{"chain":"evm","address":"${thief}"}`)
    if (payload !== request.payload) tampered.push({ ...request, payload })
    await route.continue({ postData: JSON.stringify({ ...request, payload }) })
  })
  const element = lendingElement(page)
  const doneBefore = await reviewFromForm(page, { type: 'borrow', asset: 'USDC', amount: '50' })
  await walletFrame(page).locator('#confirm').waitFor()
  await approveInWallet(page)
  // The relayer checks the passkey's signature before paying for a transaction.
  await expect(element.locator('[part="error"]')).toHaveAttribute('data-code', 'CHALLENGE_MISMATCH')
  expect(tampered).toHaveLength(1)
  // And the contract checks it itself: sent straight to it, the altered Borrow is refused too.
  expect(await executeDirectly(product, await strangerOnChain(product), tampered[0])).toBe('CHALLENGE_MISMATCH')
  expect(await footprint(product, accountId)).toEqual(before)
  const stolen = await chainRpc<{ transfers: unknown[] }>(product, 'dev_ledger', { chain: 'evm', address: thief })
  expect(stolen.transfers).toHaveLength(0)
  await expect(doneRequests(page)).toHaveCount(doneBefore)

  // Without the tamperer, the person tries again: it lands once, to the bound wallet.
  await page.unroute(`${product.relayerUrl}/v1/requests`)
  await operateFromForm(page, { type: 'borrow', asset: 'USDC', amount: '50' })
  const after = await chainView<{ assets: { asset: string; borrowed: string }[] }>(product, 'get_position', { account_id: accountId })
  expect(after.assets.find((entry) => entry.asset === 'USDC')!.borrowed).not.toBe('0')
  expect((await chainRpc<{ transfers: unknown[] }>(product, 'dev_ledger', { chain: 'evm', address: thief })).transfers).toHaveLength(0)
})

test('journey 5: while the page covers the wallet with a decoy, or makes it nearly transparent, Confirm stays disarmed and a click through does nothing', async ({ partner: page, product, authenticator }) => {
  const accountId = await boundAccount(page)
  const before = await footprint(product, accountId)
  const signed = await signatures(authenticator)
  const element = lendingElement(page)
  const history = element.locator('#history-list li[data-status]')
  const historyBefore = await history.count()

  for (const disguise of ['decoy', 'transparent'] as const) {
    const outcome = page.evaluate(() =>
      document
        .querySelector('crosschain-lending')!
        .operate({ type: 'supply', asset: 'USDC', amount: '500' })
        .then(
          () => 'signed',
          (error: { code: string }) => error.code,
        ),
    )
    const confirm = walletFrame(page).locator('#confirm')
    await confirm.scrollIntoViewIfNeeded()
    await page.evaluate((kind) => {
      const host = document.querySelector('crosschain-lending') as HTMLElement
      if (kind === 'transparent') {
        // The wallet drawn almost invisibly over something the person wants to click.
        host.style.opacity = '0.05'
        return
      }
      const decoy = document.createElement('div')
      decoy.id = 'decoy'
      decoy.textContent = 'Click anywhere to claim your prize'
      Object.assign(decoy.style, { position: 'fixed', inset: '0', background: 'rgba(255,255,255,0.96)', pointerEvents: 'none', zIndex: '2147483647' })
      document.body.append(decoy)
    }, disguise)
    await expect(walletFrame(page).locator('#confirm-hint')).toHaveText(notArmed)
    // Longer than the wallet's arming delay, then the person clicks where Confirm sits.
    await page.waitForTimeout(1500)
    await expect(confirm).toBeDisabled()
    const box = (await confirm.boundingBox())!
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    await page.waitForTimeout(500)
    await expect(walletFrame(page).locator('#confirm-hint')).toHaveText(notArmed)
    expect(await signatures(authenticator)).toBe(signed)

    await page.evaluate(() => {
      document.querySelector('#decoy')?.remove()
      ;(document.querySelector('crosschain-lending') as HTMLElement).style.opacity = ''
    })
    await walletFrame(page).locator('#cancel').click()
    expect(await outcome).toBe('USER_REJECTED')
  }
  expect(await footprint(product, accountId)).toEqual(before)
  await expect(history).toHaveCount(historyBefore)
})

test('journey 5: a page on the partner origin that answers the wallet\'s connect and sign requests with its own key binds nothing of its own; the wallet the person connects in the wallet window is bound', async ({ partner: page, product }) => {
  const accountId = await createAccount(page)
  // The attacker's EVM key, held by the page's script (here in Node, reached through an exposed function).
  const attacker = createDevWallet('evm')
  await page.exposeFunction('__attackerSign', (request: WalletSignable) => signSignable(attacker, request))
  const bound = await nextElementEvent<{ wallet: { chain: string; address: string } }>(page, 'ccl-wallet-bound')
  await page.evaluate((address) => {
    const scope = window as unknown as { __asked: number; __attackerSign(request: WalletSignable): Promise<string> }
    scope.__asked = 0
    const element = document.querySelector('crosschain-lending')!
    element.walletConnector = {
      connect: async (chain) => {
        scope.__asked++
        return { chain, address }
      },
      signMessage: async (request) => {
        scope.__asked++
        return { signature: await scope.__attackerSign(request.typedData ? { typedData: request.typedData } : { message: request.message }) }
      },
    }
    // The page starts the binding itself; the person, trusting the wallet's panel, clicks on.
    void element.bindWallet('evm').catch(() => undefined)
  }, attacker.address)
  const asked = () => page.evaluate(() => (window as unknown as { __asked: number }).__asked)
  await expect(walletFrame(page).locator('#confirm-title')).toHaveText('Connect your EVM wallet')
  await clickInWallet(page, '#confirm')
  // The wallet opened its own window on the wallet origin; the page's connector was not asked.
  await chooseInWalletWindow(page)
  const person = (await devWalletAddresses(page)).evm!
  expect(person.toLowerCase()).not.toBe(attacker.address.toLowerCase())
  expect(await answerDevWallet(page)).toContain('asks to connect')
  const signCard = await answerDevWallet(page)
  expect(signCard).toContain(accountId)
  expect(signCard).toContain(person)
  await expect(walletFrame(page).locator('#confirm-title')).toHaveText('Bind your EVM wallet')
  await approveInWallet(page)
  expect((await bound()).wallet).toEqual({ chain: 'evm', address: person })
  expect(await asked(), 'the wallet asked the page to connect or sign').toBe(0)

  const onChain = await chainView<{ wallets: { address: string }[] }>(product, 'get_account', { account_id: accountId })
  expect(onChain.wallets.map((wallet) => wallet.address)).toEqual([person])
  expect(await chainView(product, 'get_account_by_wallet', { chain: 'evm', address: attacker.address })).toBeNull()
})

test('journey 5: the page calls operate() while the person types in its form; their Tab, Tab, Enter signs nothing and the wallet takes no focus', async ({ partner: page, product, authenticator }) => {
  const accountId = await boundAccount(page)
  const before = await footprint(product, accountId)
  const signed = await signatures(authenticator)
  // The page's own form, just before the element: its next tab stops lead into the element.
  await page.evaluate(() => {
    const field = document.createElement('input')
    field.id = 'page-email'
    field.setAttribute('aria-label', 'Your e-mail')
    document.querySelector('crosschain-lending')!.before(field)
  })
  const field = page.locator('#page-email')
  await field.click()
  await page.keyboard.type('me@example')
  const outcome = await pageAsksForSupply(page)
  await expect(walletFrame(page).locator('#confirm-hint')).toHaveText(armed)
  // Focus stayed in the page's field; the person goes on typing as they meant to.
  await expect(field).toBeFocused()
  await page.keyboard.type('.com')
  await expect(field).toHaveValue('me@example.com')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  await page.waitForTimeout(1000)
  expect(await signatures(authenticator)).toBe(signed)
  await expect(walletFrame(page).locator('#confirm-hint')).not.toHaveText(/Confirming|Waiting for your passkey/)

  await clickInWallet(page, '#cancel')
  expect(await outcome()).toBe('USER_REJECTED')
  expect(await signatures(authenticator)).toBe(signed)
  expect(await footprint(product, accountId)).toEqual(before)
})

test('journey 5: with zoom 0.3 on the element, Confirm stays disarmed and an aimed click where it sits does nothing', async ({ partner: page, product, authenticator }) => {
  const accountId = await boundAccount(page)
  const before = await footprint(product, accountId)
  const signed = await signatures(authenticator)
  const outcome = await pageAsksForSupply(page)
  const confirm = walletFrame(page).locator('#confirm')
  await confirm.scrollIntoViewIfNeeded()
  await expect(walletFrame(page).locator('#confirm-hint')).toHaveText(armed)

  await page.evaluate(() => ((document.querySelector('crosschain-lending') as HTMLElement).style.zoom = '0.3'))
  await expect(walletFrame(page).locator('#confirm-hint')).toHaveText(/normal size/)
  // Longer than the wallet's arming delay, then the person aims at Confirm and clicks.
  await page.waitForTimeout(1500)
  await expect(confirm).toBeDisabled()
  const box = (await confirm.boundingBox())!
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2]
  await page.mouse.move(x, box.y - 3)
  await page.mouse.move(x, y, { steps: 4 })
  await page.waitForTimeout(100)
  await page.mouse.click(x, y)
  await page.waitForTimeout(700)
  await expect(walletFrame(page).locator('#confirm-hint')).toHaveText(/normal size/)
  expect(await signatures(authenticator)).toBe(signed)

  await page.evaluate(() => ((document.querySelector('crosschain-lending') as HTMLElement).style.zoom = ''))
  await walletFrame(page).locator('#cancel').click()
  expect(await outcome()).toBe('USER_REJECTED')
  expect(await footprint(product, accountId)).toEqual(before)
})
