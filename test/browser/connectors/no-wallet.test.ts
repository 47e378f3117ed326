import { clickInWallet } from '@crosschain-lending/testing/browser'
import { expect } from '@esm-bundle/chai'
import { chainView, nextOutcome, useVirtualAuthenticator } from '../helpers'
import { signedUpElement } from '../binding/support'

describe('a page with no wallet for the chain', function () {
  this.timeout(60_000)
  useVirtualAuthenticator()

  for (const [chain, named] of [['evm', /EIP-6963/], ['stellar', /Freighter/]] as const) {
    it(`error: binding a ${chain} wallet says no ${chain} wallet was found and what to install (EXTERNAL_WALLET_NOT_FOUND); nothing is bound`, async () => {
      const { element, account } = await signedUpElement()
      const failed = nextOutcome(element, 'ccl-wallet-bound', 30000).then(
        () => undefined,
        (error: Error) => error.message,
      )
      await clickInWallet(`#bind-${chain}`)
      const message = await failed
      expect(message).to.match(/^EXTERNAL_WALLET_NOT_FOUND: No (EVM|Stellar) wallet was found on this page\. Install or unlock /)
      expect(message).to.match(named)
      expect(await chainView<{ bound: boolean }>('get_account', { account_id: account.id })).to.deep.include({ bound: false })
    })
  }
})
