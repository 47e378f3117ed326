import { clickInWallet, devWalletAddresses, walletFrame } from '@crosschain-lending/testing/playwright'
import { chainRpc, chainView, expect, position, test } from './fixtures'
import { bindWallet, createAccount, doneRequests, operateFromForm, requestsOnTheirWay, reviewFromForm, useFaucet } from './lending'

test('journey 6: the chain is killed while a Supply is on its way and restarted; the Supply lands once, nothing acknowledged is lost, and the user continues', async ({ partner: page, product }) => {
  const accountId = await createAccount(page)
  await bindWallet(page, 'evm', accountId)
  const { evm } = await devWalletAddresses(page)
  await useFaucet(page, 'USDC', 'evm', '500')

  // The person reviews a Supply; as they approve it, the chain dies without warning (SIGKILL:
  // no shutdown, no final flush).
  const doneBefore = await reviewFromForm(page, { type: 'supply', asset: 'USDC', amount: '200' })
  // The wallet reads the chain to prepare what it shows; the crash comes once the person sees it.
  await expect(walletFrame(page).locator('#confirm')).toBeVisible()
  await product.chain.kill()
  await clickInWallet(page, '#confirm')
  // Signed and on its way, but not final: the history says so.
  await expect(requestsOnTheirWay(page)).toHaveCount(1)
  await expect(doneRequests(page)).toHaveCount(doneBefore)

  await product.chain.start()
  // What was acknowledged before the crash is all there: the account, its binding, the deposit.
  expect(await chainView(product, 'get_account_by_wallet', { chain: 'evm', address: evm })).toMatchObject({ id: accountId, bound: true })
  // The Supply lands, once.
  await expect(doneRequests(page)).toHaveCount(doneBefore + 1, { timeout: 60_000 })
  await expect(requestsOnTheirWay(page)).toHaveCount(0)
  const usdc = (await position(product, accountId)).assets.find((entry) => entry.asset === 'USDC')!
  expect(usdc.balance).toBe('300000000')
  // Pool shares round down, in the pool's favour: 200 USDC in may show as 199.999999.
  expect(200_000_000n - BigInt(usdc.collateral)).toBeLessThanOrEqual(1n)

  // And the person carries on: a Borrow to the bound wallet after the restart.
  await operateFromForm(page, { type: 'borrow', asset: 'USDC', amount: '50' })
  const ledger = await chainRpc<{ totals: Record<string, string> }>(product, 'dev_ledger', { chain: 'evm', address: evm })
  expect(ledger.totals.USDC).toBe('50000000')
})
