//! `new` and `migrate`.

use super::support::*;
use crate::versions::{ConfigV1, LendingV1};
use crate::{Lending, STATE_VERSION};
use near_sdk::borsh;
use near_sdk::env;
use near_sdk::serde_json::json;

#[test]
fn behavior_new_lists_the_typescript_default_markets_and_the_roles() {
    let contract = contract();
    let config = to_json(&contract.get_config());
    assert_eq!(config["contractId"], "lending.devnet");
    assert_eq!(config["oracle"], "oracle.devnet");
    assert_eq!(config["bridge"], "bridge.devnet");
    assert_eq!(config["partnerOrigins"], json!([PARTNER]));
    let symbols: Vec<String> = contract
        .get_markets()
        .into_iter()
        .map(|market| market.asset)
        .collect();
    assert_eq!(symbols, ["USDC", "USDT", "ETH", "SOL", "NEAR", "XLM"]);
}

#[test]
fn behavior_new_defaults_the_oracle_and_bridge_to_the_owner() {
    call_by(owner());
    let mut args = config_args();
    args.oracle = None;
    args.bridge = None;
    let contract = Lending::new(args, None);
    assert_eq!(contract.get_config().oracle, owner());
    assert_eq!(contract.get_config().bridge, owner());
}

#[test]
#[should_panic(expected = "INVALID_CONFIGURATION: walletOrigins has")]
fn error_new_refuses_an_origin_browsers_would_not_write() {
    call_by(owner());
    let mut args = config_args();
    args.wallet_origins = vec!["https://wallet.example/".into()];
    Lending::new(args, None);
}

#[test]
#[should_panic(expected = "INVALID_CONFIGURATION: The USDC market has 18 decimals")]
fn error_new_refuses_a_market_whose_decimals_disagree_with_the_protocol() {
    call_by(owner());
    let mut markets = crate::markets::default_markets();
    markets[0].decimals = 18;
    Lending::new(config_args(), Some(markets));
}

fn write_v1_state() -> String {
    // A v1 contract with one account: its collections carry over under the same prefixes.
    let mut current = contract();
    let account_id = create(&mut current, 1);
    // Version 1 kept its markets in a collection.
    let mut markets = near_sdk::store::Vector::new(crate::state::prefix::MARKETS);
    markets.extend(current.markets.iter().cloned());
    markets.flush();
    let v1 = LendingV1 {
        config: ConfigV1 {
            chain_id: crate::ChainId::Devnet,
            owner: owner(),
            rp_id: "localhost".into(),
            wallet_origins: vec![WALLET_ORIGIN.into()],
            partner_origins: vec![PARTNER.into()],
            max_deadline_window_ms: 3_600_000,
            security_period_ms: SECURITY_PERIOD_MS,
        },
        markets,
        accounts: current.accounts,
        by_credential: current.by_credential,
        retired: current.retired,
        by_wallet: current.by_wallet,
        requests: current.requests,
        deposit_refs: current.deposit_refs,
        transfers: current.transfers,
        next_transfer_id: current.next_transfer_id,
    };
    env::storage_write(b"STATE", &borsh::to_vec(&v1).unwrap());
    account_id
}

#[test]
fn behavior_migrate_brings_a_v1_state_to_v2_keeping_accounts_and_giving_the_owner_both_roles() {
    let account_id = write_v1_state();
    call_by(owner());
    let migrated = Lending::migrate();
    assert_eq!(migrated.version, STATE_VERSION);
    assert_eq!(migrated.get_config().oracle, owner());
    assert_eq!(migrated.get_config().bridge, owner());
    assert!(migrated.get_account(account_id).is_some());
    assert_eq!(migrated.get_markets().len(), 6);
    // The old market records are gone: nothing is left staked for nobody.
    assert!(!env::storage_has_key(b"m\x00\x00\x00\x00"));
    assert!(!env::storage_has_key(b"m\x05\x00\x00\x00"));
}

#[test]
fn behavior_the_contract_account_itself_may_migrate_in_its_deploy_transaction() {
    write_v1_state();
    call_by(contract_id());
    assert_eq!(Lending::migrate().version, STATE_VERSION);
}

#[test]
#[should_panic(
    expected = "UNAUTHORIZED: Only owner.devnet (the owner) or the contract account may migrate"
)]
fn error_migrate_by_anyone_else_is_refused() {
    write_v1_state();
    call_by(relayer());
    Lending::migrate();
}

#[test]
#[should_panic(expected = "INVALID_CONFIGURATION: The state is already at version 2")]
fn error_migrate_of_a_current_state_is_refused() {
    let contract = contract();
    env::storage_write(b"STATE", &borsh::to_vec(&contract).unwrap());
    call_by(owner());
    Lending::migrate();
}
