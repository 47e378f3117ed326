import { answerDevWallet, approveInWallet, chooseInWalletWindow, clickInWallet, installDevWallets, walletFrame, walletWindow } from '@crosschain-lending/testing/playwright'
import { createDevWallet } from '@crosschain-lending/testing/signers'
import { chainView, expect, test } from './fixtures'
import { bindingWarning, createAccount, lendingElement, nextElementEvent } from './lending'

// Journey 7: the wallet window as the person's browser makes it. The development wallets are
// installed by the testing kit (`installDevWallets`), in place of the wallet server's own, as
// the extensions a browser has: none of the chain, or two of it.

const hex = (bytes: Uint8Array) => [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('')

test('journey 7: with no EVM wallet in the browser, the wallet window says what to install; the element gets EXTERNAL_WALLET_NOT_FOUND and nothing is bound', async ({ partner: page, product }) => {
  await installDevWallets(page.context(), { wallets: [] })
  const accountId = await createAccount(page)
  const failed = await nextElementEvent(page, 'ccl-wallet-bound')
  const outcome = failed().then(
    () => 'bound',
    (error: Error) => error.message,
  )
  await clickInWallet(page, '#bind-evm')

  const windowPage = await walletWindow(page)
  await expect(windowPage.locator('main')).toHaveAttribute('data-state', 'error')
  const status = windowPage.locator('#wallet-window-status')
  await expect(status).toContainText('No EVM wallet is installed and unlocked in this browser.')
  await expect(status).toContainText('MetaMask')
  await expect(status).toContainText('go back to the site and try again')
  // Nothing to pick, nothing asked of any wallet.
  await expect(windowPage.locator('.wallet-choice')).toHaveCount(0)
  await expect(windowPage.locator('ccl-dev-wallet-prompt section')).toHaveCount(0)

  // The element gets the typed error; the panel is back where it was, ready to try again.
  expect(await outcome).toMatch(/\bEXTERNAL_WALLET_NOT_FOUND: No EVM wallet is installed/)
  await expect(lendingElement(page).locator('[part="error"]')).toHaveAttribute('data-code', 'EXTERNAL_WALLET_NOT_FOUND')
  await expect(walletFrame(page).locator('#bind-warning')).toHaveText(bindingWarning)
  await expect(walletFrame(page).locator('#bind-evm')).toBeEnabled()
  await expect(walletFrame(page).locator('#confirm')).toHaveCount(0)
  const onChain = await chainView<{ bound: boolean; wallets: unknown[] }>(product, 'get_account', { account_id: accountId })
  expect(onChain).toMatchObject({ bound: false, wallets: [] })

  // The frame leaves the window open for the person to read it; they close it there.
  expect(windowPage.isClosed()).toBe(false)
  // The click closes the page it lands on, so Playwright's after-click wait can find the page
  // gone; the close event is what proves the button works, and the click's own result is not.
  const closed = windowPage.waitForEvent('close')
  await Promise.all([closed, windowPage.getByRole('button', { name: 'Close window' }).click({ noWaitAfter: true }).catch((error: Error) => {
    if (!/closed/.test(error.message)) throw error
  })])
})

test('journey 7: with two EVM wallets in the browser, the person picks the second in the wallet window, and that one is bound, not the first', async ({ partner: page, product }) => {
  const [workKey, personalKey] = [crypto.getRandomValues(new Uint8Array(32)), crypto.getRandomValues(new Uint8Array(32))]
  const [work, personal] = [createDevWallet('evm', workKey), createDevWallet('evm', personalKey)]
  await installDevWallets(page.context(), {
    wallets: [
      { chain: 'evm', name: 'Work EVM Wallet', secretKey: hex(workKey) },
      { chain: 'evm', name: 'Personal EVM Wallet', secretKey: hex(personalKey) },
    ],
  })
  const accountId = await createAccount(page)
  const bound = await nextElementEvent<{ wallet: { chain: string; address: string } }>(page, 'ccl-wallet-bound')
  await clickInWallet(page, '#bind-evm')

  const windowPage = await walletWindow(page)
  // Both are offered, as their extensions announced them, and the person is told to choose.
  await expect(windowPage.locator('.wallet-choice')).toHaveText(['Work EVM Wallet', 'Personal EVM Wallet'])
  await expect(windowPage.locator('#wallet-window-status')).toContainText('2 are installed')
  await chooseInWalletWindow(page, 'Personal EVM Wallet')
  await expect(windowPage.locator('.wallet-choice[aria-pressed="true"]')).toHaveText('Personal EVM Wallet')
  expect(await answerDevWallet(page)).toContain(`asks to connect to ${personal.address}`)
  const signCard = await answerDevWallet(page)
  expect(signCard).toContain('Personal EVM Wallet')
  expect(signCard).toContain(accountId)
  await expect(walletFrame(page).locator('#confirm-title')).toHaveText('Bind your EVM wallet')
  await expect(walletFrame(page).locator('dl')).toContainText(personal.address)
  await approveInWallet(page)

  expect((await bound()).wallet).toEqual({ chain: 'evm', address: personal.address })
  const onChain = await chainView<{ wallets: { address: string }[] }>(product, 'get_account', { account_id: accountId })
  expect(onChain.wallets.map((wallet) => wallet.address)).toEqual([personal.address])
  expect(await chainView(product, 'get_account_by_wallet', { chain: 'evm', address: personal.address })).toMatchObject({ id: accountId })
  expect(await chainView(product, 'get_account_by_wallet', { chain: 'evm', address: work.address })).toBeNull()
  // The panel names the chain as people read it.
  await expect(walletFrame(page).locator('#bound-wallets')).toHaveText(`Bound: EVM ${personal.address}`)
})
