import type { WalletChain } from '@crosschain-lending/protocol'
import { answerDevWallet, approveInWallet, clickInWallet, walletOrigin, walletWindowOpen } from '@crosschain-lending/testing/browser'
import { expect } from '@esm-bundle/chai'
import { chainView, nextOutcome, useVirtualAuthenticator } from '../helpers'
import { connectInWindow, signedUpElement, windowWallet } from '../binding/support'

/**
 * What the wallet window must do for `chain`: find that chain's wallet the way its ecosystem
 * announces it (the wallet window's connectors, on the wallet origin), connect and
 * sign only after the person's clicks there, with the wallet origin named as the site asking.
 */
export function connectorBehaviour(chain: WalletChain, standard: string): void {
  describe(`the ${chain} wallet in the wallet window (${standard})`, function () {
    this.timeout(60_000)
    useVirtualAuthenticator()

    it(`behavior: the wallet window finds the ${chain} wallet installed as an extension would be; it connects and signs only after clicks there; the chain binds it`, async () => {
      const { element, account } = await signedUpElement()
      const wallet = await windowWallet(chain)
      const bound = nextOutcome(element, 'ccl-wallet-bound', 30000)
      bound.catch(() => undefined)
      await clickInWallet(`#bind-${chain}`)

      // The wallet sees the wallet origin asking, not the partner page.
      const connectCard = await connectInWindow()
      expect(connectCard).to.include(`${await walletOrigin()} asks to connect to ${wallet.address}`)
      // The wallet shows exactly what it signs: the binding message names the account and the site.
      const signCard = await answerDevWallet('approve')
      expect(signCard).to.include(account.id)
      expect(signCard).to.include(location.origin)

      await approveInWallet()
      expect((await bound).detail.wallet).to.deep.equal({ chain, address: wallet.address })
      expect(await chainView<{ id: string }>('get_account_by_wallet', { chain, address: wallet.address })).to.deep.include({ id: account.id, bound: true })
    })

    it(`error: rejecting in the ${chain} wallet reports USER_REJECTED and binds nothing`, async () => {
      const { element, account } = await signedUpElement()
      await windowWallet(chain)
      const failed = nextOutcome(element, 'ccl-wallet-bound', 30000).then(
        () => undefined,
        (error: Error) => error.message,
      )
      await clickInWallet(`#bind-${chain}`)
      await connectInWindow()
      const card = await answerDevWallet('reject')
      expect(card).to.include(account.id)
      expect(await failed).to.match(/^USER_REJECTED: /)
      expect(await chainView<{ bound: boolean }>('get_account', { account_id: account.id })).to.deep.include({ bound: false })
      // The frame closes the window once the flow ends.
      for (let i = 0; i < 40 && (await walletWindowOpen()); i++) await new Promise((resolve) => setTimeout(resolve, 50))
      expect(await walletWindowOpen()).to.equal(false)
    })
  })
}
