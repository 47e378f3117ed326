//! The facts of a request as every wallet message writes them (`message-facts.ts`): each action
//! in words, its amount in the asset's own units beside the exact integer, the recipient, the
//! deadline in ISO 8601 UTC. Text and EIP-712 messages are both built from these.

use crate::error::{ProofResult, code, refuse};
use crate::scalar::{Scalar, from_decimal};
use crate::wallet::WalletChain;

/// The protocol's asset table (`assets.ts`): decimals of each asset's smallest unit.
const ASSET_DECIMALS: [(&str, usize); 6] = [
    ("USDC", 6),
    ("USDT", 6),
    ("ETH", 18),
    ("SOL", 9),
    ("NEAR", 24),
    ("XLM", 7),
];

pub(crate) fn asset_decimals(asset: &str) -> ProofResult<usize> {
    match ASSET_DECIMALS.iter().find(|(symbol, _)| *symbol == asset) {
        Some(&(_, decimals)) => Ok(decimals),
        None => refuse(
            code::UNKNOWN_ASSET,
            format!(
                "The asset \"{asset}\" is not one the protocol knows, so no amount of it can be shown or signed."
            ),
        ),
    }
}

/// An amount of an action: "12.5 USDC" as people read it, and the integer the contract counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amount {
    pub text: String,
    pub smallest_units: String,
    pub(crate) value: Scalar,
}

/// One action's facts, built by the constructor of its action type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionFacts {
    pub action: String,
    pub amount: Option<Amount>,
    /// Where a Borrow sends the asset: "EVM 0x…".
    pub recipient: Option<String>,
}

/// `formatUnits` on decimal text: the whole part, then the fraction without trailing zeros.
fn format_units(digits: &str, decimals: usize) -> String {
    let padded = format!("{digits:0>width$}", width = decimals + 1);
    let (whole, fraction) = padded.split_at(padded.len() - decimals);
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() {
        whole.to_owned()
    } else {
        format!("{whole}.{fraction}")
    }
}

fn amount(asset: &str, smallest_units: &str) -> ProofResult<Amount> {
    let decimals = asset_decimals(asset)?;
    let Some(value) = from_decimal(smallest_units).filter(|value| value.iter().any(|&b| b != 0))
    else {
        return refuse(
            code::INVALID_REQUEST,
            format!(
                "The request's amount \"{smallest_units}\" is not a positive integer of at most 2^256 - 1."
            ),
        );
    };
    Ok(Amount {
        text: format!("{} {asset}", format_units(smallest_units, decimals)),
        smallest_units: smallest_units.to_owned(),
        value,
    })
}

pub(crate) fn address_text(chain: WalletChain, address: &str) -> String {
    format!("{} {address}", chain.display_name())
}

impl ActionFacts {
    fn moving(action: &str, asset: &str, smallest_units: &str) -> ProofResult<Self> {
        Ok(Self {
            action: action.to_owned(),
            amount: Some(amount(asset, smallest_units)?),
            recipient: None,
        })
    }

    fn plain(action: String) -> Self {
        Self {
            action,
            amount: None,
            recipient: None,
        }
    }

    pub fn supply(asset: &str, smallest_units: &str, collateral: bool) -> ProofResult<Self> {
        Self::moving(
            if collateral {
                "Supply as collateral"
            } else {
                "Supply"
            },
            asset,
            smallest_units,
        )
    }

    pub fn repay(asset: &str, smallest_units: &str) -> ProofResult<Self> {
        Self::moving("Repay debt", asset, smallest_units)
    }

    pub fn adjust(asset: &str, smallest_units: &str, to_collateral: bool) -> ProofResult<Self> {
        let action = if to_collateral {
            "Move from supplied to collateral"
        } else {
            "Move from collateral to supplied"
        };
        Self::moving(action, asset, smallest_units)
    }

    pub fn borrow(
        asset: &str,
        smallest_units: &str,
        recipient_chain: WalletChain,
        recipient_address: &str,
    ) -> ProofResult<Self> {
        let mut facts = Self::moving("Borrow", asset, smallest_units)?;
        facts.recipient = Some(address_text(recipient_chain, recipient_address));
        Ok(facts)
    }

    pub fn add_wallet(chain: WalletChain, address: &str) -> Self {
        Self::plain(format!("Bind the {} wallet", address_text(chain, address)))
    }

    pub fn add_passkey(credential_id: &str, public_key: &str) -> Self {
        Self::plain(format!(
            "Add the passkey {credential_id} (key {public_key})"
        ))
    }

    pub fn remove_passkey(credential_id: &str) -> Self {
        Self::plain(format!("Remove the passkey {credential_id}"))
    }

    pub fn remove_wallet(chain: WalletChain, address: &str) -> Self {
        Self::plain(format!(
            "Remove the {} wallet",
            address_text(chain, address)
        ))
    }

    /// "Borrow: 100 USDC (100000000 smallest units) to EVM 0x…".
    pub(crate) fn text(&self) -> String {
        let mut line = self.action.clone();
        if let Some(amount) = &self.amount {
            line.push_str(&format!(
                ": {} ({} smallest units)",
                amount.text, amount.smallest_units
            ));
        }
        if let Some(recipient) = &self.recipient {
            line.push_str(&format!(" to {recipient}"));
        }
        line
    }
}

/// JavaScript's `Date` range: ±8.64e15 ms. Past it `deadlineText` writes the number itself.
const MAX_DATE_MS: u64 = 8_640_000_000_000_000;

/// `new Date(ms).toISOString()`: `YYYY-MM-DDTHH:mm:ss.sssZ`, with a signed six-digit year past 9999.
pub(crate) fn deadline_text(deadline_ms: u64) -> String {
    if deadline_ms > MAX_DATE_MS {
        return deadline_ms.to_string();
    }
    let (days, ms_of_day) = (deadline_ms / 86_400_000, deadline_ms % 86_400_000);
    // Days since 1970-01-01 to a civil date (proleptic Gregorian), by 400-year eras.
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    let year = if year > 9999 {
        format!("+{year:06}")
    } else {
        format!("{year:04}")
    };
    let (hours, minutes, seconds, millis) = (
        ms_of_day / 3_600_000,
        ms_of_day / 60_000 % 60,
        ms_of_day / 1000 % 60,
        ms_of_day % 1000,
    );
    format!("{year}-{month:02}-{day:02}T{hours:02}:{minutes:02}:{seconds:02}.{millis:03}Z")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behavior_deadline_text_matches_to_iso_string() {
        assert_eq!(deadline_text(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(deadline_text(951_782_400_123), "2000-02-29T00:00:00.123Z");
        assert_eq!(deadline_text(1_767_225_599_999), "2025-12-31T23:59:59.999Z");
        assert_eq!(
            deadline_text(253_402_300_800_000),
            "+010000-01-01T00:00:00.000Z"
        );
        assert_eq!(
            deadline_text(8_640_000_000_000_000),
            "+275760-09-13T00:00:00.000Z"
        );
        assert_eq!(deadline_text(8_640_000_000_000_001), "8640000000000001");
    }

    #[test]
    fn behavior_amounts_in_the_assets_own_units() {
        assert_eq!(amount("USDC", "12500000").unwrap().text, "12.5 USDC");
        assert_eq!(amount("ETH", "1").unwrap().text, "0.000000000000000001 ETH");
        assert_eq!(amount("XLM", "10000000").unwrap().text, "1 XLM");
        assert_eq!(amount("DOGE", "1").err().unwrap().code, code::UNKNOWN_ASSET);
        assert_eq!(
            amount("USDC", "0").err().unwrap().code,
            code::INVALID_REQUEST
        );
    }
}
