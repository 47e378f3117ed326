import { addVirtualAuthenticator, clickInWallet } from '@crosschain-lending/testing/playwright'
import { expect, test } from './fixtures'
import { createAccount, lendingElement, nextElementEvent } from './lending'

test('journey 2: a returning user, with the browser storage cleared, signs in with the passkey on another partner origin and sees the same account', async ({ partner: page, authenticator, product, browser }) => {
  const accountId = await createAccount(page)
  const passkeys = await authenticator.exportPasskeys()
  expect(passkeys).toHaveLength(1)
  await page.close()

  // Same device (its passkey), nothing else: a new browser context has empty storage.
  const context = await browser.newContext()
  try {
    const other = await context.newPage()
    await addVirtualAuthenticator(other, { passkeys })
    await other.goto(`${product.otherPartnerOrigin}/plain.html`)
    const element = lendingElement(other)
    await expect(element.locator('[part="status"]')).toContainText('Not signed in')

    const signedIn = await nextElementEvent<{ account: { id: string } }>(other, 'ccl-signed-in')
    await clickInWallet(other, '#sign-in')
    expect((await signedIn()).account.id).toBe(accountId)
    await expect(element.locator('[part="status"]')).toContainText(accountId.slice(0, 14))
    // The account is the chain's: still unbound, so the warning comes first here too.
    await expect(element.locator('[part="warning"] strong')).toHaveText('Passkeys are not recoverable. Please bind another blockchain wallet immediately.')
  } finally {
    await context.close()
  }
})
