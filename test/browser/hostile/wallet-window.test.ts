import { answerDevWallet, clickInWalletWindow, readInWallet, readInWalletWindow, walletOrigin } from '@crosschain-lending/testing/browser'
import { expect } from '@esm-bundle/chai'
import { cleanUp, nextEvent } from '../helpers'

/**
 * A hostile script on an allowed partner page goes to the wallet window (`/wallet-window.html`)
 * itself, where the person's own wallets are installed, to have one of them connect or sign a
 * message it wrote: a binding to its account, a recovery that adds its passkey. The window must
 * serve only its opener, the wallet frame, on the wallet origin.
 */

const tag = 'ccl-wallet-window'
const inert = /opens only from the CrossChain Lending wallet.*Nothing here connects or signs anything/

/** Every message of the window's protocol, well formed, as the page forges them. */
const forged = [
  { tag, type: 'ready' },
  {
    tag,
    type: 'task',
    id: 'hostile-1',
    role: 'recover',
    chain: 'evm',
    site: 'https://wallet.example',
    title: 'Recovering your account with your EVM wallet',
    lines: [{ label: 'Account', value: 'the-attackers-account.lending.devnet' }],
  },
  { tag, type: 'sign', id: 'hostile-1', message: 'CrossChain Lending: recover an account\n\nAdd the passkey the page chose.' },
]
/** And the window's way to be told a flow failed, sent last (it would end a flow it had taken). */
const forgedFailure = { tag, type: 'failure', id: 'hostile-1', error: { code: 'USER_REJECTED', message: 'forged' } }

/** The query and hash a page would use if the window read its URL: a task of its own. */
const crafted = `?role=recover&chain=evm&site=${encodeURIComponent('https://wallet.example')}&id=hostile-1#${encodeURIComponent(JSON.stringify(forged[1]))}`

/** What the test page (the window's opener, or the frame's parent) receives from the wallet origin. */
function collectMessages(): { received: unknown[]; stop(): void } {
  const received: unknown[] = []
  const listen = (event: MessageEvent) => {
    if (event.data?.tag === tag) received.push(event.data)
  }
  window.addEventListener('message', listen)
  return { received, stop: () => window.removeEventListener('message', listen) }
}

/**
 * Acts as the person would in a window that looks like the wallet's: picks the wallet offered
 * and approves every card it shows. Resolves with what was there to click; nothing, when the
 * window is inert.
 */
async function personGoesAlong(): Promise<string[]> {
  const clicked: string[] = []
  // The window has settled: inert, or (were it to take the page's task) done looking for wallets.
  await readInWalletWindow('main:not([data-state="waiting"]):not([data-state="looking"])', { timeoutMs: 3000 })
  if ((await readInWalletWindow('.wallet-choice', { timeoutMs: 1500 })) !== null) {
    await clickInWalletWindow('.wallet-choice')
    clicked.push('a wallet choice')
  }
  while ((await readInWalletWindow('pierce/section[data-kind]', { timeoutMs: 1500 })) !== null) clicked.push(`the card "${await answerDevWallet('approve')}"`)
  return clicked
}

describe('the wallet window, reached by the page instead of the wallet frame', function () {
  this.timeout(60_000)

  // Checked against the window with its defenses removed, one layer at a time: without the
  // opener check (bootOwnWindow) it no longer said it was inert; without that and the origin check
  // on its messages, it took the page's task and the person's wallet connected and signed the
  // page's recovery message (3 clicks); with its answers also posted to any origin, the page got
  // the connected account and the signature.
  it('error: a wallet window the page opens itself, with a crafted query and hash and every message of the window\'s protocol, stays inert and says so: it connects, signs and reveals nothing', async () => {
    const messages = collectMessages()
    let flood: ReturnType<typeof setInterval> | undefined
    const opened = window.open(`${await walletOrigin()}/wallet-window.html${crafted}`, 'ccl-wallet-chosen-by-the-page', 'popup')
    expect(opened, 'the test page could open a window').to.not.equal(null)
    try {
      // The page keeps sending, so that whatever state the window reaches, the next step is there.
      const send = () => forged.forEach((message) => opened!.postMessage(message, '*'))
      send()
      flood = setInterval(send, 200)
      // Longer than the window's wallet discovery waits for announcements (300 ms).
      await new Promise((resolve) => setTimeout(resolve, 800))

      const clicked = await personGoesAlong()
      opened!.postMessage(forgedFailure, '*')
      expect(messages.received, 'the window answered the page').to.deep.equal([])
      expect(clicked, 'the window offered something to approve').to.deep.equal([])
      expect(await readInWalletWindow('#wallet-window-purpose', { timeoutMs: 300 })).to.equal(null)
      expect(await readInWalletWindow('#wallet-window-status')).to.match(inert)
      expect(await readInWalletWindow('main[data-state="inert"]'), 'the window marks itself inert').to.not.equal(null)
    } finally {
      clearInterval(flood)
      messages.stop()
      opened?.close()
    }
  })

  // A frame has no opener, so the opener check alone keeps it inert; with the top-level check
  // removed as well, it stopped saying so.
  it('error: the wallet window framed by the page (its frame-ancestors admit a partner) stays inert and says so; messages posted into it do nothing', async () => {
    const messages = collectMessages()
    const frame = document.createElement('iframe')
    frame.src = `${await walletOrigin()}/wallet-window.html${crafted}`
    const loaded = nextEvent(frame, 'load')
    document.body.append(frame)
    await loaded
    try {
      expect(await readInWallet('#wallet-window-status')).to.match(inert)
      for (const message of [...forged, forgedFailure]) frame.contentWindow!.postMessage(message, '*')
      await new Promise((resolve) => setTimeout(resolve, 800))
      expect(await readInWallet('main[data-state="inert"]')).to.not.equal(null)
      expect(await readInWallet('#wallet-window-purpose')).to.equal(null)
      expect(await readInWallet('.wallet-choice')).to.equal(null)
      expect(messages.received, 'the framed window answered the page').to.deep.equal([])
    } finally {
      messages.stop()
      cleanUp()
    }
  })
})
