import { BPS, USD_DECIMALS, WAD, formatUnits, mulDivDown } from './fixed-point'
import { type Market, amountForShares, borrowRatePerYear, debtOf, supplyRatePerYear, usdValue } from './markets'
import type { Account, Position } from './state'
import type { AssetPositionView, PositionView } from '@crosschain-lending/protocol'

export type { AssetPositionView, PositionView }

/** An account's standing across all markets, in USD with 8 decimals. */
export type Health = {
  /** Collateral value. */
  collateralUsd: bigint
  /** Collateral value weighted by each market's collateral factor: what debt may reach. */
  borrowLimitUsd: bigint
  debtUsd: bigint
  /** borrowLimit / debt, 18 decimals; null when there is no debt. */
  healthFactor: bigint | null
}

export function health(account: Account, markets: Map<string, Market>): Health {
  let collateralUsd = 0n
  let borrowLimitUsd = 0n
  let debtUsd = 0n
  for (const [symbol, position] of account.positions) {
    const market = markets.get(symbol)
    if (!market) continue
    const collateral = usdValue(market, amountForShares(market, position.collateralShares), 'down')
    collateralUsd += collateral
    borrowLimitUsd += mulDivDown(collateral, market.collateralFactorBps, BPS)
    debtUsd += usdValue(market, debtOf(market, position.debtScaled), 'up')
  }
  return { collateralUsd, borrowLimitUsd, debtUsd, healthFactor: debtUsd === 0n ? null : mulDivDown(borrowLimitUsd, WAD, debtUsd) }
}

export const isHealthy = (h: Health) => h.healthFactor === null || h.healthFactor >= WAD

export function assetPositionView(symbol: string, market: Market, position: Position): AssetPositionView {
  return {
    asset: symbol,
    decimals: market.decimals,
    balance: position.balance.toString(),
    supplied: amountForShares(market, position.supplyShares).toString(),
    collateral: amountForShares(market, position.collateralShares).toString(),
    borrowed: debtOf(market, position.debtScaled).toString(),
    priceUsd: formatUnits(market.priceUsd, USD_DECIMALS),
    supplyApr: formatUnits(supplyRatePerYear(market), 18, 6),
    borrowApr: formatUnits(borrowRatePerYear(market), 18, 6),
  }
}

export function positionView(account: Account, markets: Map<string, Market>): PositionView {
  const h = health(account, markets)
  const assets = [...account.positions]
    .filter(([symbol]) => markets.has(symbol))
    .map(([symbol, position]) => assetPositionView(symbol, markets.get(symbol)!, position))
  return {
    accountId: account.id,
    assets,
    collateralUsd: formatUnits(h.collateralUsd, USD_DECIMALS),
    borrowLimitUsd: formatUnits(h.borrowLimitUsd, USD_DECIMALS),
    debtUsd: formatUnits(h.debtUsd, USD_DECIMALS),
    healthFactor: h.healthFactor === null ? null : formatUnits(h.healthFactor, 18, 4),
  }
}
