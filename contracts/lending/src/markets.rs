//! One lending market per asset, ported exactly from `packages/contract/src/markets.ts`:
//! suppliers hold shares of the pool (cash plus what borrowers owe, less reserves), borrowers
//! hold debt scaled by a borrow index that grows with interest. Rounding as there, always
//! toward the pool.

use crate::chains::Chain;
use crate::fixed_point::{BPS, WAD, YEAR_MS, add, mul_div_down, mul_div_up};
use near_sdk::near;

/// What the owner lists a market with (`new`'s `markets`).
#[near(serializers = [borsh, json])]
#[derive(Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct MarketParameters {
    pub symbol: String,
    pub decimals: u8,
    pub chains: Vec<Chain>,
    /// USD with 8 decimals, as a decimal string of the integer.
    #[serde(with = "crate::json::u128_string")]
    #[cfg_attr(feature = "abi", schemars(with = "String"))]
    pub price_usd: u128,
    pub collateral_factor_bps: u16,
    pub base_rate_bps: u16,
    pub slope_rate_bps: u16,
    pub reserve_factor_bps: u16,
}

#[near(serializers = [borsh])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Market {
    pub parameters: MarketParameters,
    /// Asset units held by the pool and free to lend.
    pub cash: u128,
    pub total_shares: u128,
    pub total_debt_scaled: u128,
    /// 18 decimals; debt = scaled debt × index. Starts at 1.0.
    pub borrow_index: u128,
    pub reserves: u128,
    pub last_accrual_ms: u64,
    /// What came in from other chains and what went out, for conservation checks.
    pub deposited: u128,
    pub sent_out: u128,
}

impl Market {
    pub fn new(parameters: MarketParameters, now_ms: u64) -> Market {
        Market {
            parameters,
            cash: 0,
            total_shares: 0,
            total_debt_scaled: 0,
            borrow_index: WAD,
            reserves: 0,
            last_accrual_ms: now_ms,
            deposited: 0,
            sent_out: 0,
        }
    }

    pub fn symbol(&self) -> &str {
        &self.parameters.symbol
    }

    /// All debt in the market, rounded up.
    pub fn total_debt(&self) -> u128 {
        mul_div_up(self.total_debt_scaled, self.borrow_index, WAD)
    }

    /// What suppliers own together: cash plus debt owed to the pool, less reserves (never below zero).
    pub fn supplier_assets(&self) -> u128 {
        add(self.cash, self.total_debt()).saturating_sub(self.reserves)
    }

    /// Borrowed share of the pool, 18 decimals.
    pub fn utilization(&self) -> u128 {
        let debt = self.total_debt();
        let pool = add(self.cash, debt);
        if pool == 0 {
            0
        } else {
            mul_div_down(debt, WAD, pool)
        }
    }

    /// Borrow rate per year, 18 decimals: base + slope × utilization.
    pub fn borrow_rate_per_year(&self) -> u128 {
        let base = mul_div_down(self.parameters.base_rate_bps as u128, WAD, BPS);
        let slope = mul_div_down(self.parameters.slope_rate_bps as u128, WAD, BPS);
        base + mul_div_down(slope, self.utilization(), WAD)
    }

    /// Supply rate per year, 18 decimals: what borrowers pay, spread over the pool, less reserves.
    pub fn supply_rate_per_year(&self) -> u128 {
        let paid = mul_div_down(self.borrow_rate_per_year(), self.utilization(), WAD);
        mul_div_down(paid, BPS - self.parameters.reserve_factor_bps as u128, BPS)
    }

    /// Brings the borrow index up to `now_ms` (simple interest since the last accrual). A clock
    /// behind the last accrual changes nothing, as in the TypeScript.
    pub fn accrue(&mut self, now_ms: u64) {
        if now_ms <= self.last_accrual_ms {
            return;
        }
        let elapsed = (now_ms - self.last_accrual_ms) as u128;
        self.last_accrual_ms = now_ms;
        if self.total_debt_scaled == 0 {
            return;
        }
        let before = self.total_debt();
        let growth = mul_div_down(self.borrow_rate_per_year(), elapsed, YEAR_MS);
        self.borrow_index = add(
            self.borrow_index,
            mul_div_down(self.borrow_index, growth, WAD),
        );
        let interest = self.total_debt() - before;
        self.reserves = add(
            self.reserves,
            mul_div_down(interest, self.parameters.reserve_factor_bps as u128, BPS),
        );
    }

    /// Shares minted for supplying `amount`, rounded down.
    pub fn shares_for_deposit(&self, amount: u128) -> u128 {
        let assets = self.supplier_assets();
        if self.total_shares == 0 || assets == 0 {
            amount
        } else {
            mul_div_down(amount, self.total_shares, assets)
        }
    }

    /// Shares that represent `amount`, rounded up; None past u128 (more than any holding).
    pub fn shares_for_amount(&self, amount: u128) -> Option<u128> {
        let assets = self.supplier_assets();
        if self.total_shares == 0 || assets == 0 {
            Some(amount)
        } else {
            crate::wide::checked_mul_div_up(amount, self.total_shares, assets)
        }
    }

    /// The asset value of `shares`, rounded down.
    pub fn amount_for_shares(&self, shares: u128) -> u128 {
        if self.total_shares == 0 {
            0
        } else {
            mul_div_down(shares, self.supplier_assets(), self.total_shares)
        }
    }

    /// An account's debt from its scaled debt, rounded up.
    pub fn debt_of(&self, debt_scaled: u128) -> u128 {
        mul_div_up(debt_scaled, self.borrow_index, WAD)
    }

    /// USD value (8 decimals) of an amount, rounded down (collateral) or up (debt).
    pub fn usd_value(&self, amount: u128, round_up: bool) -> u128 {
        let scale = 10u128.pow(self.parameters.decimals as u32);
        if round_up {
            mul_div_up(amount, self.parameters.price_usd, scale)
        } else {
            mul_div_down(amount, self.parameters.price_usd, scale)
        }
    }
}

/// The markets a fresh contract starts with when `new` names none: the TypeScript's defaults.
pub fn default_markets() -> Vec<MarketParameters> {
    let usd = |cents: u128| cents * 1_000_000;
    let market = |symbol: &str,
                  decimals: u8,
                  chains: &[Chain],
                  price_usd: u128,
                  volatile: bool,
                  collateral_factor_bps: Option<u16>| MarketParameters {
        symbol: symbol.into(),
        decimals,
        chains: chains.to_vec(),
        price_usd,
        collateral_factor_bps: collateral_factor_bps.unwrap_or(if volatile { 7000 } else { 8500 }),
        base_rate_bps: if volatile { 200 } else { 100 },
        slope_rate_bps: if volatile { 2000 } else { 1200 },
        reserve_factor_bps: if volatile { 1500 } else { 1000 },
    };
    use Chain::*;
    vec![
        market(
            "USDC",
            6,
            &[Evm, Solana, Near, Stellar],
            usd(100),
            false,
            None,
        ),
        market("USDT", 6, &[Evm, Solana, Near], usd(100), false, None),
        market("ETH", 18, &[Evm], usd(300_000), true, None),
        market("SOL", 9, &[Solana], usd(15_000), true, None),
        market("NEAR", 24, &[Near], usd(300), true, Some(6500)),
        market("XLM", 7, &[Stellar], usd(10), true, Some(6000)),
    ]
}
