import { CrossChainLending } from './components/crosschain-lending/crosschain-lending.component'

export { CrossChainLending, type ConnectionStatus } from './components/crosschain-lending/crosschain-lending.component'
export * from './events'
export type { ExternalWalletConnector } from './connector'
export type { Appearance } from './appearance'

export const tagName = 'crosschain-lending'

// Two copies of the script on one page must not break it: the first definition wins.
const existing = customElements.get(tagName)
if (!existing) {
  customElements.define(tagName, CrossChainLending)
} else if (existing !== CrossChainLending) {
  console.warn(`<${tagName}> is already defined by another copy of the script; this copy is not used. Load the script once.`)
}

declare global {
  interface HTMLElementTagNameMap {
    'crosschain-lending': CrossChainLending
  }
}
