import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { WAD, health, serializeState } from '../src/index'
import { type User, World, units } from './world'

type Step =
  | { kind: 'supply'; user: number; asset: 'USDC' | 'ETH'; fraction: number; collateral: boolean }
  | { kind: 'repay'; user: number; fraction: number }
  | { kind: 'adjust'; user: number; asset: 'USDC' | 'ETH'; fraction: number; toCollateral: boolean }
  | { kind: 'borrow'; user: number; fraction: number }
  | { kind: 'deposit'; user: number; asset: 'USDC' | 'ETH'; amount: number }
  | { kind: 'tick'; ms: number }

const user = fc.integer({ min: 0, max: 2 })
const fraction = fc.double({ min: 0.01, max: 1.5, noNaN: true })
const asset = fc.constantFrom<'USDC' | 'ETH'>('USDC', 'ETH')

const step = (withTime: boolean): fc.Arbitrary<Step> =>
  fc.oneof(
    fc.record({ kind: fc.constant('supply' as const), user, asset, fraction, collateral: fc.boolean() }),
    fc.record({ kind: fc.constant('repay' as const), user, fraction }),
    fc.record({ kind: fc.constant('adjust' as const), user, asset, fraction, toCollateral: fc.boolean() }),
    fc.record({ kind: fc.constant('borrow' as const), user, fraction }),
    fc.record({ kind: fc.constant('deposit' as const), user, asset, amount: fc.integer({ min: 1, max: 5000 }) }),
    ...(withTime ? [fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 90 * 24 * 3600 * 1000 }) })] : []),
  )

const scale = (value: bigint, by: number) => (value * BigInt(Math.round(by * 1000))) / 1000n
const decimals = { USDC: 6, ETH: 18 }

async function setUp(): Promise<{ world: World; users: User[] }> {
  const world = new World()
  const users: User[] = []
  for (let i = 0; i < 3; i++) {
    const created = world.createUser()
    await world.bind(created, 'evm')
    world.deposit(created, 'USDC', units(10_000, 6), 'evm')
    world.deposit(created, 'ETH', units(3, 18), 'evm')
    // Start with collateral and liquidity, so random Borrows and Repays usually have something to act on.
    await world.execute(
      await world.sign(created, { passkey: created.passkey }, [
        { type: 'supply', asset: 'ETH', amount: units(1, 18), collateral: true },
        { type: 'supply', asset: 'USDC', amount: units(5000, 6), collateral: false },
      ]),
    )
    users.push(created)
  }
  return { world, users }
}

/** Runs one step as a signed request; refusals are expected and must change nothing. */
async function run(world: World, users: User[], s: Step, outcomes: { executed: number; refused: number }): Promise<void> {
  if (s.kind === 'tick') return world.tick(s.ms)
  const u = users[s.user]!
  if (s.kind === 'deposit') return world.deposit(u, s.asset, units(s.amount, decimals[s.asset]), 'evm')
  const position = world.contract.getPosition({ account_id: u.accountId }, world.now)!
  const of = (symbol: string) => position.assets.find((a) => a.asset === symbol)
  const base = (symbol: string, field: 'balance' | 'supplied' | 'collateral' | 'borrowed') => BigInt(of(symbol)?.[field] ?? '0')
  let action
  switch (s.kind) {
    case 'supply':
      action = { type: 'supply' as const, asset: s.asset, amount: scale(base(s.asset, 'balance'), s.fraction), collateral: s.collateral }
      break
    case 'repay':
      action = { type: 'repay' as const, asset: 'USDC', amount: scale(base('USDC', 'borrowed'), s.fraction) }
      break
    case 'adjust':
      action = { type: 'adjust' as const, asset: s.asset, amount: scale(base(s.asset, s.toCollateral ? 'supplied' : 'collateral'), s.fraction), direction: s.toCollateral ? ('to-collateral' as const) : ('to-supplied' as const) }
      break
    case 'borrow': {
      const room = BigInt(Math.round(Number(position.borrowLimitUsd) - Number(position.debtUsd))) * 10n ** 6n
      action = { type: 'borrow' as const, asset: 'USDC', amount: scale(room > 0n ? room : 1n, s.fraction), recipient: { chain: 'evm' as const, address: u.wallets[0]!.address } }
      break
    }
  }
  if (action.amount <= 0n) return
  const request = await world.sign(u, { passkey: u.passkey }, [{ ...action, amount: action.amount.toString() }])
  const before = serializeState(world.contract.state)
  try {
    await world.execute(request)
    outcomes.executed++
  } catch (error) {
    outcomes.refused++
    expect((error as { code?: string }).code, String(error)).toMatch(/^[A-Z_]+$/)
    expect(serializeState(world.contract.state)).toBe(before)
  }
}

function checkConservation(world: World): void {
  const { state } = world.contract
  for (const [symbol, market] of state.markets) {
    let balances = 0n
    let shares = 0n
    for (const account of state.accounts.values()) {
      const position = account.positions.get(symbol)
      balances += position?.balance ?? 0n
      shares += (position?.supplyShares ?? 0n) + (position?.collateralShares ?? 0n)
    }
    const totals = state.totals.get(symbol)!
    // Custody: every unit that arrived is in a balance, in the pool, or was sent out.
    expect(balances + market.cash + totals.sentOut, `${symbol} custody`).toBe(totals.deposited)
    // Shares: the accounts hold exactly the pool's shares.
    expect(shares, `${symbol} shares`).toBe(market.totalShares)
  }
}

describe('contract invariants under random signed operations', () => {
  it('behavior: no sequence of actions creates or destroys value', async () => {
    const outcomes = { executed: 0, refused: 0 }
    await fc.assert(
      fc.asyncProperty(fc.array(step(true), { minLength: 1, maxLength: 14 }), async (steps) => {
        const { world, users } = await setUp()
        for (const s of steps) {
          await run(world, users, s, outcomes)
          checkConservation(world)
        }
      }),
      { numRuns: 25 },
    )
    // The property is only as good as the operations that actually ran.
    expect(outcomes.executed).toBeGreaterThan(outcomes.refused / 4)
  }, 60_000)

  it('behavior: with prices and time standing still, every account stays at a health factor of 1.0 or more', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step(false), { minLength: 1, maxLength: 14 }), async (steps) => {
        const { world, users } = await setUp()
        for (const s of steps) {
          await run(world, users, s, { executed: 0, refused: 0 })
          for (const account of world.contract.state.accounts.values()) {
            const h = health(account, world.contract.state.markets)
            expect(h.healthFactor === null || h.healthFactor >= WAD, `health of ${account.id}`).toBe(true)
          }
        }
      }),
      { numRuns: 25 },
    )
  }, 60_000)
})
