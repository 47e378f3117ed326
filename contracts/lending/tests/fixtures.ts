/**
 * The TypeScript contract's market and health arithmetic, written down for the Rust crate to
 * replay figure for figure (`src/tests/markets_math.rs`). Each sequence is a seeded walk through
 * the contract class itself (real passkey assertions, real wallet co-signatures, deposits and
 * prices by the owner): Supply, Repay, Adjust, Borrow (some refused), time passing from seconds
 * to years, prices moving, pools near 0 % and near 100 % utilization, amounts of one unit and of
 * 10^33 units, over every market of the default configuration. After every step it records the
 * markets as stored and as accrued to the step's time (index, rates, utilization, totals), each
 * user's raw position and health, and the views' strings (`getMarkets`, `getPosition`).
 *
 *   pnpm --filter @crosschain-lending/contracts fixtures    rewrites lending/tests/fixtures/*.json
 *
 * `contracts/test/lending-fixtures.test.ts` regenerates them in memory and fails when the
 * committed files differ, so the fixtures cannot drift from the TypeScript they describe.
 * The walk stays inside the domain both contracts share: every figure fits in u128 (the Rust
 * contract refuses past it; bigints never overflow), and no account has more than 15 requests
 * within one deadline window (the Rust contract keeps at most 16 live nonces per account).
 */
import { type Action, type WalletChain } from '@crosschain-lending/protocol'
import { type DevWallet, SoftwarePasskey, createDevWallet } from '@crosschain-lending/testing/signers'
import { ContractError, type Market, type Position, health } from '@crosschain-lending/contract'
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { accrue, amountForShares, borrowRatePerYear, debtOf, supplierAssets, supplyRatePerYear, totalDebt, utilization } from '../../../packages/contract/src/markets'
import { type User, World, config, partnerOrigin, walletOrigin } from '../../../packages/contract/test/world'

export type Asset = 'USDC' | 'USDT' | 'ETH' | 'SOL' | 'NEAR' | 'XLM'

/** How one sequence walks: which markets, how large its amounts, how far its clock jumps. */
type Walk = {
  name: string
  seed: number
  /** The markets in play; the first is what users mostly borrow, the others their collateral. */
  assets: Asset[]
  steps: number
  /** Each user's deposit per asset, in whole tokens. */
  wholeTokens: number
  /** Clock jumps to pick from, in ms. */
  ticks: number[]
  /** How much of the pool's cash a Borrow reaches for (near 1 keeps utilization near 100 %). */
  reach: 'room' | 'cash' | 'crumbs'
}

const second = 1000
const minute = 60 * second
const hour = 60 * minute
const day = 24 * hour
const year = 365 * day

const walks: Walk[] = [
  { name: 'usdc-eth-mixed', seed: 1, assets: ['USDC', 'ETH'], steps: 40, wholeTokens: 5_000, ticks: [second, minute, hour, day, 30 * day], reach: 'room' },
  { name: 'usdt-sol-seconds', seed: 2, assets: ['USDT', 'SOL'], steps: 40, wholeTokens: 2_000, ticks: [second, 7 * second, 45 * second], reach: 'room' },
  { name: 'eth-usdc-years', seed: 3, assets: ['ETH', 'USDC'], steps: 36, wholeTokens: 3_000, ticks: [90 * day, year, 3 * year], reach: 'room' },
  { name: 'sol-usdt-full-pool', seed: 4, assets: ['SOL', 'USDT'], steps: 36, wholeTokens: 4_000, ticks: [hour, day, year], reach: 'cash' },
  { name: 'near-huge-amounts', seed: 5, assets: ['NEAR', 'ETH'], steps: 36, wholeTokens: 1_000_000_000, ticks: [minute, day, year], reach: 'room' },
  { name: 'xlm-usdc-empty-pool', seed: 6, assets: ['XLM', 'USDC'], steps: 36, wholeTokens: 50_000, ticks: [second, day, year], reach: 'crumbs' },
  { name: 'usdc-tiny-amounts', seed: 7, assets: ['USDC', 'NEAR'], steps: 36, wholeTokens: 0, ticks: [second, hour, 10 * year], reach: 'room' },
  { name: 'all-markets', seed: 8, assets: ['USDC', 'USDT', 'ETH', 'SOL', 'NEAR', 'XLM'], steps: 30, wholeTokens: 800, ticks: [minute, day, 180 * day], reach: 'room' },
  { name: 'eth-full-pool-decade', seed: 9, assets: ['ETH', 'SOL'], steps: 36, wholeTokens: 600, ticks: [30 * day, year, 5 * year], reach: 'cash' },
  { name: 'xlm-near-prices', seed: 10, assets: ['XLM', 'NEAR', 'USDT'], steps: 40, wholeTokens: 20_000, ticks: [minute, hour, 7 * day], reach: 'room' },
]

