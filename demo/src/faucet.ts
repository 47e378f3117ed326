import { parseUnits } from '@crosschain-lending/protocol'
import { type MarketView, devRpc } from './dev-rpc'

/**
 * The faucet: test assets arrive in the signed-in account as a deposit from another chain would
 * (the local chain's bridge, `dev_deposit`). A real deployment has a bridge instead.
 */
export function mountFaucet(form: HTMLFormElement, account: () => string | undefined, onDeposited: () => void): { update(): void } {
  const asset = form.querySelector<HTMLSelectElement>('[name=asset]')!
  const chain = form.querySelector<HTMLSelectElement>('[name=chain]')!
  const amount = form.querySelector<HTMLInputElement>('[name=amount]')!
  const submit = form.querySelector<HTMLButtonElement>('button')!
  const status = form.querySelector<HTMLElement>('output')!
  let markets: MarketView[] = []

  const fillChains = () => {
    const market = markets.find((each) => each.asset === asset.value)
    chain.replaceChildren(...(market?.chains ?? []).map((name) => new Option(name, name)))
  }
  void devRpc<{ markets: MarketView[] }>('dev_explorer', { limit: 1 }).then(
    (snapshot) => {
      markets = snapshot.markets
      asset.replaceChildren(...markets.map((market) => new Option(market.asset, market.asset)))
      fillChains()
      update()
    },
    (error: Error) => (status.textContent = `The local chain did not answer: ${error.message}`),
  )
  asset.addEventListener('change', fillChains)

  function update() {
    const signedIn = account() !== undefined
    submit.disabled = !signedIn || markets.length === 0
    if (!signedIn) status.textContent = 'Create an account or sign in first.'
    else if (status.textContent === 'Create an account or sign in first.') status.textContent = ''
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const accountId = account()
    const market = markets.find((each) => each.asset === asset.value)
    if (!accountId || !market) return
    let units: bigint
    try {
      units = parseUnits(amount.value, market.decimals, market.asset)
    } catch (error) {
      status.textContent = (error as { shortMessage?: string }).shortMessage ?? String(error)
      return
    }
    submit.disabled = true
    status.textContent = 'Depositing…'
    try {
      await devRpc('dev_deposit', { chain: chain.value, account_id: accountId, asset: market.asset, amount: units.toString() })
      status.textContent = `${amount.value} ${market.asset} arrived from ${chain.value}.`
      onDeposited()
    } catch (error) {
      status.textContent = `The deposit failed: ${(error as Error).message}`
    } finally {
      update()
    }
  })
  return { update }
}
