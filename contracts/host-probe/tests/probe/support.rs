//! The mocked chain every test starts from, and helpers shared by the test modules.

use near_sdk::test_utils::VMContextBuilder;
use near_sdk::{AccountId, Gas, NearToken, testing_env};

pub fn probe_account() -> AccountId {
    "probe.test.near".parse().unwrap()
}

pub fn alice() -> AccountId {
    "alice.test.near".parse().unwrap()
}

/// A function call by alice on the probe, with 300 Tgas (NEAR's limit per call) and a funded account.
pub fn call_by_alice() -> VMContextBuilder {
    let mut context = VMContextBuilder::new();
    context
        .current_account_id(probe_account())
        .predecessor_account_id(alice())
        .signer_account_id(alice())
        .prepaid_gas(Gas::from_tgas(300))
        .account_balance(NearToken::from_near(10))
        .storage_usage(1_000);
    context
}

/// The mocked chain with this context. Each test runs on its own thread, whose mocked chain
/// starts with empty storage and no logs; a second call within a test keeps the storage.
pub fn start(context: &VMContextBuilder) {
    testing_env!(context.build());
}

pub fn hex_of(bytes: impl AsRef<[u8]>) -> String {
    hex::encode(bytes)
}
