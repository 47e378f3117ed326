import { approveInWallet, readInWallet } from '@crosschain-lending/testing/browser'
import { createDevWallet } from '@crosschain-lending/testing/signers'
import { expect } from '@esm-bundle/chai'
import { sendKeys } from '@web/test-runner-commands'
import { signedUpElement } from '../binding/support'
import { chainView, nextOutcome, useVirtualAuthenticator, waitFor } from '../helpers'
import { approveOperation, boundElement, deposit, devRpc } from '../operations/support'
import { focusSettled, lendingUi, part, shadow, textMatching, textOf, typeInto } from './support'

type Position = { assets: { asset: string; collateral: string; balance: string }[] }
const bindingWarning = 'Passkeys are not recoverable. Please bind another blockchain wallet immediately.'

describe('the lending UI of <crosschain-lending>', function () {
  this.timeout(90_000)
  useVirtualAuthenticator()

  it('behavior: before a wallet is bound, the warning comes first; Supply and Borrow say why they are closed; Repay and Adjust open', async () => {
    const { element } = await signedUpElement()
    await lendingUi(element)
    expect(textOf(element, '#bind-warning')).to.equal(bindingWarning)
    for (const type of ['supply', 'borrow'] as const) {
      part(element, `#tab-${type}`)!.click()
      await element.updateComplete
      expect(textOf(element, '#operation-unavailable'), type).to.match(/^Bind a wallet first/)
      expect(part(element, '#amount'), type).to.equal(null)
    }
    for (const type of ['repay', 'adjust'] as const) {
      part(element, `#tab-${type}`)!.click()
      await element.updateComplete
      expect(part(element, '#operation-unavailable'), type).to.equal(null)
      expect(part(element, '#amount'), type).to.not.equal(null)
    }
    // The bind prompt itself is the wallet's, in the frame above the forms.
    expect(await readInWallet('#bind-evm')).to.equal('Bind EVM wallet')
  })

  it('behavior: when the person comes back to the page, the element reads the account again; while the page is hidden it does not', async () => {
    const { element, accountId } = await boundElement()
    await element.openOperation('supply', { asset: 'USDC' })
    await element.updateComplete
    expect(textOf(element, '#amount-available')).to.equal('Available: 0 USDC')
    const seen = (state: DocumentVisibilityState) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state })
      document.dispatchEvent(new Event('visibilitychange'))
    }
    try {
      // The person switched tabs; meanwhile a deposit arrives from another chain.
      seen('hidden')
      await deposit(accountId, 'USDC', '250000000')
      await new Promise((resolve) => setTimeout(resolve, 500))
      await element.updateComplete
      expect(textOf(element, '#amount-available')).to.equal('Available: 0 USDC')
      // Back on the page: no 15 s wait, no call from the page.
      seen('visible')
      await waitFor(() => textOf(element, '#amount-available') === 'Available: 250 USDC', 'the deposit shows', 5000)
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState
    }
  })

  it('behavior: Supply from the form: amounts checked in human units, the health factor before and after, approved in the wallet, then position and history agree with the chain', async () => {
    const { element, accountId } = await boundElement()
    await deposit(accountId, 'USDC', '250000000')
    // A deposit arrives from another chain: the page tells the element to look again.
    await element.refresh()
    await element.openOperation('supply', { asset: 'USDC' })
    await element.updateComplete
    expect(textOf(element, '#amount-available')).to.equal('Available: 250 USDC')

    await typeInto(element, '#amount', '12.1234567')
    expect(textOf(element, '#amount-error')).to.equal('At most 6 decimal places.')
    expect((part(element, '#review') as HTMLButtonElement).disabled).to.equal(true)
    await typeInto(element, '#amount', '300')
    expect(textOf(element, '#amount-error')).to.equal('At most 250 USDC.')
    part(element, '#max')!.click()
    await element.updateComplete
    expect((part(element, '#amount') as HTMLInputElement).value).to.equal('250')
    await typeInto(element, '#amount', '100')
    expect(textOf(element, '#amount-error')).to.equal('')
    await textMatching(element, '#preview', /Health factor now: no debt After: no debt/)

    const final = nextOutcome(element, 'ccl-operation-final', 30000)
    ;(part(element, '#review') as HTMLButtonElement).click()
    await approveInWallet()
    const receipt = (await final).detail
    expect(receipt.operation).to.deep.equal({ type: 'supply', asset: 'USDC', amount: '100', collateral: true })

    await textMatching(element, '#history-list li[data-status="final"]', /^Supply 100 USDC Done$/)
    const onChain = await chainView<Position>('get_position', { account_id: accountId })
    const usdc = onChain.assets.find((entry) => entry.asset === 'USDC')!
    await textMatching(element, 'tr[data-asset="USDC"] [data-field="balance"]', /^150$/)
    expect(textOf(element, 'tr[data-asset="USDC"] [data-field="collateral"]')).to.equal(String(Number(usdc.collateral) / 1e6))
    expect((part(element, '#amount') as HTMLInputElement).value).to.equal('')
  })

  it('behavior: Borrow goes to the bound wallet by default; another address is checked for the chosen chain as it is typed', async () => {
    const { element, accountId } = await boundElement()
    await deposit(accountId, 'ETH', '1000000000000000000')
    await element.refresh()
    await element.openOperation('borrow', { asset: 'USDC' })
    await element.updateComplete
    expect((part(element, '#chain') as HTMLSelectElement).value).to.equal('evm')
    expect(textOf(element, 'label:has(#recipient-bound)')).to.match(/^Your bound wallet 0x/)
    expect((part(element, '#recipient-bound') as HTMLInputElement).checked).to.equal(true)

    part(element, '#recipient-other')!.click()
    await element.updateComplete
    await typeInto(element, '#recipient', '0x1234')
    await waitFor(() => part(element, '#recipient-status')?.dataset.status === 'invalid', 'the address is refused')
    expect(textOf(element, '#recipient-status')).to.match(/address/i)
    expect(part(element, '#recipient')!.getAttribute('aria-invalid')).to.equal('true')
    expect((part(element, '#review') as HTMLButtonElement).disabled).to.equal(true)
    const other = createDevWallet('evm').address
    await typeInto(element, '#recipient', other.toLowerCase())
    expect(await textMatching(element, '#recipient-status', /^Valid address/)).to.equal(`Valid address: ${other}`)
    expect(textOf(element, '#recipient-note')).to.contain('co-signature')
  })

  it('behavior: openOperation fills in a form and focuses its tab; arrow keys move between the tabs', async () => {
    const { element, accountId } = await boundElement()
    await deposit(accountId, 'USDC', '5000000')
    await element.openOperation('repay', { asset: 'USDC', amount: '1' })
    expect(shadow(element).activeElement?.id).to.equal('tab-repay')
    expect((part(element, '#amount') as HTMLInputElement).value).to.equal('1')
    await focusSettled()
    await sendKeys({ press: 'ArrowRight' })
    await element.updateComplete
    expect(shadow(element).activeElement?.id).to.equal('tab-adjust')
    expect(part(element, '#tab-adjust')!.getAttribute('aria-selected')).to.equal('true')
    await sendKeys({ press: 'End' })
    await element.updateComplete
    expect(shadow(element).activeElement?.id).to.equal('tab-borrow')
    const refused = await element.openOperation('withdraw' as never).then(
      () => 'opened',
      (error: { code: string; message: string }) => `${error.code}: ${error.message}`,
    )
    expect(refused).to.match(/^INVALID_REQUEST: There is no "withdraw" operation/)
  })

  it('behavior: lang="es" speaks Spanish; the binding warning stays word for word, with its translation beside it', async () => {
    document.documentElement.lang = 'es'
    try {
      const { element } = await signedUpElement()
      await lendingUi(element)
      expect(textOf(element, '#bind-warning')).to.equal(`${bindingWarning} Las passkeys no se pueden recuperar. Vincula otra billetera de blockchain de inmediato.`)
      expect(textOf(element, '#tab-supply')).to.equal('Aportar')
      expect(textOf(element, '[part="status"]')).to.match(/^Sesión iniciada en la cuenta/)
    } finally {
      document.documentElement.lang = 'en'
    }
  })

  it('error: what the chain would refuse shows under the form with its reason and code, and cannot be submitted', async () => {
    const { element, accountId } = await boundElement()
    await deposit(accountId, 'USDC', '500000000')
    await deposit(accountId, 'ETH', '1000000000000000000')
    // Liquidity of its own to borrow from, and ETH as collateral.
    await approveOperation(element, { type: 'supply', asset: 'USDC', amount: '500', collateral: false })
    await approveOperation(element, { type: 'supply', asset: 'ETH', amount: '1' })
    await element.refresh()
    await element.openOperation('borrow', { asset: 'USDC' })
    await element.updateComplete
    // The hint says what caps Borrow: the collateral here, or the pool's cash (shared by every test's accounts).
    const available = /^Available: ([\d.]+) USDC, (all the pool has to lend now|as much as your collateral allows)$/.exec(textOf(element, '#amount-available')!)
    expect(available, textOf(element, '#amount-available')!).to.not.equal(null)
    const max = available![1]!
    expect(Number(max)).to.be.greaterThan(100)

    const markets = await chainView<{ asset: string; priceUsd: string }[]>('get_markets', {})
    const ethPrice = markets.find((market) => market.asset === 'ETH')!.priceUsd
    // The oracle moves after the element last read the chain: its Max is stale, the chain is not.
    await devRpc('dev_set_price', { asset: 'ETH', price_usd: '1' })
    try {
      await typeInto(element, '#amount', max)
      await waitFor(() => part(element, '#preview')?.dataset.status === 'error', 'the wallet refuses the preview')
      expect(part(element, '#preview-error')!.dataset.code).to.match(/^[A-Z_]+$/)
      expect(textOf(element, '#preview-error')).to.match(/.{10,}/)
      expect((part(element, '#review') as HTMLButtonElement).disabled).to.equal(true)
    } finally {
      await devRpc('dev_set_price', { asset: 'ETH', price_usd: ethPrice })
    }
  })
})
