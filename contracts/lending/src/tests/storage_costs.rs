//! Bytes per passkey account and per request record, measured with env::storage_usage().

use super::support::*;
use near_sdk::env;
use near_sdk::serde_json::json;

#[test]
fn behavior_a_passkey_account_takes_at_most_400_bytes() {
    let mut contract = contract();
    contract.flush_all();
    call_by(relayer());
    let before = env::storage_usage();
    let account_id = create(&mut contract, 1);
    let bytes = env::storage_usage() - before;
    println!("bytes per passkey account (record + credential index): {bytes}");
    assert!(bytes <= 400, "{bytes} bytes");
    assert_eq!(
        contract
            .accounts
            .get(&account_id)
            .unwrap()
            .storage
            .used_bytes,
        bytes
    );
}

#[test]
fn behavior_a_request_record_and_its_nonce_are_charged_to_the_account() {
    let mut contract = contract();
    let account_id = funded_user(&mut contract, 1);
    let used = |contract: &crate::Lending| {
        contract
            .accounts
            .get(&account_id)
            .unwrap()
            .storage
            .used_bytes
    };
    call_by(relayer());
    let before_usage = env::storage_usage();
    let before = used(&contract);
    run(
        &mut contract,
        &account_id,
        By::Passkey(1),
        json!([supply("USDC", "1000000", false)]),
    );
    let charged = used(&contract) - before;
    println!("bytes per supply request (record, ring entry, live nonce): {charged}");
    assert_eq!(
        charged,
        env::storage_usage() - before_usage,
        "what the account is charged is what the storage grew by"
    );
    assert!(charged <= 300, "{charged} bytes");
}

#[test]
#[should_panic(expected = "CONTRACT_STORAGE_EXHAUSTED")]
fn error_a_change_the_contract_s_balance_cannot_stake_is_refused_before_near_s_own_failure() {
    let mut contract = contract();
    call_as(relayer(), stake());
    let mut context = near_sdk::test_utils::VMContextBuilder::new();
    context
        .current_account_id(contract_id())
        .predecessor_account_id(relayer())
        .block_timestamp(now() * 1_000_000)
        .attached_deposit(stake())
        .account_balance(near_sdk::NearToken::from_yoctonear(1))
        .storage_usage(10_000);
    near_sdk::testing_env!(context.build());
    contract.record_account(
        "pk-x",
        &credential(1),
        public_key(1),
        0,
        stake().as_yoctonear(),
    );
}
