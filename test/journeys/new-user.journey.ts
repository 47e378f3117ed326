import { formatUnits } from '@crosschain-lending/protocol'
import { devWalletAddresses } from '@crosschain-lending/testing/playwright'
import { chainRpc, chainView, expect, position, test } from './fixtures'
import { bindWallet, bindingWarning, createAccount, lendingElement, operateFromForm, shown, useFaucet } from './lending'

const chainNames = { evm: 'an EVM', solana: 'a Solana', near: 'a NEAR', stellar: 'a Stellar' } as const

// Journey 1 with an EVM wallet; journey 4 is the same with each other chain's wallet bound.
for (const chain of ['evm', 'solana', 'near', 'stellar'] as const) {
test(`journey ${chain === 'evm' ? 1 : 4}: a new user creates an account with a passkey, binds ${chainNames[chain]} wallet, supplies, borrows to it, repays and adjusts; the position view agrees with the chain at each step`, async ({ partner: page, product }) => {
  const element = lendingElement(page)
  const accountId = await createAccount(page)

  // The warning, word for word, in the element and in the wallet; Supply and Borrow refused.
  await expect(element.locator('[part="warning"] strong')).toHaveText(bindingWarning)
  await element.locator('#tab-supply').click()
  await expect(element.locator('#operation-unavailable')).toContainText('Bind a wallet first')
  await element.locator('#tab-borrow').click()
  await expect(element.locator('#operation-unavailable')).toContainText('Bind a wallet first')
  const refused = await page.evaluate(() =>
    document.querySelector('crosschain-lending')!.operate({ type: 'supply', asset: 'USDC', amount: '1' }).then(
      () => 'accepted',
      (error: { code: string }) => error.code,
    ),
  )
  expect(refused).toBe('WALLET_NOT_BOUND')

  await bindWallet(page, chain, accountId)
  const address = (await devWalletAddresses(page))[chain]!
  expect(await chainView(product, 'get_account_by_wallet', { chain, address })).toMatchObject({ id: accountId, bound: true })

  // Assets arrive from another chain through the faucet (the demo then refreshes the element).
  await useFaucet(page, 'USDC', 'evm', '1000')
  await expect(shown(page, 'USDC', 'balance')).toHaveText('1000')

  const agrees = async (asset: string, field: 'balance' | 'supplied' | 'collateral' | 'borrowed') => {
    await expect
      .poll(async () => {
        const entry = (await position(product, accountId)).assets.find((each) => each.asset === asset)!
        return (await shown(page, asset, field).textContent())?.trim() === formatUnits(BigInt(entry[field]), entry.decimals, 6) // as the element writes it: at most 6 decimals
      })
      .toBe(true)
  }

  await operateFromForm(page, { type: 'supply', asset: 'USDC', amount: '600' })
  await agrees('USDC', 'collateral')
  await agrees('USDC', 'balance')

  // Borrow to the bound wallet (the default): it arrives on its chain's ledger. (A fresh chain's
  // only liquidity is what its users supplied: here, this account's USDC.)
  await operateFromForm(page, { type: 'borrow', asset: 'USDC', amount: '100' })
  await agrees('USDC', 'borrowed')
  const ledger = await chainRpc<{ totals: Record<string, string> }>(product, 'dev_ledger', { chain, address })
  expect(ledger.totals.USDC).toBe('100000000')
  await expect(element.locator('#health-factor')).not.toHaveText('')

  // Repay part of the debt from the balance still on the account.
  await operateFromForm(page, { type: 'repay', asset: 'USDC', amount: '40' })
  await agrees('USDC', 'borrowed')
  await agrees('USDC', 'balance')

  await operateFromForm(page, { type: 'adjust', asset: 'USDC', amount: '100', direction: 'to-supplied' })
  await agrees('USDC', 'collateral')
  await agrees('USDC', 'supplied')
  const onChain = await position(product, accountId)
  expect(onChain.healthFactor).not.toBeNull()
})
}
