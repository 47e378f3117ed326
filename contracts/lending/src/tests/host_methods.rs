//! The bridge's `deposit` and the oracle's `set_price`.

use super::support::*;
use near_sdk::NearToken;

#[test]
fn behavior_a_deposit_credits_once_per_ref() {
    let mut contract = contract();
    let account_id = create(&mut contract, 1);
    deposit(&mut contract, &account_id, "USDC", "5000000", "ref-1");
    call_as(bridge(), NearToken::from_yoctonear(0));
    let again = contract.deposit(
        account_id.clone(),
        "USDC".into(),
        "5000000".into(),
        "evm".into(),
        "ref-1".into(),
    );
    assert!(!again.credited);
    assert_eq!(again.balance, "5000000");
    let market = &contract.markets[0];
    assert_eq!(market.deposited, 5_000_000);
}

#[test]
#[should_panic(expected = "UNAUTHORIZED: Only bridge.devnet (the bridge) may call this method.")]
fn error_a_deposit_by_anyone_but_the_bridge_is_refused() {
    let mut contract = contract();
    let account_id = create(&mut contract, 1);
    call_by(owner());
    contract.deposit(
        account_id,
        "USDC".into(),
        "1".into(),
        "evm".into(),
        "r".into(),
    );
}

#[test]
#[should_panic(expected = "UNSUPPORTED_DESTINATION: ETH does not arrive from solana")]
fn error_a_deposit_from_a_chain_the_asset_does_not_come_from_is_refused() {
    let mut contract = contract();
    let account_id = create(&mut contract, 1);
    call_by(bridge());
    contract.deposit(
        account_id,
        "ETH".into(),
        "1".into(),
        "solana".into(),
        "r".into(),
    );
}

#[test]
#[should_panic(expected = "ACCOUNT_NOT_FOUND")]
fn error_a_deposit_to_an_unknown_account_is_refused() {
    let mut contract = contract();
    call_by(bridge());
    contract.deposit(
        "pk-nobody".into(),
        "USDC".into(),
        "1".into(),
        "evm".into(),
        "r".into(),
    );
}

#[test]
#[should_panic(expected = "UNKNOWN_ASSET: There is no DOGE market.")]
fn error_a_deposit_of_an_unknown_asset_is_refused() {
    let mut contract = contract();
    let account_id = create(&mut contract, 1);
    call_by(bridge());
    contract.deposit(
        account_id,
        "DOGE".into(),
        "1".into(),
        "evm".into(),
        "r".into(),
    );
}

#[test]
#[should_panic(expected = "INVALID_REQUEST: The argument amount is missing or malformed.")]
fn error_a_deposit_of_a_malformed_amount_is_refused() {
    let mut contract = contract();
    let account_id = create(&mut contract, 1);
    call_by(bridge());
    contract.deposit(
        account_id,
        "USDC".into(),
        "01".into(),
        "evm".into(),
        "r".into(),
    );
}

#[test]
#[should_panic(expected = "INSUFFICIENT_STORAGE_DEPOSIT: A deposit ref stakes 200 bytes")]
fn error_a_new_deposit_ref_without_its_storage_stake_is_refused() {
    let mut contract = contract();
    let account_id = create(&mut contract, 1);
    call_by(bridge());
    contract.deposit(
        account_id,
        "USDC".into(),
        "1".into(),
        "evm".into(),
        "r".into(),
    );
}

#[test]
fn behavior_the_oracle_sets_a_price_after_interest_accrues_at_the_old_one() {
    let mut contract = contract();
    call_by(oracle());
    let set = contract.set_price("ETH".into(), "2500.5".into());
    assert_eq!(
        (set.asset.as_str(), set.price_usd.as_str()),
        ("ETH", "2500.5")
    );
    assert_eq!(contract.markets[2].parameters.price_usd, 250_050_000_000);
}

#[test]
#[should_panic(expected = "UNAUTHORIZED: Only oracle.devnet (the oracle) may call this method.")]
fn error_a_price_from_anyone_but_the_oracle_is_refused() {
    let mut contract = contract();
    call_by(bridge());
    contract.set_price("ETH".into(), "1".into());
}

#[test]
#[should_panic(expected = "INVALID_REQUEST: A price must be greater than zero.")]
fn error_a_zero_price_is_refused() {
    let mut contract = contract();
    call_by(oracle());
    contract.set_price("ETH".into(), "0.0".into());
}

#[test]
fn error_a_malformed_price_is_refused() {
    for bad in ["01", "1.", "1.123456789", "-1", "1e3", "12345678901234567"] {
        let outcome = std::panic::catch_unwind(|| {
            let mut contract = contract();
            call_by(oracle());
            contract.set_price("ETH".into(), bad.into());
        });
        assert!(outcome.is_err(), "{bad} was accepted");
    }
}
