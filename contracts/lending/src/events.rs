//! NEP-297 events: one log line `EVENT_JSON:{"standard","version","event","data"}` that the
//! bridge and the external chains' ledgers follow.

use crate::views::TransferView;
use near_sdk::serde::Serialize;
use near_sdk::{env, serde_json};

pub const STANDARD: &str = "crosschain-lending";
pub const VERSION: &str = "1.0.0";

#[derive(Serialize)]
#[serde(crate = "near_sdk::serde")]
struct Event<'a, T> {
    standard: &'a str,
    version: &'a str,
    event: &'a str,
    data: T,
}

fn emit<T: Serialize>(event: &str, data: T) {
    let line = serde_json::to_string(&Event {
        standard: STANDARD,
        version: VERSION,
        event,
        data,
    })
    .unwrap_or_else(|_| env::abort());
    env::log_str(&format!("EVENT_JSON:{line}"));
}

/// Assets a request sends out (Borrow): the bridge pays each at `address` on `chain`.
pub fn transfers_out(transfers: &[TransferView]) {
    if !transfers.is_empty() {
        emit("transfer_out", transfers);
    }
}
