import { clickInWallet, readInWallet } from '@crosschain-lending/testing/browser'
import { expect } from '@esm-bundle/chai'
import { cleanUp, textInWallet, useVirtualAuthenticator } from '../helpers'
import { boundElement, deposit } from './support'

describe('a hostile page opens confirmation after confirmation', function () {
  this.timeout(90_000)
  useVirtualAuthenticator()
  afterEach(cleanUp)

  it('error: after the person cancels 3 within a minute, the next one the page asks for is refused with CONFIRMATIONS_PAUSED and nothing opens', async () => {
    const { element, accountId } = await boundElement()
    await deposit(accountId, 'USDC', '5000000')
    const supply = () =>
      element.operate({ type: 'supply', asset: 'USDC', amount: '5' }).then(
        () => 'signed',
        (failure: { code: string; message: string }) => failure,
      )
    for (let i = 0; i < 3; i++) {
      const outcome = supply()
      await textInWallet('#confirm-title')
      await clickInWallet('#cancel')
      expect(await outcome).to.deep.include({ code: 'USER_REJECTED' })
    }
    const refused = (await supply()) as { code: string; message: string }
    expect(refused.code).to.equal('CONFIRMATIONS_PAUSED')
    expect(refused.message).to.match(/not opening confirmations this page asks for, for \d+ s/)
    expect(await readInWallet('#confirm-title'), 'no confirmation opened').to.equal(null)
  })
})
