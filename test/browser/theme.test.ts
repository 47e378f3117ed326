import type { Appearance, CrossChainLending } from '@crosschain-lending/widget'
import { styleInWallet, walletOrigin } from '@crosschain-lending/testing/browser'
import { expect } from '@esm-bundle/chai'
import { cleanUp, nextEvent } from './helpers'

async function mountWith(appearance: Appearance): Promise<{ element: CrossChainLending; errors: string[] }> {
  const element = document.createElement('crosschain-lending')
  element.appearance = appearance
  element.walletOrigin = await walletOrigin()
  const errors: string[] = []
  element.addEventListener('ccl-error', (event) => errors.push(event.detail.code))
  const ready = nextEvent(element, 'ccl-ready')
  document.body.append(element)
  await ready
  return { element, errors }
}

/** WCAG contrast of two computed `rgb(r, g, b)` colors. */
function contrast(a: string, b: string): number {
  const luminance = (rgb: string) => {
    const [r, g, bl] = rgb.match(/\d+/g)!.slice(0, 3).map((value) => {
      const channel = Number(value) / 255
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4
    }) as [number, number, number]
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl
  }
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (light + 0.05) / (dark + 0.05)
}

describe('the host themes the wallet with data, never CSS', () => {
  afterEach(cleanUp)

  it('behavior: colors, radius and font from the appearance reach the wallet panel', async () => {
    const { errors } = await mountWith({ variables: { colorPrimary: '#6d28d9', borderRadius: 2, fontFamily: 'serif' } })
    const button = await styleInWallet('#create-account', ['background-color', 'border-top-left-radius', 'font-family'])
    expect(button).to.deep.equal({ 'background-color': 'rgb(109, 40, 217)', 'border-top-left-radius': '2px', 'font-family': 'Georgia, "Times New Roman", serif' })
    expect(errors).to.deep.equal([])
  })

  it('error: a hostile theme asking for white text on white keeps the wallet readable (WCAG AA)', async () => {
    await mountWith({ variables: { colorText: '#ffffff', colorTextMuted: '#ffffff', colorSurface: '#ffffff', colorPrimary: '#fefefe' } })
    const panel = (await styleInWallet('ccl-wallet-app', ['background-color']))!['background-color']!
    const hint = (await styleInWallet('p.hint', ['color']))!.color!
    const secondary = (await styleInWallet('#sign-in', ['color']))!.color!
    const primary = await styleInWallet('#create-account', ['color', 'background-color'])
    expect(panel).to.equal('rgb(255, 255, 255)')
    expect(contrast(hint, panel)).to.be.at.least(4.5)
    expect(contrast(secondary, panel)).to.be.at.least(4.5)
    expect(contrast(primary!.color!, primary!['background-color']!)).to.be.at.least(4.5)
  })

  it('error: CSS smuggled into a value is refused with INVALID_THEME and the wallet keeps its own look', async () => {
    const { errors } = await mountWith({ variables: { colorPrimary: 'red; background: url(https://evil.example/pixel)' } })
    expect(errors).to.deep.equal(['INVALID_THEME'])
    expect((await styleInWallet('#create-account', ['background-color']))!['background-color']).to.equal('rgb(29, 78, 216)')
  })
})
