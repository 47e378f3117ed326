//! The external chains whose wallets can be bound and whose assets arrive and leave.

/// `ccl-proofs`' chain type, under the name this contract's state, views and arguments use.
pub use ccl_proofs::WalletChain as Chain;

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
