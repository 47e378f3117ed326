import type { CrossChainLending } from '@crosschain-lending/widget'
import {
  answerDevWallet,
  approveInWallet,
  boxInWallet,
  clickInPasskeyWindow,
  getCredentials,
  readInPasskeyWindow,
  readInWallet,
  readInWalletWindow,
  screenshot,
} from '@crosschain-lending/testing/browser'
import { sendMouse } from '@web/test-runner-commands'
import { expect } from '@esm-bundle/chai'
import { connectInWindow } from '../binding/support'
import { chainView, cleanUp, nextOutcome, textInWalletMatching, useVirtualAuthenticator } from '../helpers'
import { approveOperation, boundElement, deposit, devRpc } from '../operations/support'

/**
 * Issue 14's last open attack, as a hostile page on an allowed origin does it: `mask-image`
 * makes the wallet iframe wholly transparent, which IntersectionObserver v2 still reports as
 * visible (docs/security.md#what-the-wallet-frame-cannot-observe), and a bait is drawn exactly
 * under the wallet's Confirm. The person aims at the bait; their real click lands on Confirm.
 * The wallet's policy approves a Borrow in the passkey window and a removal in the wallet window,
 * top-level pages of the wallet origin the page cannot mask: that click only opens the window.
 */
type Ledger = { totals: Record<string, string> }
type Position = { assets: { asset: string; balance: string; collateral: string; borrowed: string }[] }
/** The hint of an armed Confirm, whichever window (if any) the step is approved in. */
const armed = /shows all of this again|passkey will ask you to confirm/
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const centre = (box: { x: number; y: number; width: number; height: number }) => [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] as [number, number]

/** The page's attack: the wallet fully transparent, a bait exactly where its Confirm is. */
async function maskWithBait(element: CrossChainLending): Promise<HTMLButtonElement> {
  const confirm = (await boxInWallet('#confirm'))!
  const bait = document.createElement('button')
  bait.textContent = 'Claim your 50 USDC prize'
  Object.assign(bait.style, { position: 'fixed', left: `${confirm.x}px`, top: `${confirm.y}px`, width: `${confirm.width}px`, height: `${confirm.height}px`, zIndex: '-1' })
  document.body.append(bait)
  for (const property of ['mask-image', '-webkit-mask-image']) element.style.setProperty(property, 'linear-gradient(transparent, transparent)')
  await sleep(800)
  return bait
}

/** A person's hand: into the page beside the bait, onto it in steps, a moment's rest, the click. */
async function clickTheBait(bait: HTMLButtonElement): Promise<void> {
  const [x, y] = centre(bait.getBoundingClientRect())
  await sendMouse({ type: 'move', position: [x, y - 40] })
  for (let step = 1; step <= 6; step++) {
    await sendMouse({ type: 'move', position: [x, Math.round(y - 40 + (40 * step) / 6)] })
    await sleep(16)
  }
  await sleep(120)
  await sendMouse({ type: 'click', position: [x, y] })
}

