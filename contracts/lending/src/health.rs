//! An account's standing across markets (`packages/contract/src/health.ts`), in USD with 8
//! decimals, and the position view built from it.

use crate::fixed_point::{BPS, USD_DECIMALS, WAD, add, format_ratio, format_units, mul_div_down};
use crate::markets::Market;
use crate::state::Position;
use crate::wide::checked_mul_div_down;
use near_sdk::near;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Health {
    pub collateral_usd: u128,
    /// Collateral weighted by each market's collateral factor: what debt may reach.
    pub borrow_limit_usd: u128,
    pub debt_usd: u128,
    /// borrow limit / debt, 18 decimals; None without debt. A factor past u128 (a debt of a few
    /// units against a fortune of collateral) is held as u128::MAX: it only ever meets `≥ 1.0`;
    /// the view prints the exact figure (`format_ratio`).
    pub health_factor: Option<u128>,
}

impl Health {
    pub fn is_healthy(&self) -> bool {
        self.health_factor.is_none_or(|factor| factor >= WAD)
    }
}

pub fn health<'a>(positions: impl Iterator<Item = (&'a Position, &'a Market)>) -> Health {
    let (mut collateral_usd, mut borrow_limit_usd, mut debt_usd) = (0u128, 0u128, 0u128);
    for (position, market) in positions {
        let collateral =
            market.usd_value(market.amount_for_shares(position.collateral_shares), false);
        collateral_usd = add(collateral_usd, collateral);
        borrow_limit_usd = add(
            borrow_limit_usd,
            mul_div_down(
                collateral,
                market.parameters.collateral_factor_bps as u128,
                BPS,
            ),
        );
        debt_usd = add(
            debt_usd,
            market.usd_value(market.debt_of(position.debt_scaled), true),
        );
    }
    let health_factor = if debt_usd == 0 {
        None
    } else {
        Some(checked_mul_div_down(borrow_limit_usd, WAD, debt_usd).unwrap_or(u128::MAX))
    };
    Health {
        collateral_usd,
        borrow_limit_usd,
        debt_usd,
        health_factor,
    }
}

/// One asset of an account's position (protocol `AssetPositionView`).
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct AssetPositionView {
    pub asset: String,
    pub decimals: u8,
    pub balance: String,
    pub supplied: String,
    pub collateral: String,
    pub borrowed: String,
    pub price_usd: String,
    pub supply_apr: String,
    pub borrow_apr: String,
}

/// An account's standing (protocol `PositionView`, `get_position`).
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PositionView {
    pub account_id: String,
    pub assets: Vec<AssetPositionView>,
    pub collateral_usd: String,
    pub borrow_limit_usd: String,
    pub debt_usd: String,
    pub health_factor: Option<String>,
}

pub fn asset_position_view(market: &Market, position: &Position) -> AssetPositionView {
    AssetPositionView {
        asset: market.symbol().to_string(),
        decimals: market.parameters.decimals,
        balance: position.balance.to_string(),
        supplied: market.amount_for_shares(position.supply_shares).to_string(),
        collateral: market
            .amount_for_shares(position.collateral_shares)
            .to_string(),
        borrowed: market.debt_of(position.debt_scaled).to_string(),
        price_usd: format_units(market.parameters.price_usd, USD_DECIMALS, USD_DECIMALS),
        supply_apr: format_units(market.supply_rate_per_year(), 18, 6),
        borrow_apr: format_units(market.borrow_rate_per_year(), 18, 6),
    }
}

pub fn position_view(
    account_id: &str,
    positions: &[(u8, Position)],
    markets: &[Market],
) -> PositionView {
    let pairs = || {
        positions.iter().filter_map(|(index, position)| {
            markets
                .get(*index as usize)
                .map(|market| (position, market))
        })
    };
    let standing = health(pairs());
    PositionView {
        account_id: account_id.to_string(),
        assets: pairs()
            .map(|(position, market)| asset_position_view(market, position))
            .collect(),
        collateral_usd: format_units(standing.collateral_usd, USD_DECIMALS, USD_DECIMALS),
        borrow_limit_usd: format_units(standing.borrow_limit_usd, USD_DECIMALS, USD_DECIMALS),
        debt_usd: format_units(standing.debt_usd, USD_DECIMALS, USD_DECIMALS),
        health_factor: standing
            .health_factor
            .map(|_| format_ratio(standing.borrow_limit_usd, standing.debt_usd, 4)),
    }
}