/** mulberry32: a small seeded generator, so a sequence is the same on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A 32-byte key for a test identity: the same name gives the same key (and so the same account). */
const secretKey = (name: string) => new Uint8Array(createHash('sha256').update(`lending-fixtures/${name}`).digest())

const decimals: Record<Asset, number> = { USDC: 6, USDT: 6, ETH: 18, SOL: 9, NEAR: 24, XLM: 7 }
const arrivesFrom: Record<Asset, WalletChain> = { USDC: 'evm', USDT: 'evm', ETH: 'evm', SOL: 'solana', NEAR: 'near', XLM: 'stellar' }

/** Where a Borrow sends what cannot go to the user's bound EVM wallet: a fixed address on the asset's chain. */
const outside: Record<WalletChain, string> = {
  evm: createDevWallet('evm', secretKey('outside-evm')).address,
  solana: createDevWallet('solana', secretKey('outside-solana')).address,
  near: createDevWallet('near', secretKey('outside-near')).address,
  stellar: createDevWallet('stellar', secretKey('outside-stellar')).address,
}

/** What the Rust replay does, step by step. */
export type Op =
  | { op: 'create'; user: number; credentialId: string; publicKey: string; accountId: string }
  | { op: 'bind'; user: number; chain: 'evm'; address: string }
  | { op: 'deposit'; user: number; asset: Asset; amount: string; chain: WalletChain; ref: string }
  | { op: 'price'; asset: Asset; priceUsd: string }
  | { op: 'tick'; ms: number }
  | { op: 'execute'; user: number; actions: Action[]; cosigned: boolean }

/** Every figure after a step; bigints as decimal strings. */
export type Snapshot = {
  at: number
  /** "ok", or the refusal's code. */
  outcome: string
  markets: Record<string, { stored: Record<string, string | number>; accrued: Record<string, string>; view: unknown }>
  users: { user: number; positions: Record<string, Record<string, string>>; health: Record<string, string | null>; view: unknown }[]
}

export type Step = Op & { expect?: Snapshot }
export type Fixture = { name: string; seed: number; startMs: number; assets: Asset[]; steps: Step[] }

const text = (value: bigint) => value.toString()

function storedFigures(market: Market) {
  return {
    cash: text(market.cash),
    totalShares: text(market.totalShares),
    totalDebtScaled: text(market.totalDebtScaled),
    borrowIndex: text(market.borrowIndex),
    reserves: text(market.reserves),
    lastAccrualMs: market.lastAccrualMs,
    priceUsd: text(market.priceUsd),
  }
}

function accruedFigures(market: Market) {
  return {
    borrowIndex: text(market.borrowIndex),
    reserves: text(market.reserves),
    totalDebt: text(totalDebt(market)),
    supplierAssets: text(supplierAssets(market)),
    utilization: text(utilization(market)),
    borrowRate: text(borrowRatePerYear(market)),
    supplyRate: text(supplyRatePerYear(market)),
  }
}

const positionFigures = (position: Position) => ({
  balance: text(position.balance),
  supplyShares: text(position.supplyShares),
  collateralShares: text(position.collateralShares),
  debtScaled: text(position.debtScaled),
})

/** One sequence's walk through the TypeScript contract. */
class Walker {
  readonly world = new World()
  readonly steps: Step[] = []
  readonly users: (User & { wallet: DevWallet })[] = []
  readonly #next: () => number
  #refs = 0
  #nonces = 0
  /** Deadlines of the requests each user ran (see the header on the Rust contract's live-nonce cap). */
  readonly #deadlines: number[][] = []

  constructor(readonly walk: Walk) {
    this.#next = random(walk.seed)
  }