describe('a hostile page masks the wallet (mask-image) and lays a bait under Confirm', function () {
  this.timeout(180_000)
  const authenticator = useVirtualAuthenticator()
  const signCount = async () => (await getCredentials(authenticator()))[0]!.signCount
  afterEach(async () => {
    await sendMouse({ type: 'move', position: [0, 0] })
    cleanUp()
  })

  it('error: the click on the bait for a Borrow signs and sends nothing: it opens the passkey window, and the Borrow lands only after the window\'s own Confirm', async () => {
    const { element, accountId, wallet } = await boundElement()
    await deposit(accountId, 'USDC', '600000000')
    await approveOperation(element, { type: 'supply', asset: 'USDC', amount: '600' })
    const submitted: string[] = []
    element.addEventListener('ccl-operation-submitted', (event) => submitted.push((event as CustomEvent<{ requestId: string }>).detail.requestId))
    const final = nextOutcome(element, 'ccl-operation-final', 60_000)
    final.catch(() => undefined)
    void element.operate({ type: 'borrow', asset: 'USDC', amount: '10' }).catch(() => undefined)
    // Armed, as IntersectionObserver v2 sees it: the panel is visible, and stays "visible" under the mask.
    await textInWalletMatching('#confirm-hint', armed)
    const countBefore = await signCount()
    const historyBefore = await chainView<unknown[]>('get_account_requests', { account_id: accountId, limit: 20 })
    const ledgerBefore = (await devRpc<Ledger>('dev_ledger', { chain: 'evm', address: wallet.address })).totals.USDC

    const bait = await maskWithBait(element)
    await clickTheBait(bait)
    await screenshot('masked-borrow-frame-while-window-open')

    await sleep(3000)
    expect(submitted, 'nothing was submitted from the click on the bait').to.deep.equal([])
    expect(await signCount(), 'the passkey signed nothing').to.equal(countBefore)
    expect((await devRpc<Ledger>('dev_ledger', { chain: 'evm', address: wallet.address })).totals.USDC).to.equal(ledgerBefore)
    expect(await chainView<unknown[]>('get_account_requests', { account_id: accountId, limit: 20 }), 'the chain ran no request from the click').to.have.length(historyBefore.length)
    // The click did reach the masked wallet: the window it opened shows the whole Borrow.
    expect(await readInPasskeyWindow('#passkey-purpose', { timeoutMs: 10_000 })).to.equal('Borrow 10 USDC')
    expect(await readInPasskeyWindow('.confirmation-facts')).to.contain(`EVM ${wallet.address} (your bound wallet)`)
    await screenshot('passkey-window-borrow', [375, 1280], { window: 'passkey' })

    // The person reads it in the window, which the page cannot mask, and confirms there.
    element.style.removeProperty('mask-image')
    element.style.removeProperty('-webkit-mask-image')
    // What the panel shows meanwhile (the mask gone, so it can be seen): the window holds the
    // confirmation, and the panel's own button cancels the request (closing that window), not a browser prompt.
    expect(await readInWallet('#window-status')).to.contain('Review “Borrow 10 USDC” in the wallet’s window')
    expect(await readInWallet('#cancel-passkey')).to.equal('Cancel this request')
    await screenshot('frame-while-passkey-window-confirms')
    await clickInPasskeyWindow()
    const receipt = (await final).detail
    expect(receipt.operation).to.deep.include({ type: 'borrow', amount: '10' })
    expect(submitted).to.deep.equal([receipt.requestId])
    expect(await signCount()).to.equal(countBefore + 1)
    expect(BigInt((await devRpc<Ledger>('dev_ledger', { chain: 'evm', address: wallet.address })).totals.USDC ?? '0') - BigInt(ledgerBefore ?? '0')).to.equal(10_000_000n)
  })

  it('error: the click on the bait for a wallet removal removes nothing: it opens the wallet window, which shows the whole removal; only the bound wallet\'s signature there removes it', async () => {
    const { element, accountId, wallet } = await boundElement()
    const removed = element.removeAccess({ wallet: { chain: 'evm', address: wallet.address } }).then(
      () => 'removed',
      (failure: { code: string }) => failure.code,
    )
    await textInWalletMatching('#confirm-hint', armed)
    expect(await readInWallet('section.confirmation #approves-in')).to.contain('opens next')

    const bait = await maskWithBait(element)
    await clickTheBait(bait)

    expect(await readInWalletWindow('#wallet-window-confirmation', { timeoutMs: 10_000 })).to.equal('Remove access to your account')
    expect(await readInWalletWindow('#wallet-window-facts')).to.contain(`the EVM wallet ${wallet.address}`)
    await screenshot('masked-removal-frame-while-window-open')
    await screenshot('wallet-window-removal', [375, 1280], { window: 'wallet' })
    await sleep(1500)
    const stillBound = await chainView<{ wallets: { address: string }[] }>('get_account', { account_id: accountId })
    expect(stillBound.wallets.map(({ address }) => address), 'nothing was removed by the click on the bait').to.deep.equal([wallet.address])

    element.style.removeProperty('mask-image')
    element.style.removeProperty('-webkit-mask-image')
    await connectInWindow()
    await answerDevWallet('approve')
    expect(await removed).to.equal('removed')
    expect((await chainView<{ wallets: unknown[] }>('get_account', { account_id: accountId })).wallets).to.deep.equal([])
  })

  // The residual risk docs/security.md names for what stays on the panel: the masked click does
  // confirm a Supply (this test pins that down rather than hiding it), and all it can do is move the
  // person's own balance into the pool. Nothing leaves the account, no one gains a way in.
  it('behavior: the click on the bait for a Supply confirms it on the panel, and that is all it achieves: the person\'s balance moves into the pool, nothing is sent out, no control method changes', async () => {
    const { element, accountId, wallet } = await boundElement()
    await deposit(accountId, 'USDC', '600000000')
    const accountBefore = await chainView<unknown>('get_account', { account_id: accountId })
    const ledgerBefore = (await devRpc<Ledger>('dev_ledger', { chain: 'evm', address: wallet.address })).totals.USDC
    const final = nextOutcome(element, 'ccl-operation-final', 60_000)
    final.catch(() => undefined)
    void element.operate({ type: 'supply', asset: 'USDC', amount: '600', collateral: true }).catch(() => undefined)
    await textInWalletMatching('#confirm-hint', armed)
    expect(await readInWallet('#confirm')).to.not.match(/window/i)

    await clickTheBait(await maskWithBait(element))
    expect((await final).detail.operation).to.deep.include({ type: 'supply', amount: '600' })

    const usdc = (await chainView<Position>('get_position', { account_id: accountId })).assets.find((entry) => entry.asset === 'USDC')!
    expect(usdc.balance, 'the deposited balance went into the pool').to.equal('0')
    // Shares round down in the pool's favour: at most a unit or so below what went in.
    expect(Number(usdc.collateral), 'and is still the person\'s, as collateral').to.be.within(599_999_000, 600_000_000)
    expect(usdc.borrowed).to.equal('0')
    expect(await chainView<unknown[]>('get_transfers', { chain: 'evm', address: wallet.address }), 'nothing was sent out').to.deep.equal([])
    expect((await devRpc<Ledger>('dev_ledger', { chain: 'evm', address: wallet.address })).totals.USDC).to.equal(ledgerBefore)
    expect(await chainView<unknown>('get_account', { account_id: accountId }), 'no passkey or wallet was added or removed').to.deep.equal(accountBefore)
  })

  it('error: a host that sets passkey-window="auto" (or leaves it out) cannot keep a Borrow on the panel: its Confirm still only opens the passkey window', async () => {
    const { element, accountId } = await boundElement('evm', undefined, { passkeyWindow: 'auto' })
    await deposit(accountId, 'USDC', '600000000')
    // Supply stays on the panel (the policy table's `panel` step)…
    const supplied = nextOutcome(element, 'ccl-operation-final', 60_000)
    void element.operate({ type: 'supply', asset: 'USDC', amount: '600' }).catch(() => undefined)
    expect(await approveInWallet()).to.equal('panel')
    await supplied
    // …and a Borrow goes to the window whatever the host set.
    const final = nextOutcome(element, 'ccl-operation-final', 60_000)
    void element.operate({ type: 'borrow', asset: 'USDC', amount: '5' }).catch(() => undefined)
    expect(await approveInWallet()).to.equal('passkey-window')
    expect((await final).detail.operation).to.deep.include({ type: 'borrow', amount: '5' })
  })
})
