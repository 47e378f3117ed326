//! Who pays for each byte. Every account's state is bounded by the caps below; its bytes are
//! measured as they change and charged to the NEAR staked for it (create_account's deposit,
//! later `add_storage_stake`); a change its stake cannot cover is refused before NEAR's own
//! LackBalanceForState. The bridge pays for its deposit refs; the contract pays only for what is
//! bounded by its configuration (markets, the transfer ring).

use crate::errors::{Code, refuse};
use near_sdk::{NearToken, env};

pub const MAX_PASSKEYS: usize = 4;
pub const MAX_WALLETS: usize = 4;
/// Passkeys one account may remove over its life: each leaves a tombstone kept forever.
pub const MAX_TOMBSTONES: u8 = 8;
/// Requests whose deadline has not passed yet; older nonces are pruned.
pub const MAX_LIVE_NONCES: usize = 16;
/// Request records kept per account (a ring: the oldest goes when a new one comes).
pub const MAX_KEPT_REQUESTS: usize = 8;
/// Transfers out kept for `get_transfers` (a ring over all accounts, the contract's cost).
pub const MAX_KEPT_TRANSFERS: u64 = 256;
/// What create_account's deposit buys: bytes of state for the account's record, its indexes,
/// its live nonces and its kept requests (measured in the tests; see docs/contracts.md).
pub const ACCOUNT_STAKE_BYTES: u64 = 5_000;
/// What each new deposit ref costs the bridge: its hashed key and NEAR's 40 bytes per record,
/// plus a position the deposit may open in the account.
pub const DEPOSIT_REF_STAKE_BYTES: u64 = 200;

pub fn byte_cost() -> u128 {
    env::storage_byte_cost().as_yoctonear()
}

pub fn stake_for(bytes: u64) -> u128 {
    byte_cost() * bytes as u128
}

/// Refuses unless the attached deposit covers `bytes` of state.
pub fn require_attached(bytes: u64, what: &str) {
    let needed = stake_for(bytes);
    let attached = env::attached_deposit().as_yoctonear();
    if attached < needed {
        refuse(
            Code::InsufficientStorageDeposit,
            format!(
                "{what} stakes {bytes} bytes of contract storage: attach {} ({needed} yoctoNEAR); {attached} was attached.",
                NearToken::from_yoctonear(needed).exact_amount_display()
            ),
        );
    }
}

/// Refuses a change the contract's own balance could not stake, before NEAR's LackBalanceForState.
pub fn require_contract_can_stake() {
    let needed = env::storage_usage() as u128 * byte_cost();
    let available =
        env::account_balance().as_yoctonear() + env::account_locked_balance().as_yoctonear();
    if available < needed {
        refuse(
            Code::ContractStorageExhausted,
            format!(
                "The contract's balance ({available} yoctoNEAR) cannot stake its {} bytes of state; the operator must fund it.",
                env::storage_usage()
            ),
        );
    }
}
