import { addVirtualAuthenticator, answerDevWallet, approveInWallet, chooseInWalletWindow, clickInWallet, devWalletAddresses, exportDevWalletKeys, importDevWalletKeys } from '@crosschain-lending/testing/playwright'
import { chainRpc, chainView, expect, position, test } from './fixtures'
import { bindWallet, createAccount, lendingElement, nextElementEvent, operateFromForm } from './lending'

type Account = { id: string; passkeys: { credentialId: string }[] }

// Journey 3 with the EVM wallet as the recovery path; journey 4 repeats it with the others.
for (const chain of ['evm', 'solana', 'near', 'stellar'] as const) {
test(`journey ${chain === 'evm' ? 3 : 4}: a lost device: on a new authenticator without the passkey, the bound ${chain} wallet recovers the account, and the new passkey signs an operation`, async ({ browser, product }) => {
  const plainPage = `${product.otherPartnerOrigin}/plain.html`

  const first = await browser.newContext()
  const firstPage = await first.newPage()
  await addVirtualAuthenticator(firstPage)
  await firstPage.goto(plainPage)
  const accountId = await createAccount(firstPage)
  await bindWallet(firstPage, chain, accountId)
  const address = (await devWalletAddresses(firstPage))[chain]
  // The person's wallet is the same on the new device (a seed phrase restored, an extension synced).
  const walletKeys = await exportDevWalletKeys(firstPage)
  await first.close() // the device is gone, and its passkey with it

  const second = await browser.newContext()
  try {
    const page = await second.newPage()
    const authenticator = await addVirtualAuthenticator(page)
    await page.goto(plainPage)
    await importDevWalletKeys(page, walletKeys)
    expect((await devWalletAddresses(page))[chain]).toBe(address)

    const recovered = await nextElementEvent<{ account: { id: string }; passkey: { credentialId: string } }>(page, 'ccl-account-recovered')
    await clickInWallet(page, '#recover summary')
    await clickInWallet(page, `#recover-${chain}`)
    await chooseInWalletWindow(page)
    expect(await answerDevWallet(page)).toContain(`asks to connect to ${address}`)
    // The new passkey is created in the passkey window, from its own Confirm.
    expect(await approveInWallet(page)).toBe('passkey-window')
    // The bound wallet signs the new passkey's addition: the card shows the exact request.
    expect(await answerDevWallet(page)).toContain(accountId)
    const { account, passkey } = await recovered()
    expect(account.id).toBe(accountId)
    expect(await authenticator.credentials()).toHaveLength(1)
    const onChain = await chainView<Account>(product, 'get_account', { account_id: accountId })
    expect(onChain.passkeys).toHaveLength(2)
    expect(onChain.passkeys[1]!.credentialId).toBe(passkey.credentialId)

    // The new passkey signs an operation.
    await chainRpc(product, 'dev_deposit', { chain: 'evm', account_id: accountId, asset: 'USDC', amount: '50000000' })
    // The plain page has no faucet to tell the element; the page's own code would call refresh().
    await lendingElement(page).evaluate((lending: HTMLElement & { refresh(): Promise<void> }) => lending.refresh())
    await operateFromForm(page, { type: 'supply', asset: 'USDC', amount: '20' })
    const usdc = (await position(product, accountId)).assets.find((entry) => entry.asset === 'USDC')!
    // Pool shares round down, in the pool's favour: 20 USDC in may show as 19.999999.
    expect(20_000_000n - BigInt(usdc.collateral)).toBeLessThanOrEqual(1n)
  } finally {
    await second.close()
  }
})
}