  pick<T>(choices: readonly T[]): T {
    return choices[Math.floor(this.#next() * choices.length)]!
  }

  chance(p: number): boolean {
    return this.#next() < p
  }

  /** The markets accrued to now, as the contract's views compute them (on copies). */
  marketsNow(): Map<string, Market> {
    const markets = structuredClone(this.world.contract.state.markets)
    for (const market of markets.values()) accrue(market, this.world.now)
    return markets
  }

  /** Everything after a step; of the users, only `only` unless the step moved everyone's standing. */
  snapshot(outcome: string, only: number | undefined): Snapshot {
    const contract = this.world.contract
    const stored = contract.state.markets
    const accrued = this.marketsNow()
    const views = contract.getMarkets(this.world.now)
    const markets: Snapshot['markets'] = {}
    for (const symbol of this.walk.assets) {
      markets[symbol] = { stored: storedFigures(stored.get(symbol)!), accrued: accruedFigures(accrued.get(symbol)!), view: views.find((view) => view.asset === symbol) }
    }
    const users = this.users.flatMap((user, index) => {
      if (only !== undefined && index !== only) return []
      const account = contract.state.accounts.get(user.accountId)!
      const standing = health(account, accrued)
      return {
        user: index,
        positions: Object.fromEntries([...account.positions].map(([symbol, position]) => [symbol, positionFigures(position)])),
        health: {
          collateralUsd: text(standing.collateralUsd),
          borrowLimitUsd: text(standing.borrowLimitUsd),
          debtUsd: text(standing.debtUsd),
          healthFactor: standing.healthFactor === null ? null : text(standing.healthFactor),
        },
        view: contract.getPosition({ account_id: user.accountId }, this.world.now),
      }
    })
    return { at: this.world.now, outcome, markets, users }
  }

  record(op: Op, outcome = 'ok'): void {
    // A tick or a price moves every user's standing; a deposit or a request moves its own user's
    // (and the markets', recorded in full either way).
    this.steps.push({ ...op, expect: this.snapshot(outcome, 'user' in op ? op.user : undefined) })
  }

  async addUser(): Promise<void> {
    const index = this.users.length
    const name = `${this.walk.name}/user-${index}`
    const passkey = new SoftwarePasskey({ rpId: config.rpId, origin: walletOrigin, topOrigin: partnerOrigin, secretKey: secretKey(name), credentialId: `cred-${this.walk.seed}-${index}-fixture` })
    const user = { ...this.world.createUser(passkey), wallet: createDevWallet('evm', secretKey(`${name}/evm`)) }
    this.users.push(user)
    this.#deadlines.push([])
    this.steps.push({ op: 'create', user: index, credentialId: passkey.credentialId, publicKey: passkey.publicKey, accountId: user.accountId })
    const nonce = this.nonce()
    const bind = await this.world.bindAction(user.wallet, user.accountId, nonce)
    const outcome = await this.execute(index, [bind], false, nonce)
    if (outcome !== 'ok') throw new Error(`binding ${name}'s wallet was refused: ${outcome}`)
    user.wallets.push(user.wallet)
    this.steps.push({ op: 'bind', user: index, chain: 'evm', address: user.wallet.address })
  }

  nonce(): string {
    return `fixture-nonce-${this.walk.seed}-${++this.#nonces}-`.padEnd(43, '_')
  }

  deposit(user: number, asset: Asset, amount: bigint): void {
    const op = { op: 'deposit' as const, user, asset, amount: text(amount), chain: arrivesFrom[asset], ref: `fixture-${this.walk.seed}-${++this.#refs}` }
    this.world.contract.deposit({ account_id: this.users[user]!.accountId, asset, amount: op.amount, chain: op.chain, ref: op.ref }, this.world.ctx(config.owner))
    this.record(op)
  }

  tick(ms: number): void {
    this.world.tick(ms)
    this.record({ op: 'tick', ms })
  }

  price(asset: Asset, priceUsd: bigint): void {
    const whole = priceUsd / 10n ** 8n
    const fraction = (priceUsd % 10n ** 8n).toString().padStart(8, '0').replace(/0+$/, '')
    const op = { op: 'price' as const, asset, priceUsd: fraction ? `${whole}.${fraction}` : `${whole}` }
    this.world.contract.setPrice({ asset, price_usd: op.priceUsd }, this.world.ctx(config.owner))
    this.record(op)
  }

  /** Runs a signed request; returns "ok" or the refusal's code. */
  async execute(user: number, actions: Action[], cosigned: boolean, nonce = this.nonce()): Promise<string> {
    const live = this.#deadlines[user]!.filter((deadline) => deadline > this.world.now)
    if (live.length >= 15) this.tick(5 * minute + second)
    const who = this.users[user]!
    const signed = await this.world.sign(who, { passkey: who.passkey }, actions, { nonce, ...(cosigned ? { cosigner: who.wallet } : {}) })
    try {
      await this.world.execute(signed)
    } catch (error) {
      if (error instanceof ContractError) return error.code
      throw error
    }
    this.#deadlines[user]!.push(this.world.deadline)
    return 'ok'
  }

  async request(user: number, actions: Action[], cosigned = false): Promise<void> {
    const outcome = await this.execute(user, actions, cosigned)
    this.record({ op: 'execute', user, actions, cosigned }, outcome)
  }

  /** An amount around `base`: a share of it, all of it, one unit, one more than it, or twice it. */
  amountAround(base: bigint): bigint {
    const roll = this.#next()
    const amount =
      roll < 0.7 ? (base * BigInt(1 + Math.floor(this.#next() * 1000))) / 1000n : roll < 0.8 ? base : roll < 0.88 ? 1n : roll < 0.94 ? base + 1n : base * 2n
    return amount > 0n ? amount : 1n
  }

  units(asset: Asset, whole: number): bigint {
    return BigInt(whole) * 10n ** BigInt(decimals[asset])
  }

  position(user: number, asset: Asset): Position | undefined {
    return this.world.contract.state.accounts.get(this.users[user]!.accountId)!.positions.get(asset)
  }

  /** What a Borrow by `user` of `asset` reaches for, in asset units (see `Walk.reach`). */
  borrowBase(user: number, market: Market, markets: Map<string, Market>): bigint {
    const standing = health(this.world.contract.state.accounts.get(this.users[user]!.accountId)!, markets)
    const roomUsd = standing.borrowLimitUsd > standing.debtUsd ? standing.borrowLimitUsd - standing.debtUsd : 0n
    const room = (roomUsd * 10n ** BigInt(market.decimals)) / market.priceUsd
    switch (this.walk.reach) {
      case 'cash':
        return market.cash < room ? market.cash : room
      case 'crumbs':
        return room < 1000n ? room : room / 1000n
      case 'room':
        return room
    }
  }

  /** One random step of the walk. */
  async step(): Promise<void> {
    const { assets, ticks } = this.walk
    const markets = this.marketsNow()
    const roll = this.#next()
    if (roll < 0.14) return this.tick(this.pick(ticks) + Math.floor(this.#next() * second))
    if (roll < 0.22) {
      const asset = this.pick(assets)
      const factor = this.pick([0.01, 0.5, 0.8, 0.97, 1.03, 1.25, 2, 100])
      const moved = (this.world.contract.state.markets.get(asset)!.priceUsd * BigInt(Math.round(factor * 1000))) / 1000n
      return this.price(asset, moved < 1n ? 1n : moved >= 10n ** 24n ? 10n ** 24n - 1n : moved)
    }
    const kind = roll < 0.3 ? 'deposit' : roll < 0.48 ? 'supply' : roll < 0.6 ? 'repay' : roll < 0.72 ? 'adjust' : 'borrow'
    const toCollateral = this.chance(0.5)
    // What the action would act on, for each user and asset: mostly it acts where that is not
    // nothing, now and then anywhere (a refusal to replay).
    const base = (user: number, asset: Asset): bigint => {
      const market = markets.get(asset)!
      const position = this.position(user, asset) ?? { balance: 0n, supplyShares: 0n, collateralShares: 0n, debtScaled: 0n }
      switch (kind) {
        case 'deposit':
          return this.walk.wholeTokens === 0 ? 1000n : this.units(asset, this.walk.wholeTokens)
        case 'supply':
          return position.balance
        case 'repay':
          return debtOf(market, position.debtScaled)
        case 'adjust':
          return amountForShares(market, toCollateral ? position.supplyShares : position.collateralShares)
        case 'borrow':
          return this.borrowBase(user, market, markets)
      }
    }
    const everywhere = this.users.flatMap((_, user) => assets.map((asset) => ({ user, asset })))
    const worthwhile = everywhere.filter(({ user, asset }) => base(user, asset) > 0n)
    const { user, asset } = this.pick(worthwhile.length > 0 && this.chance(0.85) ? worthwhile : everywhere)
    const amount = text(this.amountAround(base(user, asset)))
    switch (kind) {
      case 'deposit':
        return this.deposit(user, asset, BigInt(amount))
      case 'supply':
        return this.request(user, [{ type: 'supply', asset, amount, collateral: this.chance(0.6) }])
      case 'repay':
        return this.request(user, [{ type: 'repay', asset, amount }])
      case 'adjust':
        return this.request(user, [{ type: 'adjust', asset, amount, direction: toCollateral ? 'to-collateral' : 'to-supplied' }])
      case 'borrow': {
        const chain = arrivesFrom[asset]
        const toBound = chain === 'evm' && this.chance(0.8)
        const recipient = { chain, address: toBound ? this.users[user]!.wallet.address : outside[chain] }
        return this.request(user, [{ type: 'borrow', asset, amount, recipient }], !toBound)
      }
    }
  }

  /** Three users, each with a bound wallet, a deposit of every asset in play, and a first Supply. */
  async setUp(): Promise<void> {
    const { assets, wholeTokens } = this.walk
    for (let user = 0; user < 3; user++) {
      await this.addUser()
      for (const asset of assets) this.deposit(user, asset, wholeTokens === 0 ? BigInt(1 + user * 7) : this.units(asset, wholeTokens * (user + 1)))
      // The first user lends the first asset; the others post the rest as collateral.
      const [lent, ...collateral] = assets
      // A walk that fills the pool lends little, so the borrowers' collateral can reach all of it.
      const lending = this.position(user, lent!)!.balance / (this.walk.reach === 'cash' ? 200n : 1n)
      if (user === 0) await this.request(user, [{ type: 'supply', asset: lent!, amount: text(lending), collateral: false }])
      else for (const asset of collateral) await this.request(user, [{ type: 'supply', asset, amount: text(this.position(user, asset)!.balance / 2n + 1n), collateral: true }])
    }
  }
}

export async function generate(walk: Walk): Promise<Fixture> {
  const walker = new Walker(walk)
  const startMs = walker.world.now
  await walker.setUp()
  for (let step = 0; step < walk.steps; step++) await walker.step()
  // A walk of refusals would prove little: most requests must run, and every kind of action must.
  const requests = walker.steps.filter((step) => step.op === 'execute')
  const ran = requests.filter((step) => step.expect?.outcome === 'ok')
  const kinds = new Set(ran.flatMap((step) => (step.op === 'execute' ? step.actions.map((action) => action.type) : [])))
  if (ran.length * 2 < requests.length || kinds.size < 4) {
    throw new Error(`${walk.name}: ${ran.length} of ${requests.length} requests ran (${[...kinds].join(', ')}); pick another seed`)
  }
  return { name: walk.name, seed: walk.seed, startMs, assets: walk.assets, steps: walker.steps }
}

export const fixturesDirectory = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures')
export const fixtureNames = walks.map((walk) => walk.name)

/** A fixture as committed: one step per line, so a diff names the step that moved. */
export const serialize = (fixture: Fixture) =>
  `{"name":${JSON.stringify(fixture.name)},"seed":${fixture.seed},"startMs":${fixture.startMs},"assets":${JSON.stringify(fixture.assets)},"steps":[\n${fixture.steps.map((step) => JSON.stringify(step)).join(',\n')}\n]}\n`

export async function generateAll(): Promise<Map<string, string>> {
  const files = new Map<string, string>()
  for (const walk of walks) files.set(`${walk.name}.json`, serialize(await generate(walk)))
  return files
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const [file, contents] of await generateAll()) {
    writeFileSync(path.join(fixturesDirectory, file), contents)
    console.log(`[fixtures] ${file}: ${contents.split('\n').length - 3} steps, ${contents.length} bytes`)
  }
}
