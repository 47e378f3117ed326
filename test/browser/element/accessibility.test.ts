import { axeInWallet, clickInWallet } from '@crosschain-lending/testing/browser'
import type { CrossChainLending } from '@crosschain-lending/widget'
import { expect } from '@esm-bundle/chai'
import { sendKeys } from '@web/test-runner-commands'
import { signedUpElement } from '../binding/support'
import { mountConnectedElement, nextOutcome, textInWallet, useVirtualAuthenticator, waitFor } from '../helpers'
import { boundElement, deposit } from '../operations/support'
import { focusSettled, lendingUi, part, shadow } from './support'

type AxeResult = { violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }
declare global {
  interface Window {
    axe?: { run(context: Element, options: object): Promise<AxeResult> }
  }
}

/** axe-core on the page, from the package's own file (a script tag, as a partner's test would). */
async function loadAxe(): Promise<NonNullable<Window['axe']>> {
  if (!window.axe) {
    const script = document.createElement('script')
    script.src = '/node_modules/axe-core/axe.min.js'
    const loaded = new Promise((resolve, reject) => {
      script.onload = resolve
      script.onerror = reject
    })
    document.head.append(script)
    await loaded
  }
  return window.axe!
}

/** The element's violations (WCAG 2 A and AA), described so a failure says what and where. */
async function violationsIn(element: CrossChainLending): Promise<string[]> {
  const axe = await loadAxe()
  // The wallet frame is another origin: axe checks it on its own (axeInWallet).
  const result = await axe.run(element, { iframes: false, runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } })
  return result.violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
}

describe('accessibility of the element and the wallet panel', function () {
  this.timeout(90_000)
  useVirtualAuthenticator()

  it('behavior: no axe violations signed out, signed in without a wallet, and bound with a position and history', async () => {
    const signedOut = await mountConnectedElement()
    expect(await violationsIn(signedOut)).to.deep.equal([])
    expect(await axeInWallet()).to.deep.equal([])
    signedOut.remove()

    const { element } = await signedUpElement()
    await lendingUi(element)
    expect(await violationsIn(element)).to.deep.equal([])
    expect(await axeInWallet()).to.deep.equal([])
    element.remove()

    const bound = await boundElement()
    await deposit(bound.accountId, 'USDC', '20000000')
    await bound.element.refresh()
    await bound.element.openOperation('borrow', { asset: 'USDC' })
    await lendingUi(bound.element)
    expect(await violationsIn(bound.element)).to.deep.equal([])
  })

  it('behavior: the wallet’s confirmation panel has no axe violations', async () => {
    const { element, accountId } = await boundElement()
    await deposit(accountId, 'USDC', '2000000')
    const outcome = element.operate({ type: 'supply', asset: 'USDC', amount: '1' }).then(
      () => 'signed',
      (error: { code: string }) => error.code,
    )
    await textInWallet('#confirm-title')
    expect(await axeInWallet()).to.deep.equal([])
    await clickInWallet('#cancel')
    expect(await outcome).to.equal('USER_REJECTED')
  })

  it('behavior: keyboard only, from the form to the wallet’s confirmation and back: Supply is done without a pointer', async () => {
    const { element, accountId } = await boundElement()
    await deposit(accountId, 'USDC', '3000000')
    await element.refresh()
    await element.openOperation('supply', { asset: 'USDC' })
    // The tab has focus; Tab walks the form in order: asset, amount, Max, collateral, Review.
    expect(shadow(element).activeElement?.id).to.equal('tab-supply')
    await focusSettled()
    await sendKeys({ press: 'Tab' })
    const active = shadow(element).activeElement
    expect(active?.id, `${active?.tagName} ${active?.outerHTML.slice(0, 120)}`).to.equal('asset')
    await sendKeys({ press: 'Tab' })
    expect(shadow(element).activeElement?.id).to.equal('amount')
    await sendKeys({ type: '2' })
    await waitFor(() => !(part(element, '#review') as HTMLButtonElement).disabled, 'Review is enabled once the wallet previewed the amount')
    await sendKeys({ press: 'Tab' })
    await sendKeys({ press: 'Tab' })
    await sendKeys({ press: 'Tab' })
    expect(shadow(element).activeElement?.id).to.equal('review')
    const final = nextOutcome(element, 'ccl-operation-final', 30000)
    await sendKeys({ press: 'Enter' })

    // Focus moved into the wallet, where the confirmation took it; Tab reaches Confirm once armed.
    await waitFor(() => document.activeElement === element && shadow(element).activeElement?.tagName === 'IFRAME', 'focus is in the wallet frame')
    await textInWallet('#confirm-title')
    await new Promise((resolve) => setTimeout(resolve, 900))
    // The panel holds the focus; Tab passes the "exact request" disclosure, then reaches Confirm.
    await sendKeys({ press: 'Tab' })
    await sendKeys({ press: 'Tab' })
    // A person reads the focused button before pressing it: an Enter that comes as Confirm gets
    // focus does not count (typed ahead into a form, it would confirm; see keystrokes.test.ts).
    await new Promise((resolve) => setTimeout(resolve, 700))
    await sendKeys({ press: 'Enter' })
    expect((await final).detail.operation).to.deep.include({ type: 'supply', amount: '2' })
  })
})
