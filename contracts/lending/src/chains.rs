//! The external chains whose wallets can be bound and whose assets arrive and leave.

use near_sdk::near;

#[near(serializers = [borsh, json])]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chain {
    #[serde(rename = "evm")]
    Evm,
    #[serde(rename = "solana")]
    Solana,
    #[serde(rename = "near")]
    Near,
    #[serde(rename = "stellar")]
    Stellar,
}

impl Chain {
    pub fn as_str(self) -> &'static str {
        match self {
            Chain::Evm => "evm",
            Chain::Solana => "solana",
            Chain::Near => "near",
            Chain::Stellar => "stellar",
        }
    }

    pub fn parse(text: &str) -> Option<Chain> {
        match text {
            "evm" => Some(Chain::Evm),
            "solana" => Some(Chain::Solana),
            "near" => Some(Chain::Near),
            "stellar" => Some(Chain::Stellar),
            _ => None,
        }
    }
}

/// The asset table every wallet message writes amounts with (protocol `assets.ts`): a market
/// whose decimals disagree would make every signed amount a lie.
pub fn asset_decimals(asset: &str) -> Option<u8> {
    match asset {
        "USDC" | "USDT" => Some(6),
        "ETH" => Some(18),
        "SOL" => Some(9),
        "NEAR" => Some(24),
        "XLM" => Some(7),
        _ => None,
    }
}
