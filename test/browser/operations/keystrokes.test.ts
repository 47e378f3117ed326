import { sendKeys } from '@web/test-runner-commands'
import { expect } from '@esm-bundle/chai'
import { clickInWallet } from '@crosschain-lending/testing/browser'
import { cleanUp, textInWallet, textInWalletMatching, useVirtualAuthenticator } from '../helpers'
import { boundElement, deposit } from './support'

/**
 * Keystrokes (issue 14, item 7). The test page is the hostile host: the person types into its
 * form, whose next tab stop is the wallet, while the page calls operate().
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('a hostile page routes the person’s keystrokes into the wallet', function () {
  this.timeout(90_000)
  useVirtualAuthenticator()
  afterEach(cleanUp)

  it('error: operate() while the person types in the page’s field leaves focus in that field, and Tab, Tab, Enter typed there confirms nothing', async () => {
    const { element, accountId } = await boundElement()
    await deposit(accountId, 'USDC', '5000000')
    // The page's form sits right before the element, so its next tab stops are in the wallet.
    const field = document.createElement('input')
    field.setAttribute('aria-label', 'Your e-mail')
    element.before(field)
    field.focus()
    await sendKeys({ type: 'me@example' })
    let signed = false
    element.addEventListener('ccl-operation-submitted', () => (signed = true))
    const outcome = element.operate({ type: 'supply', asset: 'USDC', amount: '5' }).then(
      () => 'signed',
      (failure: { code: string }) => failure.code,
    )
    await textInWalletMatching('#confirm-hint', /passkey will ask you to confirm/)
    expect(document.activeElement === field, `the wallet took no focus (focus is on ${document.activeElement?.tagName})`).to.equal(true)
    // The person goes on typing as they meant to in the page's form.
    await sendKeys({ type: '.com' })
    expect(field.value).to.equal('me@example.com')
    await sendKeys({ press: 'Tab' })
    await sendKeys({ press: 'Tab' })
    await sendKeys({ press: 'Enter' })
    await sleep(800)
    expect(signed).to.equal(false)
    expect(await textInWallet('#confirm-hint')).to.match(/press Enter again|press Tab until Confirm/)
    await clickInWallet('#cancel')
    expect(await outcome).to.equal('USER_REJECTED')
  })
})
