import type { CrossChainLending } from '@crosschain-lending/widget'
import { boxInWallet, clickInWallet } from '@crosschain-lending/testing/browser'
import { sendMouse } from '@web/test-runner-commands'
import { expect } from '@esm-bundle/chai'
import { cleanUp, textInWallet, textInWalletMatching, useVirtualAuthenticator } from '../helpers'
import { boundElement, deposit } from './support'

/**
 * Clickjacking that IntersectionObserver v2 does not see (issue 14, item 6). The test page is the
 * hostile host: it zooms the element, slides the wallet under the pointer, or swaps a bait for the
 * wallet while the person clicks, all with real (trusted) pointer input.
 */
const armedHint = /passkey will ask you to confirm/
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const centre = (box: { x: number; y: number; width: number; height: number }) => [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] as [number, number]

/** A person's pointer gliding from `from` to `to` in steps, as a hand moves. */
async function glide(from: [number, number], to: [number, number], steps = 8) {
  for (let i = 1; i <= steps; i++) {
    await sendMouse({ type: 'move', position: [Math.round(from[0] + ((to[0] - from[0]) * i) / steps), Math.round(from[1] + ((to[1] - from[1]) * i) / steps)] })
    await sleep(16)
  }
}

/** A Supply confirmation open in the wallet, armed, with a watch on whether anything got signed. */
async function armedSupply() {
  const { element, accountId } = await boundElement()
  await deposit(accountId, 'USDC', '5000000')
  const signed = { value: false }
  element.addEventListener('ccl-operation-submitted', () => (signed.value = true))
  const outcome = element.operate({ type: 'supply', asset: 'USDC', amount: '5' }).then(
    () => 'signed',
    (failure: { code: string }) => failure.code,
  )
  await textInWalletMatching('#confirm-hint', armedHint)
  return { element, signed, outcome }
}

/** The element pinned at a place on the page, so the page can move it at will. */
function pin(element: CrossChainLending, left: number, top: number) {
  Object.assign(element.style, { position: 'fixed', left: `${left}px`, top: `${top}px`, width: '360px', zIndex: '5' })
}

/** A bait button drawn by the page. */
function bait(left: number, top: number) {
  const button = document.createElement('button')
  button.textContent = 'Claim your prize'
  Object.assign(button.style, { position: 'fixed', left: `${left}px`, top: `${top}px`, width: '200px', height: '48px', zIndex: '1' })
  document.body.append(button)
  return button
}

async function cancelAndCheckNothingSigned(element: CrossChainLending, signed: { value: boolean }, outcome: Promise<string>) {
  element.style.cssText = ''
  await clickInWallet('#cancel', { timeoutMs: 10_000 })
  expect(await outcome).to.equal('USER_REJECTED')
  expect(signed.value, 'nothing was signed').to.equal(false)
}

describe('a hostile page tricks a click past what IntersectionObserver v2 sees', function () {
  this.timeout(120_000)
  useVirtualAuthenticator()
  afterEach(async () => {
    await sendMouse({ type: 'move', position: [0, 0] })
    cleanUp()
  })

  it('error: CSS zoom 0.3 on the element (text about 4 px) disarms Confirm, and an aimed click does nothing', async () => {
    const { element, signed, outcome } = await armedSupply()
    element.style.zoom = '0.3'
    await sleep(1200)
    const box = (await boxInWallet('#confirm'))!
    const target = centre(box)
    await glide([target[0], Math.round(box.y - 3)], target, 3)
    await sleep(100)
    await sendMouse({ type: 'click', position: target })
    await sleep(700)
    expect(signed.value).to.equal(false)
    expect(await textInWallet('#confirm-hint')).to.match(/normal size/)
    element.style.zoom = ''
    await cancelAndCheckNothingSigned(element, signed, outcome)
  })

  it('error: the page slides the armed wallet under the pointer as it enters a bait; the click on the bait confirms nothing', async () => {
    const { element, signed, outcome } = await armedSupply()
    pin(element, 10, 10)
    await sleep(1000)
    const frame = element.shadowRoot!.querySelector('iframe')!.getBoundingClientRect()
    const confirm = (await boxInWallet('#confirm'))!
    const offset = [confirm.x + confirm.width / 2 - frame.x, confirm.y + confirm.height / 2 - frame.y]
    await textInWalletMatching('#confirm-hint', armedHint)
    const decoy = bait(420, 420)
    decoy.addEventListener('pointerenter', (event) => {
      // As the pointer arrives, Confirm is put exactly under it.
      const host = element.getBoundingClientRect()
      pin(element, event.clientX - offset[0]! - (frame.x - host.x), event.clientY - offset[1]! - (frame.y - host.y))
    })
    const onBait = centre(decoy.getBoundingClientRect())
    await glide([790, 590], [onBait[0] - 40, onBait[1]], 10)
    await glide([onBait[0] - 40, onBait[1]], onBait, 4)
    await sleep(150)
    await sendMouse({ type: 'click', position: onBait })
    await sleep(300)
    await sendMouse({ type: 'click', position: onBait })
    await sleep(700)
    expect(signed.value).to.equal(false)
    await cancelAndCheckNothingSigned(element, signed, outcome)
  })

  it('error: a person clicking fast on a bait that is then replaced by the armed wallet confirms nothing, at any click', async () => {
    const { element, signed, outcome } = await armedSupply()
    pin(element, 10, 10)
    await sleep(1000)
    const frame = element.shadowRoot!.querySelector('iframe')!.getBoundingClientRect()
    const confirm = (await boxInWallet('#confirm'))!
    const decoy = bait(420, 420)
    const onBait = centre(decoy.getBoundingClientRect())
    let clicks = 0
    decoy.addEventListener('click', () => {
      clicks++
      // After the fourth click the bait is gone and Confirm sits where it was.
      if (clicks === 4) {
        const host = element.getBoundingClientRect()
        pin(element, onBait[0] - (confirm.x + confirm.width / 2 - frame.x) - (frame.x - host.x), onBait[1] - (confirm.y + confirm.height / 2 - frame.y) - (frame.y - host.y))
        decoy.remove()
      }
    })
    await glide([790, 590], onBait, 6)
    for (let i = 0; i < 10; i++) {
      await sendMouse({ type: 'click', position: onBait })
      await sleep(110)
    }
    await sleep(700)
    expect(clicks).to.equal(4)
    expect(signed.value).to.equal(false)
    await cancelAndCheckNothingSigned(element, signed, outcome)
  })

  it('behavior: a person who moves onto Confirm after it armed and clicks it confirms', async () => {
    const { signed, outcome } = await armedSupply()
    await clickInWallet('#confirm', { timeoutMs: 10_000 })
    expect(await outcome).to.equal('signed')
    expect(signed.value).to.equal(true)
  })
})
