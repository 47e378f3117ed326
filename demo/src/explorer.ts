import { formatUnits } from '@crosschain-lending/protocol'
import { devRpc } from './dev-rpc'

type Market = { asset: string; decimals: number; priceUsd: string; collateralFactor: string; cash: string; totalSupplied: string; totalBorrowed: string }
type AssetPosition = { asset: string; balance: string; supplied: string; collateral: string; borrowed: string }
type Snapshot = {
  head: { height: number; hash: string; timestampMs: number }
  markets: Market[]
  accountCount: number
  accounts: {
    id: string
    passkeys: { credentialId: string; publicKey: string }[]
    wallets: { chain: string; address: string }[]
    position: { assets: AssetPosition[]; healthFactor: string | null; debtUsd: string; collateralUsd: string } | null
  }[]
  requests: { requestId: string; accountId: string; blockHeight: number; actions: string[]; summary?: { type: string; asset?: string; amount?: string; chain?: string; address?: string }[] }[]
  blocks: { height: number; transactions: { hash: string; signer: string; receiver: string; methods: string[]; ok: boolean }[] }[]
  transfers: { blockHeight: number; chain: string; address: string; asset: string; amount: string; accountId: string }[]
}

const short = (text: string, keep = 10) => (text.length > keep * 2 + 1 ? `${text.slice(0, keep)}…${text.slice(-keep)}` : text)
const cell = (content: string | Node, title?: string) => {
  const td = document.createElement('td')
  td.append(content)
  if (title) td.title = title
  return td
}
const row = (...cells: HTMLTableCellElement[]) => {
  const tr = document.createElement('tr')
  tr.append(...cells)
  return tr
}
const body = (id: string) => document.querySelector(`#${id} tbody`)!
let decimals = new Map<string, number>()
const amount = (asset: string | undefined, units: string | undefined) => (asset && units ? `${formatUnits(BigInt(units), decimals.get(asset) ?? 0)} ${asset}` : '')

/** Oracle price inputs keep what the person is typing: rebuilt only when the set of markets changes. */
function renderMarkets(markets: Market[]) {
  const tbody = body('markets')
  if (tbody.childElementCount !== markets.length) {
    tbody.replaceChildren(
      ...markets.map((market) => {
        const form = document.createElement('form')
        form.className = 'price'
        const input = document.createElement('input')
        input.name = 'price'
        input.inputMode = 'decimal'
        input.size = 8
        input.value = market.priceUsd
        input.setAttribute('aria-label', `New ${market.asset} price in USD`)
        const button = document.createElement('button')
        button.textContent = 'Set'
        form.append(input, button)
        form.addEventListener('submit', async (event) => {
          event.preventDefault()
          button.disabled = true
          try {
            await devRpc('dev_set_price', { asset: market.asset, price_usd: input.value.trim() })
            await refresh()
          } catch (error) {
            alert(`The price was refused: ${(error as Error).message}`)
          } finally {
            button.disabled = false
          }
        })
        const tr = row(cell(market.asset), cell(''), cell(''), cell(''), cell(''), cell(''), cell(form))
        tr.dataset.asset = market.asset
        return tr
      }),
    )
  }
  for (const market of markets) {
    const cells = tbody.querySelector<HTMLTableRowElement>(`tr[data-asset="${market.asset}"]`)!.cells
    cells[1]!.textContent = `$${market.priceUsd}`
    cells[2]!.textContent = market.collateralFactor
    cells[3]!.textContent = amount(market.asset, market.totalSupplied)
    cells[4]!.textContent = amount(market.asset, market.totalBorrowed)
    cells[5]!.textContent = amount(market.asset, market.cash)
  }
}

function renderPosition(position: Snapshot['accounts'][number]['position']): string {
  if (!position) return ''
  const lines = position.assets.flatMap((asset) =>
    [
      asset.balance !== '0' ? `balance ${amount(asset.asset, asset.balance)}` : '',
      asset.supplied !== '0' ? `supplied ${amount(asset.asset, asset.supplied)}` : '',
      asset.collateral !== '0' ? `collateral ${amount(asset.asset, asset.collateral)}` : '',
      asset.borrowed !== '0' ? `borrowed ${amount(asset.asset, asset.borrowed)}` : '',
    ].filter(Boolean),
  )
  return lines.join(' · ') || 'empty'
}

function describe(summary: NonNullable<Snapshot['requests'][number]['summary']>[number]): string {
  const what = amount(summary.asset, summary.amount)
  return [summary.type, what, summary.chain && summary.address ? `→ ${summary.chain} ${short(summary.address, 6)}` : ''].filter(Boolean).join(' ')
}

async function refresh(): Promise<void> {
  const snapshot = await devRpc<Snapshot>('dev_explorer', { limit: 20 })
  decimals = new Map(snapshot.markets.map((market) => [market.asset, market.decimals]))
  document.querySelector('#head')!.textContent = `Block ${snapshot.head.height} · ${new Date(snapshot.head.timestampMs).toLocaleTimeString()} · ${snapshot.accountCount} account(s)`
  renderMarkets(snapshot.markets)
  body('accounts').replaceChildren(
    ...snapshot.accounts.map((account) =>
      row(
        cell(short(account.id, 8), account.id),
        cell(account.passkeys.map((passkey) => short(passkey.publicKey, 8)).join(', ') || 'none'),
        cell(account.wallets.map((wallet) => `${wallet.chain} ${short(wallet.address, 6)}`).join(', ') || 'none: Supply and Borrow refused'),
        cell(renderPosition(account.position)),
        cell(account.position?.healthFactor ?? '∞'),
      ),
    ),
  )
  body('requests').replaceChildren(
    ...snapshot.requests.map((request) =>
      row(cell(String(request.blockHeight)), cell(short(request.accountId, 8), request.accountId), cell((request.summary ?? []).map(describe).join('; ') || request.actions.join(', ')), cell(short(request.requestId, 6), request.requestId)),
    ),
  )
  body('blocks').replaceChildren(
    ...snapshot.blocks.flatMap((block) =>
      block.transactions.map((tx) =>
        row(cell(String(block.height)), cell(short(tx.hash, 6), tx.hash), cell(`${short(tx.signer, 8)} → ${short(tx.receiver, 8)}`), cell(tx.methods.join(', ')), cell(tx.ok ? 'success' : 'failed')),
      ),
    ),
  )
  body('ledgers').replaceChildren(
    ...snapshot.transfers.map((transfer) =>
      row(cell(String(transfer.blockHeight)), cell(transfer.chain), cell(short(transfer.address, 8), transfer.address), cell(amount(transfer.asset, transfer.amount)), cell(short(transfer.accountId, 8), transfer.accountId)),
    ),
  )
}

async function loop(): Promise<void> {
  try {
    await refresh()
  } catch (error) {
    document.querySelector('#head')!.textContent = `The local chain did not answer (${(error as Error).message}); retrying…`
  }
  setTimeout(() => void loop(), 2000)
}
void loop()
