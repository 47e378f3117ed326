//! Integer arithmetic for balances, ported from `packages/contract/src/fixed-point.ts`: amounts
//! in the asset's smallest unit, USD prices with 8 decimals, rates and indexes with 18. Every
//! division says which way it rounds, and rounding always favours the pool.

use crate::errors::{Code, refuse};
use crate::wide::{checked_mul_div_down, checked_mul_div_up};

pub const WAD: u128 = 1_000_000_000_000_000_000;
pub const BPS: u128 = 10_000;
pub const USD_DECIMALS: u32 = 8;
pub const YEAR_MS: u128 = 365 * 24 * 60 * 60 * 1000;

/// The pool's arithmetic never leaves u128 with amounts the chain can hold; an amount that
/// would is refused rather than wrapped.
fn too_large() -> ! {
    refuse(
        Code::InvalidRequest,
        "An amount is too large for the pool's arithmetic.",
    )
}

pub fn mul_div_down(a: u128, b: u128, denominator: u128) -> u128 {
    checked_mul_div_down(a, b, denominator).unwrap_or_else(|| too_large())
}

pub fn mul_div_up(a: u128, b: u128, denominator: u128) -> u128 {
    checked_mul_div_up(a, b, denominator).unwrap_or_else(|| too_large())
}

/// Adds, refusing past u128 (an amount no chain can hold).
pub fn add(a: u128, b: u128) -> u128 {
    a.checked_add(b).unwrap_or_else(|| too_large())
}

/// `123456789` with 8 decimals is "1.23456789"; `max_fraction` truncates (never rounds up) and
/// trailing zeros go, as the protocol's `formatUnits`.
pub fn format_units(value: u128, decimals: u32, max_fraction: u32) -> String {
    let base = 10u128.pow(decimals);
    let whole = value / base;
    if decimals == 0 {
        return whole.to_string();
    }
    let mut fraction = format!("{:0width$}", value % base, width = decimals as usize);
    fraction.truncate(max_fraction as usize);
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() {
        whole.to_string()
    } else {
        format!("{whole}.{fraction}")
    }
}

/// `numerator / denominator` in decimals, truncated to `max_fraction` digits with trailing zeros
/// trimmed: what `format_units(⌊numerator × 10^18 / denominator⌋, 18, max_fraction)` prints,
/// also when that 18-decimal quotient would not fit in u128. `denominator` must be positive.
pub fn format_ratio(numerator: u128, denominator: u128, max_fraction: u32) -> String {
    let whole = numerator / denominator;
    // Below 10^max_fraction, since the remainder is below the denominator.
    let fraction = mul_div_down(
        numerator % denominator,
        10u128.pow(max_fraction),
        denominator,
    );
    match format_units(fraction, max_fraction, max_fraction).split_once('.') {
        Some((_, digits)) => format!("{whole}.{digits}"),
        None => whole.to_string(),
    }
}

/// USD (8 decimals) as dollars and cents, rounded down: "100.00".
pub fn format_usd(value: u128) -> String {
    let cents = value / 10u128.pow(USD_DECIMALS - 2);
    format!("{}.{:02}", cents / 100, cents % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behavior_format_units_truncates_and_trims_like_the_protocol() {
        assert_eq!(format_units(123_456_789, 8, 8), "1.23456789");
        assert_eq!(format_units(100_000_000, 8, 8), "1");
        assert_eq!(format_units(150_000_000, 8, 8), "1.5");
        assert_eq!(format_units(1_999_999_999_999_999_999, 18, 4), "1.9999");
        assert_eq!(format_units(0, 6, 6), "0");
        assert_eq!(format_units(7, 0, 0), "7");
        assert_eq!(format_units(5, 6, 2), "0");
    }

    #[test]
    fn behavior_format_ratio_prints_what_the_18_decimal_quotient_would() {
        for (numerator, denominator) in [(3u128, 2u128), (1, 3), (10, 5), (7, 70_000), (12_345, 1)]
        {
            assert_eq!(
                format_ratio(numerator, denominator, 4),
                format_units(mul_div_down(numerator, WAD, denominator), 18, 4),
                "{numerator}/{denominator}"
            );
        }
        // Past u128 as an 18-decimal quotient: 10^30 / 3 = 333…333.3333.
        assert_eq!(
            format_ratio(10u128.pow(30), 3, 4),
            format!("{}.3333", "3".repeat(30))
        );
    }

    #[test]
    fn behavior_format_usd_shows_cents_rounded_down() {
        assert_eq!(format_usd(10_000_000_000), "100.00");
        assert_eq!(format_usd(1_999_999), "0.01");
        assert_eq!(format_usd(0), "0.00");
    }
}
