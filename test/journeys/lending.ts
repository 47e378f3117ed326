import { answerDevWallet, approveInWallet, chooseInWalletWindow, clickInWallet } from '@crosschain-lending/testing/playwright'
import type { Locator, Page } from '@playwright/test'
import { expect } from './fixtures'

export const bindingWarning = 'Passkeys are not recoverable. Please bind another blockchain wallet immediately.'

/** The element on the page (Playwright's CSS reaches into its shadow root). */
export const lendingElement = (page: Page): Locator => page.locator('crosschain-lending')

/**
 * Starts listening for the element's next `type` event (or its next error) now, and returns a
 * function that waits for it: the listener is in place before the click that causes the event.
 */
export async function nextElementEvent<T = unknown>(page: Page, type: string): Promise<() => Promise<T>> {
  const key = await page.evaluate((eventType) => {
    const id = `__ccl_${eventType}_${Math.random().toString(36).slice(2)}`
    const element = document.querySelector('crosschain-lending')!
    ;(window as unknown as Record<string, Promise<unknown>>)[id] = new Promise((resolve, reject) => {
      element.addEventListener(eventType, (event) => resolve((event as CustomEvent).detail), { once: true })
      element.addEventListener('ccl-error', (event) => reject(new Error(`${(event as CustomEvent).detail.code}: ${(event as CustomEvent).detail.message}`)), { once: true })
    })
    return id
  }, type)
  return () => page.evaluate((id) => (window as unknown as Record<string, Promise<unknown>>)[id], key) as Promise<T>
}

/** Creates an account by clicking in the wallet as a person would; resolves with its id. */
export async function createAccount(page: Page): Promise<string> {
  const created = await nextElementEvent<{ account: { id: string } }>(page, 'ccl-account-created')
  await clickInWallet(page, '#create-account')
  return (await created()).account.id
}

/**
 * Binds the development wallet on `chain` as a person would: the panel's button opens the
 * wallet window, where the person picks the wallet, connects and signs in its card; then the
 * passkey approves in the passkey window (the wallet's policy for a binding: the panel only opens it).
 */
export async function bindWallet(page: Page, chain: 'evm' | 'solana' | 'near' | 'stellar', accountId: string): Promise<void> {
  const bound = await nextElementEvent(page, 'ccl-wallet-bound')
  await clickInWallet(page, `#bind-${chain}`)
  await chooseInWalletWindow(page)
  expect(await answerDevWallet(page)).toContain('asks to connect')
  const signed = await answerDevWallet(page)
  expect(signed).toContain(accountId)
  expect(await approveInWallet(page)).toBe('passkey-window')
  await bound()
  await expect(lendingElement(page).locator('[part="warning"]')).toHaveCount(0)
}

/** Takes test assets from the demo's faucet, as a person would. */
export async function useFaucet(page: Page, asset: string, chain: string, amount: string): Promise<void> {
  const faucet = page.locator('#faucet')
  await faucet.locator('[name=asset]').selectOption(asset)
  await faucet.locator('[name=chain]').selectOption(chain)
  await faucet.locator('[name=amount]').fill(amount)
  await faucet.getByRole('button', { name: 'Deposit to my account' }).click()
  await expect(faucet.locator('output')).toHaveText(`${amount} ${asset} arrived from ${chain}.`)
}

export type FormInput = { type: 'supply' | 'repay' | 'adjust' | 'borrow'; asset: string; amount: string; direction?: 'to-collateral' | 'to-supplied' }

/** The history's executed requests, and those still on their way. */
export const doneRequests = (page: Page) => lendingElement(page).locator('#history-list li[data-status="final"]')
export const requestsOnTheirWay = (page: Page) => lendingElement(page).locator('#history-list li[data-status]:not([data-status="final"])')

/**
 * Fills in the element's form for an operation and sends it to the wallet for review; resolves
 * with how many requests the history showed done before, once the wallet shows its confirmation.
 */
export async function reviewFromForm(page: Page, input: FormInput): Promise<number> {
  const element = lendingElement(page)
  await element.locator(`#tab-${input.type}`).click()
  await element.locator('#asset').selectOption(input.asset)
  if (input.direction) await element.locator('#direction').selectOption(input.direction)
  await element.locator('#amount').fill(input.amount)
  await expect(element.locator('#amount-error')).toHaveText('')
  const doneBefore = await doneRequests(page).count()
  await expect(element.locator('#review')).toBeEnabled()
  await element.locator('#review').click()
  return doneBefore
}

/**
 * Fills in the element's form for an operation, reviews it, and approves it in the wallet with
 * the passkey, where the wallet's policy approves it (a Borrow in the passkey window); resolves
 * when the history shows it done.
 */
export async function operateFromForm(page: Page, input: FormInput): Promise<void> {
  const doneBefore = await reviewFromForm(page, input)
  expect(await approveInWallet(page)).toBe(input.type === 'borrow' ? 'passkey-window' : 'panel')
  await expect(doneRequests(page)).toHaveCount(doneBefore + 1, { timeout: 30_000 })
}

/** What the element's position table shows for an asset's field (`balance`, `supplied`, `collateral`, `borrowed`). */
export const shown = (page: Page, asset: string, field: string) => lendingElement(page).locator(`tr[data-asset="${asset}"] [data-field="${field}"]`)
