import { walletOrigin } from '@crosschain-lending/testing/browser'
import { expect } from '@esm-bundle/chai'
import { cleanUp, nextEvent, waitFor } from '../helpers'

type ProbedWindow = Window & { cspViolations: { directive: string; blocked: string; sample: string }[] }

describe('a partner page with a strict Content-Security-Policy', function () {
  this.timeout(30_000)
  afterEach(cleanUp)

  it('behavior: the classic script tag loads the element, which connects to the wallet, styles itself and loads its lending UI with no violation', async () => {
    const frame = document.createElement('iframe')
    frame.src = `/test/browser/fixtures/strict-csp.html?wallet=${encodeURIComponent(await walletOrigin())}`
    frame.style.cssText = 'width: 600px; height: 700px'
    const loaded = nextEvent(frame, 'load')
    document.body.append(frame)
    await loaded
    const page = frame.contentWindow as ProbedWindow
    const element = frame.contentDocument!.getElementById('lending') as HTMLElement & { status: string; openOperation(type: string): Promise<void> }
    await waitFor(() => element.status === 'ready', 'the element connects to the wallet under the strict policy', 15000)

    // Its styles are constructable stylesheets, which style-src 'self' does not block.
    const base = element.shadowRoot!.querySelector('[part="base"]')!
    expect(page.getComputedStyle(base).borderTopStyle).to.equal('solid')
    // The lending UI is a chunk from the same folder: script-src 'self' allows it.
    await element.openOperation('supply')
    const chunk = page.performance.getEntriesByType('resource').map((entry) => entry.name).find((name) => /\/cdn\/chunks\/lending-ui-.+\.js$/.test(name))
    expect(chunk, 'the lending UI chunk loaded').to.be.a('string')
    expect(page.cspViolations).to.deep.equal([])
  })
})
