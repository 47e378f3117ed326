import { addVirtualAuthenticator, clickInWallet, getCredentials, removeVirtualAuthenticator, setUserVerified } from '@crosschain-lending/testing/browser'
import { expect } from '@esm-bundle/chai'
import { chainView, cleanUp, mountConnectedElement, nextEvent, useVirtualAuthenticator } from './helpers'
import { boundElement, deposit } from './operations/support'

type Position = { assets: { asset: string; collateral: string }[] }

/** The next ccl-error's code, after `action`. */
async function errorCodeAfter(element: EventTarget, action: () => Promise<unknown>): Promise<string> {
  const error = nextEvent(element, 'ccl-error', 20000)
  await action()
  return (await error).detail.code
}

describe('passkey prompts the person declines or cannot pass', function () {
  this.timeout(90_000)

  describe('on an authenticator where the person declines', () => {
    let authenticatorId: string | undefined
    afterEach(async () => {
      cleanUp()
      if (authenticatorId) await removeVirtualAuthenticator(authenticatorId)
      authenticatorId = undefined
    })

    it('error: a passkey prompt the person gives up on is cancelled from the wallet: PASSKEY_CANCELLED, no credential, no account', async () => {
      // The authenticator never answers, like a phone that was never unlocked.
      authenticatorId = await addVirtualAuthenticator({ automaticPresenceSimulation: false })
      const element = await mountConnectedElement()
      await clickInWallet('#create-account')
      expect(await errorCodeAfter(element, () => clickInWallet('#cancel-passkey'))).to.equal('PASSKEY_CANCELLED')
      expect(await getCredentials(authenticatorId)).to.deep.equal([])
      expect(element.walletState).to.deep.include({ status: 'signed-out' })
    })

    it('error: user verification that fails at creation (UV not performed) creates nothing', async () => {
      authenticatorId = await addVirtualAuthenticator({ isUserVerified: false })
      const element = await mountConnectedElement()
      expect(await errorCodeAfter(element, () => clickInWallet('#create-account'))).to.equal('PASSKEY_CANCELLED')
      expect(await getCredentials(authenticatorId)).to.deep.equal([])
    })
  })

  describe('on an authenticator whose user verification stops passing', () => {
    const authenticator = useVirtualAuthenticator()

    it('error: an operation confirmed while UV fails is not signed or sent; once UV passes, the same request shape goes through', async () => {
      const { element, accountId } = await boundElement()
      await deposit(accountId, 'USDC', '2000000')
      const [before] = await getCredentials(authenticator())
      await setUserVerified(authenticator(), false)

      const refused = element.operate({ type: 'supply', asset: 'USDC', amount: '2' }).then(
        () => 'signed',
        (failure: { code: string }) => failure.code,
      )
      await clickInWallet('#confirm', { timeoutMs: 15000 })
      expect(await refused).to.equal('PASSKEY_CANCELLED')
      const [after] = await getCredentials(authenticator())
      expect(after!.signCount).to.equal(before!.signCount)
      const position = await chainView<Position>('get_position', { account_id: accountId })
      expect(position.assets.find((entry) => entry.asset === 'USDC')?.collateral ?? '0').to.equal('0')

      await setUserVerified(authenticator(), true)
      const retried = element.operate({ type: 'supply', asset: 'USDC', amount: '2' })
      await clickInWallet('#confirm', { timeoutMs: 15000 })
      expect((await retried).operation).to.deep.include({ type: 'supply', amount: '2' })
    })
  })
})
