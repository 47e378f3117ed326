import { clickOnPage } from '@crosschain-lending/testing/browser'
import { askPerson, openAsks } from '@crosschain-lending/testing/dev-wallets'
import { expect } from '@esm-bundle/chai'

describe('a development wallet\'s approval card', () => {
  it('behavior: a development wallet ignores a script clicking its buttons; only a real click answers', async () => {
    const answer = askPerson({ wallet: 'First EVM Wallet', kind: 'sign', address: '0x0', message: 'hello' })
    let settled = false
    void answer.then(() => (settled = true))
    const card = openAsks()[0]!
    const approve = card.querySelector<HTMLButtonElement>('button[data-action="approve"]')!
    approve.click()
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(settled).to.equal(false)
    expect(card.innerText).to.include('hello')
    await clickOnPage(approve)
    expect(await answer).to.equal(true)
  })
})
