import type { WalletChain } from '@crosschain-lending/protocol'
import { answerDevWallet, clickInWallet } from '@crosschain-lending/testing/browser'
import { installEvmDevWallet, installNearDevWallet, installSolanaDevWallet, installStellarDevWallet, openAsks } from '@crosschain-lending/testing/dev-wallets'
import { expect } from '@esm-bundle/chai'
import { chainView, nextOutcome, useVirtualAuthenticator, waitFor } from '../helpers'
import { signedUpElement } from '../binding/support'

export const installers = {
  evm: installEvmDevWallet,
  solana: installSolanaDevWallet,
  near: installNearDevWallet,
  stellar: installStellarDevWallet,
} satisfies Record<WalletChain, (options?: { name?: string }) => { address: string }>

/** What the page's injected-wallet connector must do for `chain`, with that chain's development wallet installed as an extension would be. */
export function connectorBehaviour(chain: WalletChain, standard: string): void {
  describe(`the ${chain} connector (${standard})`, function () {
    this.timeout(60_000)
    useVirtualAuthenticator()
    const wallet = installers[chain]()

    it(`behavior: with no walletConnector set, the element finds the ${chain} wallet on the page, which connects and signs only after a click; the chain binds it`, async () => {
      const { element, account } = await signedUpElement()
      const bound = nextOutcome(element, 'ccl-wallet-bound', 30000)
      bound.catch(() => undefined)
      await clickInWallet(`#bind-${chain}`)

      const connectCard = await answerDevWallet('approve')
      expect(connectCard).to.include(`${location.origin} asks to connect to ${wallet.address}`)
      // The wallet shows exactly what it signs: the binding message names the account and the site.
      const signCard = await answerDevWallet('approve')
      expect(signCard).to.include(account.id)
      expect(signCard).to.include(location.origin)

      await clickInWallet('#confirm', { timeoutMs: 15000 })
      expect((await bound).detail.wallet).to.deep.equal({ chain, address: wallet.address })
      expect(await chainView<{ id: string }>('get_account_by_wallet', { chain, address: wallet.address })).to.deep.include({ id: account.id, bound: true })
    })

    it(`error: rejecting in the ${chain} wallet reports USER_REJECTED and binds nothing`, async () => {
      const { element, account } = await signedUpElement()
      const failed = nextOutcome(element, 'ccl-wallet-bound', 30000).then(
        () => undefined,
        (error: Error) => error.message,
      )
      await clickInWallet(`#bind-${chain}`)
      // Connected earlier in this page: the wallet goes straight to the signature.
      const card = await answerDevWallet('reject')
      expect(card).to.include(account.id)
      expect(await failed).to.match(/^USER_REJECTED: /)
      expect(await chainView<{ bound: boolean }>('get_account', { account_id: account.id })).to.deep.include({ bound: false })
      await waitFor(() => openAsks().length === 0, 'no card is left open')
    })
  })
}
