import { clickInWallet, readInWallet } from '@crosschain-lending/testing/browser'
import { createDevWallet } from '@crosschain-lending/testing/signers'
import { expect } from '@esm-bundle/chai'
import { useVirtualAuthenticator } from '../helpers'
import { bindingWarning, chainView, devConnector, signedUpElement } from './support'

describe('binding, as the host page drives it', function () {
  this.timeout(60_000)
  useVirtualAuthenticator()

  it('behavior: the host can start a binding, but only the person confirms it; cancelling binds nothing', async () => {
    const { element, account } = await signedUpElement()
    element.walletConnector = devConnector(createDevWallet('evm'))
    const attempt = element.bindWallet('evm').catch((error: unknown) => error)
    await clickInWallet('#cancel', { timeoutMs: 10000 })
    expect(((await attempt) as { code?: string }).code).to.equal('USER_REJECTED')
    expect(await chainView<{ bound: boolean }>('get_account', { account_id: account.id })).to.deep.include({ bound: false })
    expect(await readInWallet('#bind-warning')).to.equal(bindingWarning)
  })

  it('error: a page that returns a signature over another message is refused before anything is shown or signed', async () => {
    const { element, account } = await signedUpElement()
    element.walletConnector = devConnector(createDevWallet('evm'), { forge: true })
    let thrown: unknown
    try {
      await element.bindWallet('evm')
    } catch (error) {
      thrown = error
    }
    expect((thrown as { code?: string }).code).to.equal('INVALID_BINDING_PROOF')
    expect(await readInWallet('#confirm')).to.equal(null)
    expect(await chainView<{ bound: boolean }>('get_account', { account_id: account.id })).to.deep.include({ bound: false })
  })
})
