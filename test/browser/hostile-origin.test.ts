import { walletFrames, walletOrigin } from '@crosschain-lending/testing/browser'
import { expect } from '@esm-bundle/chai'
import { cleanUp, mountConnectedElement } from './helpers'

type HostileResult = { type: 'hostile-result'; mode: string; handshake: string; replies: number }

/** Loads the hostile fixture in a frame on `frameOrigin` and waits for its report. */
async function runHostileFrame(frameOrigin: string, mode: 'sibling' | 'embed'): Promise<HostileResult> {
  const wallet = await walletOrigin()
  const frame = document.createElement('iframe')
  const result = new Promise<HostileResult>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the hostile frame never reported')), 15000)
    window.addEventListener('message', function listener(event) {
      if (event.source !== frame.contentWindow || event.data?.type !== 'hostile-result') return
      clearTimeout(timer)
      window.removeEventListener('message', listener)
      resolve(event.data as HostileResult)
    })
  })
  frame.src = `${frameOrigin}/test/fixtures/hostile-frame.html?mode=${mode}&wallet=${encodeURIComponent(wallet)}`
  document.body.append(frame)
  return result
}

/**
 * Embeds the wallet in the page's light DOM, as a partner page could, so frames beside it can
 * reach its window through `parent.frames`. (Inside the element's shadow root the wallet frame
 * is not listed in `window.frames` at all, which already keeps sibling frames from finding it.)
 */
async function embedWalletInLightDom(): Promise<void> {
  const origin = await walletOrigin()
  const iframe = document.createElement('iframe')
  iframe.src = `${origin}/`
  document.body.append(iframe)
  await new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }))
}

async function droppedByTopWallet(): Promise<number> {
  const origin = await walletOrigin()
  const [wallet] = (await walletFrames()).filter((frame) => frame.url.startsWith(origin) && frame.parentUrl === location.href)
  expect(wallet, 'the wallet frame of this page').to.not.equal(undefined)
  expect(wallet!.ready).to.equal(true)
  return wallet!.droppedMessages
}

describe('hostile origins and the wallet', () => {
  afterEach(cleanUp)

  const thirdOrigin = () => `http://evil.localhost:${location.port}`

  it('error: a frame on a third origin beside the wallet cannot complete a penpal handshake, and the wallet ignores its messages', async () => {
    await embedWalletInLightDom()
    const result = await runHostileFrame(thirdOrigin(), 'sibling')

    expect(result.handshake).to.equal('CONNECTION_TIMEOUT')
    expect(result.replies).to.equal(0)
    // The forged call and every handshake attempt were dropped by the wallet's gate.
    expect(await droppedByTopWallet()).to.be.greaterThan(1)
  })

  it('error: a frame on the allowed origin that is not the wallet\'s parent is ignored too', async () => {
    await embedWalletInLightDom()
    const result = await runHostileFrame(location.origin, 'sibling')

    expect(result.handshake).to.equal('CONNECTION_TIMEOUT')
    expect(result.replies).to.equal(0)
    expect(await droppedByTopWallet()).to.be.greaterThan(1)
  })

  it('behavior: the element keeps working while a hostile frame on the page probes the wallet', async () => {
    const element = await mountConnectedElement()
    const result = await runHostileFrame(thirdOrigin(), 'sibling')
    // Inside the element's shadow root the wallet is not even reachable through parent.frames.
    expect(result.handshake).to.not.equal('connected')
    expect(result.replies).to.equal(0)
    expect(element.status).to.equal('ready')
  })

  it('error: a page on a third origin that embeds the wallet is refused by frame-ancestors and gets no handshake', async () => {
    const result = await runHostileFrame(thirdOrigin(), 'embed')

    expect(result.handshake).to.equal('CONNECTION_TIMEOUT')
    expect(result.replies).to.equal(0)
    const embedded = (await walletFrames()).filter((frame) => frame.parentUrl?.startsWith(thirdOrigin()))
    expect(embedded).to.have.length(1)
    // The browser blocked the document (frame-ancestors), so the wallet never booted there.
    expect(embedded[0]!.url.startsWith(await walletOrigin())).to.equal(false)
    expect(embedded[0]!.ready).to.equal(false)
  })
})
