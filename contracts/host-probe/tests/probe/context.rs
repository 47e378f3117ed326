use crate::support::{alice, call_by_alice, probe_account, start};
use host_probe::HostProbe;
use near_sdk::serde_json::{self, json};
use near_sdk::{AccountId, Gas, NearToken, PublicKey};

fn relayer() -> AccountId {
    "relayer.test.near".parse().unwrap()
}

fn signer_key() -> PublicKey {
    "ed25519:6E8sCci9badyRkXb3JoRpBj5p8C6Tw41ELDZoiihKEtp"
        .parse()
        .unwrap()
}

/// A call relayed for alice: the signer (relayer) differs from the predecessor (alice).
fn relayed_call() -> near_sdk::test_utils::VMContextBuilder {
    let mut context = call_by_alice();
    context
        .signer_account_id(relayer())
        .signer_account_pk(signer_key())
        .block_height(1_234)
        .block_timestamp(1_764_633_600_123_456_789)
        .epoch_height(17)
        .account_balance(NearToken::from_near(7))
        .account_locked_balance(NearToken::from_near(2))
        .storage_usage(4_321)
        .attached_deposit(NearToken::from_millinear(5))
        .random_seed([0xab; 32]);
    context
}

#[test]
fn behavior_read_call_context_reports_each_context_value() {
    start(&relayed_call());
    let context = HostProbe::default().read_call_context();
    assert_eq!(context.view.current_account_id, probe_account());
    assert_eq!(context.view.block_height, 1_234);
    assert_eq!(context.view.block_timestamp.0, 1_764_633_600_123_456_789);
    assert_eq!(context.view.epoch_height, 17);
    assert_eq!(context.view.account_locked_balance, NearToken::from_near(2));
    assert_eq!(context.view.storage_usage, 4_321);
    assert_eq!(context.view.random_seed, "ab".repeat(32));
    assert_eq!(context.predecessor_account_id, alice());
    assert_eq!(context.signer_account_id, relayer());
    assert_eq!(context.signer_account_pk, signer_key());
    assert_eq!(context.attached_deposit, NearToken::from_millinear(5));
    assert_eq!(context.prepaid_gas, Gas::from_tgas(300));
    // The host counts the attached deposit in the balance: it is credited before the call runs.
    assert_eq!(
        context.view.account_balance,
        NearToken::from_millinear(7_005)
    );
    assert!(
        context.used_gas > Gas::from_gas(0) && context.used_gas < Gas::from_tgas(1),
        "used gas {}",
        context.used_gas
    );
}

#[test]
fn behavior_call_context_json_is_flat_with_large_numbers_as_strings() {
    start(&relayed_call());
    let json = serde_json::to_value(HostProbe::default().read_call_context()).unwrap();
    let used_gas = json["used_gas"].clone();
    assert!(used_gas.is_string(), "used_gas is {used_gas}");
    assert_eq!(
        json,
        json!({
            "current_account_id": "probe.test.near",
            "block_height": 1234,
            "block_timestamp": "1764633600123456789",
            "epoch_height": 17,
            "account_balance": "7005000000000000000000000",
            "account_locked_balance": "2000000000000000000000000",
            "storage_usage": 4321,
            "random_seed": "ab".repeat(32),
            "predecessor_account_id": "alice.test.near",
            "signer_account_id": "relayer.test.near",
            "signer_account_pk": "ed25519:6E8sCci9badyRkXb3JoRpBj5p8C6Tw41ELDZoiihKEtp",
            "attached_deposit": "5000000000000000000000",
            "prepaid_gas": "300000000000000",
            "used_gas": used_gas,
        })
    );
}

#[test]
fn behavior_read_view_context_works_in_a_view() {
    start(
        relayed_call()
            .is_view(true)
            .attached_deposit(NearToken::from_near(0)),
    );
    let context = HostProbe::read_view_context();
    assert_eq!(context.current_account_id, probe_account());
    assert_eq!(context.block_height, 1_234);
    assert_eq!(context.random_seed, "ab".repeat(32));
}

#[test]
#[should_panic(expected = "ProhibitedInView { method_name: \"predecessor_account_id\" }")]
fn error_read_call_context_in_a_view_is_prohibited_in_view() {
    start(
        relayed_call()
            .is_view(true)
            .attached_deposit(NearToken::from_near(0)),
    );
    HostProbe::default().read_call_context();
}
