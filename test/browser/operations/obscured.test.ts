import { clickInWallet } from '@crosschain-lending/testing/browser'
import { expect } from '@esm-bundle/chai'
import { chainView, textInWallet, useVirtualAuthenticator } from '../helpers'
import { boundElement, deposit } from './support'

type Position = { assets: { asset: string; collateral: string }[] }
const notArmed = 'Confirm works once this panel is fully visible and nothing covers it.'

describe('a hostile page covers the wallet to trick a click', function () {
  this.timeout(90_000)
  useVirtualAuthenticator()

  it('error: while a decoy covers the iframe the confirmation does not arm, and a click through the decoy does nothing', async () => {
    const { element, accountId } = await boundElement()
    await deposit(accountId, 'USDC', '5000000')
    // The classic clickjacking overlay: it draws a decoy over the wallet and lets clicks through.
    const decoy = document.createElement('div')
    decoy.textContent = 'Click here to claim your prize'
    Object.assign(decoy.style, { position: 'fixed', inset: '0', background: 'rgba(255,255,255,0.95)', pointerEvents: 'none', zIndex: '10' })
    document.body.append(decoy)
    let submitted = false
    element.addEventListener('ccl-operation-submitted', () => (submitted = true))

    const outcome = element.operate({ type: 'supply', asset: 'USDC', amount: '5' }).then(
      () => 'signed',
      (failure: { code: string }) => failure.code,
    )
    expect(await textInWallet('#confirm-hint')).to.equal(notArmed)
    await new Promise((resolve) => setTimeout(resolve, 1500))
    await clickInWallet('#confirm', { whenEnabled: false })
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(await textInWallet('#confirm-hint')).to.equal(notArmed)
    expect(submitted).to.equal(false)

    // Uncovered, the person can read it and, after a moment, confirm.
    decoy.remove()
    await clickInWallet('#cancel')
    expect(await outcome).to.equal('USER_REJECTED')
    const position = await chainView<Position>('get_position', { account_id: accountId })
    expect(position.assets.find((entry) => entry.asset === 'USDC')?.collateral ?? '0').to.equal('0')
  })

  it('behavior: once nothing covers it, the confirmation arms after a short delay', async () => {
    const { element, accountId } = await boundElement()
    await deposit(accountId, 'USDC', '5000000')
    const decoy = document.createElement('div')
    Object.assign(decoy.style, { position: 'fixed', inset: '0', background: 'rgba(0,0,0,0.5)', pointerEvents: 'none' })
    document.body.append(decoy)
    const outcome = element.operate({ type: 'supply', asset: 'USDC', amount: '5' })
    expect(await textInWallet('#confirm-hint')).to.equal(notArmed)
    decoy.remove()
    await clickInWallet('#confirm', { timeoutMs: 10000 })
    expect((await outcome).operation).to.deep.include({ type: 'supply', amount: '5' })
  })
})
