import { type WalletChain, assetDecimals } from '@crosschain-lending/protocol'
import { BPS, WAD, YEAR_MS, mulDivDown, mulDivUp } from './fixed-point'

/**
 * One lending market per asset. Suppliers hold shares of the pool (cash plus what borrowers owe,
 * less reserves); borrowers hold debt scaled by a borrow index that grows with interest. This is
 * the share-and-index model of Compound-style markets, written out with explicit rounding.
 */
export type Market = {
  symbol: string
  decimals: number
  /** External chains the asset arrives from and can be sent to. */
  chains: WalletChain[]
  /** USD price with 8 decimals, set by the host's price source. */
  priceUsd: bigint
  /** Share of collateral value that counts toward borrowing, in basis points. */
  collateralFactorBps: bigint
  /** Borrow rate per year at 0% and at 100% utilization, in basis points. */
  baseRateBps: bigint
  slopeRateBps: bigint
  /** Share of interest kept as reserves, in basis points. */
  reserveFactorBps: bigint
  /** Asset units held by the pool and free to lend. */
  cash: bigint
  totalShares: bigint
  totalDebtScaled: bigint
  /** 18-decimal index; debt = scaled debt × index. Starts at 1.0. */
  borrowIndex: bigint
  reserves: bigint
  lastAccrualMs: number
}

export type MarketParameters = Pick<
  Market,
  'symbol' | 'decimals' | 'chains' | 'priceUsd' | 'collateralFactorBps' | 'baseRateBps' | 'slopeRateBps' | 'reserveFactorBps'
>

export function newMarket(parameters: MarketParameters, nowMs: number): Market {
  return { ...parameters, cash: 0n, totalShares: 0n, totalDebtScaled: 0n, borrowIndex: WAD, reserves: 0n, lastAccrualMs: nowMs }
}

/** All debt in the market, rounded up. */
export function totalDebt(market: Market): bigint {
  return mulDivUp(market.totalDebtScaled, market.borrowIndex, WAD)
}

/** What suppliers own together: cash plus debt owed to the pool, less reserves. */
export function supplierAssets(market: Market): bigint {
  const assets = market.cash + totalDebt(market) - market.reserves
  return assets > 0n ? assets : 0n
}

/** Borrowed share of the pool, 18 decimals. */
export function utilization(market: Market): bigint {
  const debt = totalDebt(market)
  const pool = market.cash + debt
  return pool === 0n ? 0n : mulDivDown(debt, WAD, pool)
}

/** Borrow rate per year, 18 decimals: base + slope × utilization. */
export function borrowRatePerYear(market: Market): bigint {
  return mulDivDown(market.baseRateBps, WAD, BPS) + mulDivDown(mulDivDown(market.slopeRateBps, WAD, BPS), utilization(market), WAD)
}

/** Supply rate per year, 18 decimals: what borrowers pay, spread over the pool, less reserves. */
export function supplyRatePerYear(market: Market): bigint {
  return mulDivDown(mulDivDown(borrowRatePerYear(market), utilization(market), WAD), BPS - market.reserveFactorBps, BPS)
}

/**
 * Brings the borrow index up to `nowMs` (simple interest over the interval since the last
 * accrual). Interest moves value from borrowers to suppliers and reserves; none is created.
 */
export function accrue(market: Market, nowMs: number): void {
  const elapsed = BigInt(nowMs - market.lastAccrualMs)
  if (elapsed <= 0n) return
  market.lastAccrualMs = nowMs
  if (market.totalDebtScaled === 0n) return
  const before = totalDebt(market)
  const growth = mulDivDown(borrowRatePerYear(market), elapsed, YEAR_MS)
  market.borrowIndex += mulDivDown(market.borrowIndex, growth, WAD)
  const interest = totalDebt(market) - before
  market.reserves += mulDivDown(interest, market.reserveFactorBps, BPS)
}

/** Shares minted for supplying `amount`, rounded down (the supplier gets no more than paid for). */
export function sharesForDeposit(market: Market, amount: bigint): bigint {
  const assets = supplierAssets(market)
  return market.totalShares === 0n || assets === 0n ? amount : mulDivDown(amount, market.totalShares, assets)
}

/** Shares that represent `amount`, rounded up (moving or removing value costs at least its worth). */
export function sharesForAmount(market: Market, amount: bigint): bigint {
  const assets = supplierAssets(market)
  return market.totalShares === 0n || assets === 0n ? amount : mulDivUp(amount, market.totalShares, assets)
}

/** The asset value of `shares`, rounded down. */
export function amountForShares(market: Market, shares: bigint): bigint {
  return market.totalShares === 0n ? 0n : mulDivDown(shares, supplierAssets(market), market.totalShares)
}

/** An account's debt from its scaled debt, rounded up. */
export function debtOf(market: Market, debtScaled: bigint): bigint {
  return mulDivUp(debtScaled, market.borrowIndex, WAD)
}

/** USD value (8 decimals) of an amount, rounded down (collateral) or up (debt). */
export function usdValue(market: Market, amount: bigint, rounding: 'down' | 'up'): bigint {
  const scale = 10n ** BigInt(market.decimals)
  return rounding === 'down' ? mulDivDown(amount, market.priceUsd, scale) : mulDivUp(amount, market.priceUsd, scale)
}

const usd = (dollars: number) => BigInt(Math.round(dollars * 1e8))

/** The markets a fresh chain starts with. Prices are dev defaults the operator moves at will. */
export function defaultMarkets(): MarketParameters[] {
  const stable = { collateralFactorBps: 8500n, baseRateBps: 100n, slopeRateBps: 1200n, reserveFactorBps: 1000n }
  const volatile = { collateralFactorBps: 7000n, baseRateBps: 200n, slopeRateBps: 2000n, reserveFactorBps: 1500n }
  return [
    { symbol: 'USDC', decimals: assetDecimals('USDC'), chains: ['evm', 'solana', 'near', 'stellar'], priceUsd: usd(1), ...stable },
    { symbol: 'USDT', decimals: assetDecimals('USDT'), chains: ['evm', 'solana', 'near'], priceUsd: usd(1), ...stable },
    { symbol: 'ETH', decimals: assetDecimals('ETH'), chains: ['evm'], priceUsd: usd(3000), ...volatile },
    { symbol: 'SOL', decimals: assetDecimals('SOL'), chains: ['solana'], priceUsd: usd(150), ...volatile },
    { symbol: 'NEAR', decimals: assetDecimals('NEAR'), chains: ['near'], priceUsd: usd(3), ...volatile, collateralFactorBps: 6500n },
    { symbol: 'XLM', decimals: assetDecimals('XLM'), chains: ['stellar'], priceUsd: usd(0.1), ...volatile, collateralFactorBps: 6000n },
  ]
}
