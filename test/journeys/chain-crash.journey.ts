import { clickInWallet, devWalletAddresses } from '@crosschain-lending/testing/playwright'
import { chainRpc, chainView, expect, position, test } from './fixtures'
import { bindWallet, createAccount, lendingElement, operateFromForm, useFaucet } from './lending'

test('journey 6: the chain is killed while a Supply is on its way and restarted; the Supply lands once, nothing acknowledged is lost, and the user continues', async ({ partner: page, product }) => {
  const element = lendingElement(page)
  const accountId = await createAccount(page)
  await bindWallet(page, 'evm', accountId)
  const { evm } = await devWalletAddresses(page)
  await useFaucet(page, 'USDC', 'evm', '500')
  await element.evaluate((lending: HTMLElement & { refresh(): Promise<void> }) => lending.refresh())

  // The person reviews a Supply; as they approve it, the chain dies without warning (SIGKILL:
  // no shutdown, no final flush).
  const done = element.locator('#history-list li[data-status="final"]')
  const doneBefore = await done.count() // the binding
  await element.locator('#tab-supply').click()
  await element.locator('#asset').selectOption('USDC')
  await element.locator('#amount').fill('200')
  await expect(element.locator('#review')).toBeEnabled()
  await element.locator('#review').click()
  await product.chain.kill()
  await clickInWallet(page, '#confirm')
  // Signed and on its way, but not final: the history says so.
  await expect(element.locator('#history-list li[data-status]:not([data-status="final"])')).toHaveCount(1)
  await expect(done).toHaveCount(doneBefore)

  await product.chain.start()
  // What was acknowledged before the crash is all there: the account, its binding, the deposit.
  expect(await chainView(product, 'get_account_by_wallet', { chain: 'evm', address: evm })).toMatchObject({ id: accountId, bound: true })
  // The Supply lands, once.
  await expect(done).toHaveCount(doneBefore + 1, { timeout: 60_000 })
  await expect(element.locator('#history-list li[data-status]:not([data-status="final"])')).toHaveCount(0)
  const usdc = (await position(product, accountId)).assets.find((entry) => entry.asset === 'USDC')!
  expect(usdc.balance).toBe('300000000')
  // Pool shares round down, in the pool's favour: 200 USDC in may show as 199.999999.
  expect(200_000_000n - BigInt(usdc.collateral)).toBeLessThanOrEqual(1n)

  // And the person carries on: a Borrow to the bound wallet after the restart.
  await operateFromForm(page, { type: 'borrow', asset: 'USDC', amount: '50' })
  const ledger = await chainRpc<{ totals: Record<string, string> }>(product, 'dev_ledger', { chain: 'evm', address: evm })
  expect(ledger.totals.USDC).toBe('50000000')
})
