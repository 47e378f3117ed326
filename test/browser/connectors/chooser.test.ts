import { answerDevWallet, clickInWallet, clickOnPage } from '@crosschain-lending/testing/browser'
import { askPerson, installEvmDevWallet, openAsks } from '@crosschain-lending/testing/dev-wallets'
import { expect } from '@esm-bundle/chai'
import { sendKeys } from '@web/test-runner-commands'
import { chainView, nextOutcome, useVirtualAuthenticator, waitFor } from '../helpers'
import { signedUpElement } from '../binding/support'

describe('several wallets of one chain on the page', function () {
  this.timeout(60_000)
  useVirtualAuthenticator()
  installEvmDevWallet({ name: 'First EVM Wallet' })
  const second = installEvmDevWallet({ name: 'Second EVM Wallet' })

  it('behavior: the element asks which one; the one chosen connects, signs and is bound', async () => {
    const { element, account } = await signedUpElement()
    const bound = nextOutcome(element, 'ccl-wallet-bound', 30000)
    bound.catch(() => undefined)
    await clickInWallet('#bind-evm')

    const chooser = () => element.shadowRoot!.querySelector('[part="wallet-chooser"]')
    await waitFor(() => chooser() !== null, 'the element shows its wallet chooser')
    expect(chooser()!.getAttribute('role')).to.equal('dialog')
    const choices = [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="wallet-choice"]')]
    expect(choices.map((choice) => choice.textContent!.trim())).to.deep.equal(['First EVM Wallet', 'Second EVM Wallet'])
    // The first choice has focus, so a keyboard user starts in the list.
    expect(element.shadowRoot!.activeElement).to.equal(choices[0])
    await clickOnPage(choices[1]!)

    expect(await answerDevWallet('approve')).to.include('Second EVM Wallet')
    expect(await answerDevWallet('approve')).to.include(account.id)
    await clickInWallet('#confirm', { timeoutMs: 15000 })
    expect((await bound).detail.wallet).to.deep.equal({ chain: 'evm', address: second.address })
    expect(chooser()).to.equal(null)
  })

  it('error: Escape in the chooser picks no wallet: USER_REJECTED, nothing asked of any wallet, nothing bound', async () => {
    const { element, account } = await signedUpElement()
    const failed = nextOutcome(element, 'ccl-wallet-bound', 30000).then(
      () => undefined,
      (error: Error) => error.message,
    )
    await clickInWallet('#bind-evm')
    await waitFor(() => element.shadowRoot!.querySelector('[part="wallet-choice"]') !== null, 'the element shows its wallet chooser')
    await new Promise((resolve) => setTimeout(resolve, 200)) // focus comes back from the wallet frame asynchronously
    await sendKeys({ press: 'Escape' })
    expect(await failed).to.match(/^USER_REJECTED: /)
    expect(openAsks()).to.have.length(0)
    expect(await chainView<{ bound: boolean }>('get_account', { account_id: account.id })).to.deep.include({ bound: false })
  })

  it('error: moving the element while its chooser is open closes the chooser; the element reconnects and asks afresh', async () => {
    const { element } = await signedUpElement()
    await clickInWallet('#bind-evm')
    const chooser = () => element.shadowRoot!.querySelector('[part="wallet-chooser"]')
    await waitFor(() => chooser() !== null, 'the element shows its wallet chooser')
    // Re-attached elsewhere (a framework re-rendering the page does this): a new wallet frame, a new connection.
    document.body.append(element)
    await element.updateComplete
    expect(chooser()).to.equal(null)
    await waitFor(() => element.status === 'ready', 'the element reconnects to the wallet')
    expect(openAsks()).to.have.length(0)
  })

  it('behavior: a development wallet ignores a script clicking its buttons; only a real click answers', async () => {
    const answer = askPerson({ wallet: 'First EVM Wallet', kind: 'sign', address: '0x0', message: 'hello' })
    let settled = false
    void answer.then(() => (settled = true))
    const card = openAsks()[0]!
    card.querySelector<HTMLButtonElement>('button[data-action="approve"]')!.click()
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(settled).to.equal(false)
    expect(await answerDevWallet('approve')).to.include('hello')
    expect(await answer).to.equal(true)
  })
})
