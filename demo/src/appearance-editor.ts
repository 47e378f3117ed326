import type { Appearance } from '@crosschain-lending/widget'

type Variables = NonNullable<Appearance['variables']>
const colorFields = ['colorPrimary', 'colorSurface', 'colorText', 'colorTextMuted'] as const

/**
 * The appearance editor: every change applies to the element at once (the element forwards the
 * safe part to the wallet, which keeps it readable), and the code a partner would paste is
 * written beside it. Only what the person changed goes into the appearance.
 */
export function mountAppearanceEditor(form: HTMLFormElement, code: HTMLElement, apply: (appearance: Appearance) => void, walletOrigin: string): void {
  const changed = new Set<string>()
  const field = <T extends HTMLElement = HTMLInputElement>(name: string) => form.querySelector<T>(`[name="${name}"]`)!

  const current = (): Appearance => {
    const theme = (new FormData(form).get('theme') as Appearance['theme']) ?? 'light'
    const variables: Variables = {}
    for (const name of colorFields) if (changed.has(name)) variables[name] = field(name).value
    if (changed.has('borderRadius')) variables.borderRadius = Number(field('borderRadius').value)
    if (changed.has('fontFamily')) variables.fontFamily = field<HTMLSelectElement>('fontFamily').value as Variables['fontFamily']
    return Object.keys(variables).length ? { theme, variables } : { theme }
  }

  const render = () => {
    const appearance = current()
    apply(appearance)
    field<HTMLOutputElement>('radiusValue').value = `${field('borderRadius').value}px`
    code.textContent = snippet(appearance, walletOrigin)
  }

  form.addEventListener('input', (event) => {
    const name = (event.target as HTMLInputElement).name
    if (name && name !== 'theme') changed.add(name)
    render()
  })
  form.addEventListener('reset', () => {
    changed.clear()
    // The form resets its fields after this event.
    setTimeout(render)
  })
  render()
}

/** What a partner pastes: the tag, and the appearance as a property when it has variables. */
export function snippet(appearance: Appearance, walletOrigin: string): string {
  const tag = `<script src="https://cdn.jsdelivr.net/npm/@crosschain-lending/widget/cdn/crosschain-lending.iife.js"></script>`
  if (!appearance.variables) {
    return `${tag}\n<crosschain-lending wallet-origin="${walletOrigin}" appearance="${appearance.theme ?? 'light'}"></crosschain-lending>`
  }
  return [
    tag,
    `<crosschain-lending wallet-origin="${walletOrigin}"></crosschain-lending>`,
    '<script type="module">',
    `  document.querySelector('crosschain-lending').appearance = ${JSON.stringify(appearance, null, 2).replaceAll('\n', '\n  ')}`,
    '</script>',
  ].join('\n')
}
