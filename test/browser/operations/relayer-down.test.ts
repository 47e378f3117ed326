import { controlEnvironment, getCredentials, readInWallet } from '@crosschain-lending/testing/browser'
import { expect } from '@esm-bundle/chai'
import { chainView, cleanUp, mountConnectedElement, nextEvent, textInWallet, useVirtualAuthenticator } from '../helpers'
import { approveOperationStart, boundElement, deposit } from './support'

type Position = { assets: { asset: string; collateral: string }[] }

describe('the relayer goes down after the passkey signed', function () {
  this.timeout(120_000)
  const authenticator = useVirtualAuthenticator()

  afterEach(() => controlEnvironment('relayer:start'))

  it('behavior: the signed request is kept and retried; the person sees it pending; it lands once the relayer is back, signed once', async () => {
    const { element, accountId } = await boundElement()
    await deposit(accountId, 'USDC', '50000000')
    const [credential] = await getCredentials(authenticator())
    const signCountBefore = credential!.signCount

    await controlEnvironment('relayer:stop')
    const pending = nextEvent(element, 'ccl-operation-pending', 30000)
    const final = nextEvent(element, 'ccl-operation-final', 60000)
    const receipt = approveOperationStart(element, { type: 'supply', asset: 'USDC', amount: '50' })
    const { detail } = await pending
    expect(detail.operation).to.deep.equal({ type: 'supply', asset: 'USDC', amount: '50', collateral: true })
    expect(detail.retryUntil).to.be.greaterThan(Date.now())
    expect(await textInWallet('#operation-status')).to.contain('signed and waiting')

    // Another operation meanwhile is refused: one signed request in flight at a time.
    const second = await element.operate({ type: 'supply', asset: 'USDC', amount: '1' }).then(
      () => 'signed',
      (failure: { code: string }) => failure.code,
    )
    expect(second).to.equal('OPERATION_PENDING')

    await controlEnvironment('relayer:start')
    const { detail: landed } = await final
    expect(landed.requestId).to.equal(detail.requestId)
    expect((await receipt).requestId).to.equal(detail.requestId)
    const position = await chainView<Position>('get_position', { account_id: accountId })
    // Pool shares round in the pool's favor: what comes back may be a unit short.
    expect(Number(position.assets.find((entry) => entry.asset === 'USDC')?.collateral)).to.be.within(49_999_990, 50_000_000)
    expect(await readInWallet('#operation-status')).to.equal(null)
    // One assertion for one operation: the retries resent the same signature.
    const [after] = await getCredentials(authenticator())
    expect(after!.signCount).to.equal(signCountBefore + 1)
  })

  it('behavior: a reload while it is pending loses nothing: the wallet finishes the signed request on its next load', async () => {
    const { element, accountId } = await boundElement()
    await deposit(accountId, 'USDC', '7000000')
    await controlEnvironment('relayer:stop')
    const pending = nextEvent(element, 'ccl-operation-pending', 30000)
    void approveOperationStart(element, { type: 'supply', asset: 'USDC', amount: '7' }).catch(() => undefined)
    const { detail } = await pending

    // The page goes away with the request still waiting; a later visit to the same site.
    cleanUp()
    const later = await mountConnectedElement()
    const final = nextEvent(later, 'ccl-operation-final', 60000)
    await controlEnvironment('relayer:start')
    const { detail: receipt } = await final
    expect(receipt.requestId).to.equal(detail.requestId)
    expect(receipt.operation).to.deep.equal({ type: 'supply', asset: 'USDC', amount: '7', collateral: true })
    const position = await chainView<Position>('get_position', { account_id: accountId })
    expect(Number(position.assets.find((entry) => entry.asset === 'USDC')?.collateral)).to.be.within(6_999_990, 7_000_000)
  })
})
