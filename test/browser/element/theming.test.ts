import type { Appearance, CrossChainLending } from '@crosschain-lending/widget'
import { styleInWallet, walletOrigin } from '@crosschain-lending/testing/browser'
import { expect } from '@esm-bundle/chai'
import { emulateMedia } from '@web/test-runner-commands'
import { cleanUp, nextEvent, waitFor } from '../helpers'

async function mount(appearance?: Appearance): Promise<CrossChainLending> {
  const element = document.createElement('crosschain-lending')
  if (appearance) element.appearance = appearance
  element.walletOrigin = await walletOrigin()
  const ready = nextEvent(element, 'ccl-ready')
  document.body.append(element)
  await ready
  return element
}

const part = (element: CrossChainLending, name: string) => element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!
const style = (target: Element, property: string) => getComputedStyle(target).getPropertyValue(property)
/** Waits until the wallet's panel shows `property` as `value` (the theme crosses by message). */
async function walletShows(selector: string, property: string, value: string): Promise<void> {
  let last: string | undefined
  const deadline = Date.now() + 5000
  while (Date.now() < deadline) {
    last = (await styleInWallet(selector, [property]))?.[property]
    if (last === value) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`the wallet's ${selector} ${property} stayed ${last}, expected ${value}`)
}

describe('theming <crosschain-lending> for a partner', function () {
  this.timeout(30_000)
  let sheet: CSSStyleSheet | undefined
  afterEach(async () => {
    cleanUp()
    if (sheet) document.adoptedStyleSheets = document.adoptedStyleSheets.filter((other) => other !== sheet)
    sheet = undefined
    await emulateMedia({ colorScheme: 'light' })
  })

  it('behavior: the partner’s CSS tokens and ::part rules restyle the element', async () => {
    sheet = new CSSStyleSheet()
    sheet.replaceSync(`
      crosschain-lending { --ccl-color-surface: #fdf6e3; --ccl-color-text: #073642; --ccl-radius-panel: 3px; --ccl-space: 10px }
      crosschain-lending::part(header) { letter-spacing: 2px; text-transform: uppercase }
      crosschain-lending::part(wallet-frame) { outline: 1px dashed rgb(0, 128, 0) }
    `)
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]
    const element = await mount()
    const base = part(element, 'base')
    expect(style(base, 'background-color')).to.equal('rgb(253, 246, 227)')
    expect(style(base, 'color')).to.equal('rgb(7, 54, 66)')
    expect(style(base, 'border-top-left-radius')).to.equal('3px')
    expect(style(base, 'padding-top')).to.equal('10px')
    expect(style(part(element, 'header'), 'letter-spacing')).to.equal('2px')
    expect(style(part(element, 'header'), 'text-transform')).to.equal('uppercase')
    expect(style(part(element, 'wallet-frame'), 'outline-style')).to.equal('dashed')
  })

  it('behavior: the dark preset turns the element and the wallet’s panel dark together', async () => {
    const element = await mount({ theme: 'dark' })
    expect(element.dataset.colorScheme).to.equal('dark')
    expect(style(part(element, 'base'), 'background-color')).to.equal('rgb(17, 24, 39)')
    expect(style(part(element, 'base'), 'color')).to.equal('rgb(249, 250, 251)')
    await walletShows('ccl-wallet-app', 'background-color', 'rgb(17, 24, 39)')
  })

  it('behavior: `system` follows prefers-color-scheme as it changes, in the element and in the wallet', async () => {
    const element = await mount({ theme: 'system' })
    expect(element.dataset.colorScheme).to.equal('light')
    await walletShows('ccl-wallet-app', 'background-color', 'rgb(255, 255, 255)')
    await emulateMedia({ colorScheme: 'dark' })
    await waitFor(() => element.dataset.colorScheme === 'dark', 'the element follows the dark setting')
    expect(style(part(element, 'base'), 'background-color')).to.equal('rgb(17, 24, 39)')
    await walletShows('ccl-wallet-app', 'background-color', 'rgb(17, 24, 39)')
    await emulateMedia({ colorScheme: 'light' })
    await waitFor(() => element.dataset.colorScheme === 'light', 'the element follows the light setting back')
    await walletShows('ccl-wallet-app', 'background-color', 'rgb(255, 255, 255)')
  })

  it('behavior: the appearance’s colors, radius and font reach the element and the wallet alike', async () => {
    const element = await mount({ variables: { colorPrimary: '#0f766e', borderRadius: 4, fontFamily: 'serif' } })
    expect(style(element, '--ccl-color-primary').trim()).to.equal('#0f766e')
    expect(style(part(element, 'base'), 'font-family')).to.equal('Georgia, "Times New Roman", serif')
    await walletShows('#create-account', 'background-color', 'rgb(15, 118, 110)')
    await walletShows('#create-account', 'border-top-left-radius', '4px')
  })

  it('error: an appearance whose colors would not read is clamped by the wallet, and the element shows the same clamped colors', async () => {
    const element = await mount({ theme: 'dark', variables: { colorPrimary: '#312e81', colorText: '#1f2937' } })
    const primary = style(element, '--ccl-color-primary').trim()
    const text = style(part(element, 'base'), 'color')
    expect(primary).to.not.equal('#312e81')
    // The wallet made the same adjustment: its primary button fill and its text are the element's.
    const hex = (value: string) => `rgb(${[1, 3, 5].map((offset) => Number.parseInt(value.slice(offset, offset + 2), 16)).join(', ')})`
    await walletShows('#create-account', 'background-color', hex(primary))
    await walletShows('ccl-wallet-app', 'color', text)
  })
})
