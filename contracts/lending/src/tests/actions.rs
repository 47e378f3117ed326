//! The apply path after verification: each action under the policy, the security period,
//! health, nonces, records and transfers.

use super::support::*;
use near_sdk::serde_json::json;
use near_sdk::test_utils::get_logs;

fn repay(asset: &str, amount: &str) -> near_sdk::serde_json::Value {
    json!({ "type": "repay", "asset": asset, "amount": amount })
}

fn adjust(asset: &str, amount: &str, direction: &str) -> near_sdk::serde_json::Value {
    json!({ "type": "adjust", "asset": asset, "amount": amount, "direction": direction })
}

#[test]
fn error_supply_before_a_wallet_is_bound_is_refused() {
    let mut contract = contract();
    let account_id = create(&mut contract, 1);
    deposit(&mut contract, &account_id, "USDC", "100", "r");
    assert_eq!(
        refused_code(
            &contract,
            &account_id,
            json!([supply("USDC", "100", false)])
        ),
        "WALLET_NOT_BOUND"
    );
}

#[test]
fn behavior_supply_moves_balance_into_the_pool_as_shares() {
    let mut contract = contract();
    let account_id = funded_user(&mut contract, 1);
    run(
        &mut contract,
        &account_id,
        By::Passkey(1),
        json!([supply("USDC", "400000000", true)]),
    );
    let position = contract.get_position(account_id).unwrap();
    let usdc = &position.assets.iter().find(|a| a.asset == "USDC").unwrap();
    assert_eq!(
        (usdc.balance.as_str(), usdc.collateral.as_str()),
        ("600000000", "400000000")
    );
    assert_eq!(contract.markets[0].cash, 400_000_000);
}

#[test]
fn error_supply_of_more_than_the_balance_is_refused() {
    let mut contract = contract();
    let account_id = funded_user(&mut contract, 1);
    assert_eq!(
        refused_code(
            &contract,
            &account_id,
            json!([supply("USDC", "1000000001", false)])
        ),
        "INSUFFICIENT_FUNDS"
    );
}

#[test]
fn error_supply_too_small_for_one_share_is_refused() {
    let mut contract = contract();
    let account_id = funded_user(&mut contract, 1);
    let mut market = contract.markets[0].clone();
    (market.total_shares, market.cash) = (1, 1_000);
    contract.markets[0] = market;
    assert_eq!(
        refused_code(&contract, &account_id, json!([supply("USDC", "1", false)])),
        "AMOUNT_TOO_SMALL"
    );
}

#[test]
fn error_an_unknown_asset_is_refused() {
    let mut contract = contract();
    let account_id = funded_user(&mut contract, 1);
    assert_eq!(
        refused_code(&contract, &account_id, json!([supply("DOGE", "1", false)])),
        "UNKNOWN_ASSET"
    );
}

#[test]
fn behavior_borrow_to_the_bound_wallet_creates_debt_and_a_transfer_event() {
    let mut contract = contract();
    liquidity(&mut contract);
    let account_id = funded_user(&mut contract, 1);
    run(
        &mut contract,
        &account_id,
        By::Passkey(1),
        json!([supply("ETH", "2000000000000000000", true)]),
    );
    let outcome = run(
        &mut contract,
        &account_id,
        By::Passkey(1),
        json!([borrow("USDC", "1000000000", EVM_A)]),
    );
    assert_eq!(outcome.transfers.len(), 1);
    assert_eq!(outcome.transfers[0].address, EVM_A);
    let event = get_logs()
        .into_iter()
        .find(|line| line.starts_with("EVENT_JSON:"))
        .expect("a NEP-297 event");
    let event: near_sdk::serde_json::Value =
        near_sdk::serde_json::from_str(&event["EVENT_JSON:".len()..]).unwrap();
    assert_eq!(
        (
            event["standard"].as_str(),
            event["version"].as_str(),
            event["event"].as_str()
        ),
        (
            Some("crosschain-lending"),
            Some("1.0.0"),
            Some("transfer_out")
        )
    );
    assert_eq!(event["data"][0]["amount"], "1000000000");
    let position = contract.get_position(account_id.clone()).unwrap();
    assert_eq!(position.debt_usd, "1000");
    let request = contract.get_request(outcome.request_id).unwrap();
    assert_eq!(to_json(&request.transfers), to_json(&outcome.transfers));
}

#[test]
fn error_borrow_past_the_borrow_limit_is_refused_as_health_too_low() {
    let mut contract = contract();
    liquidity(&mut contract);
    let account_id = funded_user(&mut contract, 1);
    run(
        &mut contract,
        &account_id,
        By::Passkey(1),
        json!([supply("ETH", "1000000000000000000", true)]),
    );
    // 1 ETH at $3000 with a 70% factor lends at most $2100.
    assert_eq!(
        refused_code(
            &contract,
            &account_id,
            json!([borrow("USDC", "2100000001", EVM_A)])
        ),
        "HEALTH_FACTOR_TOO_LOW"
    );
    assert_eq!(
        refused_code(
            &contract,
            &account_id,
            json!([borrow("USDC", "2100000000", EVM_A)])
        ),
        "accepted"
    );
}

#[test]
fn error_borrow_of_more_than_the_pool_holds_is_refused() {
    let mut contract = contract();
    let account_id = funded_user(&mut contract, 1);
    assert_eq!(
        refused_code(&contract, &account_id, json!([borrow("USDC", "1", EVM_A)])),
        "INSUFFICIENT_LIQUIDITY"
    );
}

#[test]
fn error_borrow_to_a_chain_the_asset_cannot_go_to_is_refused() {
    let mut contract = contract();
    let account_id = funded_user(&mut contract, 1);
    assert_eq!(
        refused_code(
            &contract,
            &account_id,
            json!([{ "type": "borrow", "asset": "ETH", "amount": "1", "recipient": { "chain": "solana", "address": "11111111111111111111111111111111" } }])
        ),
        "UNSUPPORTED_DESTINATION"
    );
    assert_eq!(
        refused_code(
            &contract,
            &account_id,
            json!([borrow(
                "USDC",
                "1",
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"
            )])
        ),
        "INVALID_ADDRESS_CHECKSUM"
    );
    assert_eq!(
        refused_code(&contract, &account_id, json!([borrow("USDC", "1", "0x12")])),
        "INVALID_ADDRESS"
    );
}

#[test]
fn error_a_passkey_borrow_to_another_address_without_the_wallet_s_cosignature_is_refused() {
    let mut contract = contract();
    liquidity(&mut contract);
    let account_id = funded_user(&mut contract, 1);
    assert_run_refused(
        &mut contract,
        &account_id,
        By::Passkey(1),
        json!([
            supply("ETH", "1000000000000000000", true),
            borrow("USDC", "1000000", EVM_B)
        ]),
        "COSIGNATURE_REQUIRED",
        "Borrowing to an address that is not your bound wallet needs your bound wallet to co-sign.",
    );
}

#[test]
fn behavior_a_passkey_borrow_to_another_address_with_the_wallet_s_cosignature_is_allowed() {
    let mut contract = contract();
    liquidity(&mut contract);
    let account_id = funded_user(&mut contract, 1);
    let outcome = run_with(
        &mut contract,
        &account_id,
        By::Passkey(1),
        json!([
            supply("ETH", "1000000000000000000", true),
            borrow("USDC", "1000000", EVM_B)
        ]),
        Some(EVM_A),
        &next_nonce(),
    );
    assert_eq!(outcome.transfers[0].address, EVM_B);
}

#[test]
fn error_a_borrow_to_a_wallet_still_in_its_security_period_is_refused() {
    let mut contract = contract();
    liquidity(&mut contract);
    let account_id = funded_user(&mut contract, 1);
    bind(&mut contract, &account_id, 1, EVM_B);
    assert_run_refused(
        &mut contract,
        &account_id,
        By::Passkey(1),
        json!([
            supply("ETH", "1000000000000000000", true),
            borrow("USDC", "1000000", EVM_B)
        ]),
        "IN_SECURITY_PERIOD",
        "The evm wallet 0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359 was added less than the security period ago, so it cannot receive a Borrow",
    );
}

#[test]
fn behavior_a_second_wallet_may_receive_a_borrow_once_its_security_period_is_over() {
    let mut contract = contract();
    liquidity(&mut contract);
    let account_id = funded_user(&mut contract, 1);
    bind(&mut contract, &account_id, 1, EVM_B);
    tick(SECURITY_PERIOD_MS + 1);
    run(
        &mut contract,
        &account_id,
        By::Passkey(1),
        json!([
            supply("ETH", "1000000000000000000", true),
            borrow("USDC", "1000000", EVM_B)
        ]),
    );
}

#[test]
fn behavior_repay_burns_debt_and_never_below_zero() {
    let mut contract = contract();
    liquidity(&mut contract);
    let account_id = funded_user(&mut contract, 1);
    run(
        &mut contract,
        &account_id,
        By::Passkey(1),
        json!([
            supply("ETH", "1000000000000000000", true),
            borrow("USDC", "100000000", EVM_A)
        ]),
    );
    tick(30 * 24 * 60 * 60 * 1000);
    // More than the debt: pays exactly the debt (the interest included).
    run(
        &mut contract,
        &account_id,
        By::Passkey(1),
        json!([repay(
            "USDC",
            "115792089237316195423570985008687907853269984665640564039457584007913129639935"
        )]),
    );
    let position = contract.get_position(account_id.clone()).unwrap();
    assert_eq!(position.health_factor, None);
    assert_eq!(
        refused_code(&contract, &account_id, json!([repay("USDC", "1")])),
        "NOTHING_TO_REPAY"
    );
}

#[test]
fn behavior_repay_and_adjust_are_allowed_before_a_wallet_is_bound() {
    let mut contract = contract();
    let account_id = create(&mut contract, 1);
    assert_eq!(
        refused_code(&contract, &account_id, json!([repay("USDC", "1")])),
        "NOTHING_TO_REPAY"
    );
    assert_eq!(
        refused_code(
            &contract,
            &account_id,
            json!([adjust("USDC", "1", "to-collateral")])
        ),
        "INSUFFICIENT_FUNDS"
    );
}

#[test]
fn error_adjusting_collateral_out_from_under_a_debt_is_refused_as_health_too_low() {
    let mut contract = contract();
    liquidity(&mut contract);
    let account_id = funded_user(&mut contract, 1);
    run(
        &mut contract,
        &account_id,
        By::Passkey(1),
        json!([
            supply("ETH", "1000000000000000000", true),
            borrow("USDC", "2000000000", EVM_A)
        ]),
    );
    assert_eq!(
        refused_code(
            &contract,
            &account_id,
            json!([adjust("ETH", "100000000000000000", "to-supplied")])
        ),
        "HEALTH_FACTOR_TOO_LOW"
    );
    assert_eq!(
        refused_code(
            &contract,
            &account_id,
            json!([adjust("ETH", "2000000000000000000", "to-supplied")])
        ),
        "INSUFFICIENT_FUNDS"
    );
    assert_eq!(
        refused_code(
            &contract,
            &account_id,
            json!([adjust("ETH", "10000000000000000", "to-supplied")])
        ),
        "accepted"
    );
}

#[test]
fn error_binding_a_wallet_bound_to_another_account_is_refused() {
    let mut contract = contract();
    let first = create(&mut contract, 1);
    bind(&mut contract, &first, 1, EVM_A);
    let second = create(&mut contract, 2);
    let message = assert_refused("WALLET_ALREADY_BOUND", || {
        bind(&mut contract, &second, 2, EVM_A);
    });
    assert!(
        message.starts_with("This wallet is already bound to another account."),
        "{message}"
    );
}

#[test]
fn error_a_fifth_wallet_is_refused() {
    let mut contract = contract();
    let account_id = create(&mut contract, 1);
    let message = assert_refused("LIMIT_REACHED", || {
        for address in [
            EVM_A,
            EVM_B,
            EVM_C,
            "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
            "0x52908400098527886E0F7030069857D2E4169EE7",
        ] {
            bind(&mut contract, &account_id, 1, address);
        }
    });
    assert!(
        message.starts_with("An account binds at most 4 wallets"),
        "{message}"
    );
}

fn add_passkey(seed: u8) -> near_sdk::serde_json::Value {
    json!({ "type": "add_passkey", "passkey": { "credentialId": credential(seed), "publicKey": p256_text(seed) } })
}

fn remove_passkey(seed: u8) -> near_sdk::serde_json::Value {
    json!({ "type": "remove_passkey", "credentialId": credential(seed) })
}

fn remove_wallet(address: &str) -> near_sdk::serde_json::Value {
    json!({ "type": "remove_wallet", "wallet": { "chain": "evm", "address": address } })
}

#[test]
fn error_adding_a_passkey_before_a_wallet_is_bound_is_refused() {
    let mut contract = contract();
    let account_id = create(&mut contract, 1);
    assert_run_refused(
        &mut contract,
        &account_id,
        By::Passkey(1),
        json!([add_passkey(2)]),
        "WALLET_NOT_BOUND",
        "Adding a passkey needs a bound wallet first.",
    );
}

#[test]
fn behavior_the_bound_wallet_recovers_with_a_new_passkey_that_is_probationary() {
    let mut contract = contract();
    let account_id = funded_user(&mut contract, 1);
    run(
        &mut contract,
        &account_id,
        By::Wallet(EVM_A),
        json!([add_passkey(2)]),
    );
    let view = contract.get_account(account_id.clone()).unwrap();
    assert_eq!(view.passkeys.len(), 2);
    assert_eq!(
        view.passkeys[1].matures_at_ms,
        Some(now() + SECURITY_PERIOD_MS)
    );
    assert_eq!(to_json(&view.pending)[0]["kind"], "passkey");
    assert_eq!(
        contract
            .get_account_by_credential(credential(2))
            .unwrap()
            .id,
        account_id
    );
}

#[test]
fn error_adding_a_passkey_that_controls_another_account_is_refused() {
    let mut contract = contract();
    let account_id = funded_user(&mut contract, 1);
    create(&mut contract, 2);
    assert_run_refused(
        &mut contract,
        &account_id,
        By::Wallet(EVM_A),
        json!([add_passkey(2)]),
        "CREDENTIAL_IN_USE",
        "This passkey already controls an account.",
    );
}

#[test]
fn error_a_fifth_passkey_is_refused() {
    let mut contract = contract();
    let account_id = funded_user(&mut contract, 1);
    assert_run_refused(
        &mut contract,
        &account_id,
        By::Wallet(EVM_A),
        json!([
            add_passkey(2),
            add_passkey(3),
            add_passkey(4),
            add_passkey(5)
        ]),
        "LIMIT_REACHED",
        "An account has at most 4 passkeys",
    );
}

#[test]
fn error_a_passkey_removing_a_mature_passkey_is_refused() {
    let mut contract = contract();
    let account_id = funded_user(&mut contract, 1);
    run(
        &mut contract,
        &account_id,
        By::Wallet(EVM_A),
        json!([add_passkey(2)]),
    );
    tick(SECURITY_PERIOD_MS + 1);
    assert_run_refused(
        &mut contract,
        &account_id,
        By::Passkey(2),
        json!([remove_passkey(1)]),
        "ACTION_NOT_ALLOWED",
        "Removing a passkey needs the bound wallet's signature, not the passkey's.",
    );
}

#[test]
fn behavior_an_older_passkey_cancels_a_probationary_one_and_its_id_is_retired_for_good() {
    let mut contract = contract();
    let account_id = funded_user(&mut contract, 1);
    run(
        &mut contract,
        &account_id,
        By::Wallet(EVM_A),
        json!([add_passkey(2)]),
    );
    run(
        &mut contract,
        &account_id,
        By::Passkey(1),
        json!([remove_passkey(2)]),
    );
    assert!(contract.is_credential_retired(credential(2)).retired);
    assert!(contract.get_account_by_credential(credential(2)).is_none());
    assert_eq!(contract.accounts.get(&account_id).unwrap().tombstones, 1);
}

#[test]
fn error_adding_a_retired_passkey_again_is_refused() {
    let mut contract = contract();
    let account_id = funded_user(&mut contract, 1);
    run(
        &mut contract,
        &account_id,
        By::Wallet(EVM_A),
        json!([add_passkey(2)]),
    );
    run(
        &mut contract,
        &account_id,
        By::Passkey(1),
        json!([remove_passkey(2)]),
    );
    assert_run_refused(
        &mut contract,
        &account_id,
        By::Wallet(EVM_A),
        json!([add_passkey(2)]),
        "CREDENTIAL_RETIRED",
        "This passkey was removed from an account",
    );
}

#[test]
fn error_a_probationary_wallet_removing_the_older_passkey_is_refused() {
    let mut contract = contract();
    let account_id = funded_user(&mut contract, 1);
    run(
        &mut contract,
        &account_id,
        By::Wallet(EVM_A),
        json!([add_wallet(EVM_B)]),
    );
    assert_run_refused(
        &mut contract,
        &account_id,
        By::Wallet(EVM_B),
        json!([remove_passkey(1)]),
        "IN_SECURITY_PERIOD",
        "The evm wallet 0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359 was added less than the security period ago, so it cannot remove the older passkey",
    );
}

/// The person's first wallet (EVM_A) past its security period, then a second wallet (EVM_B)
/// bound later, as a hostile page gets one bound: the newcomer is on probation against a method
/// that has matured, too.
fn matured_first_wallet_then_a_second(contract: &mut crate::Lending) -> String {
    let account_id = funded_user(contract, 1);
    tick(SECURITY_PERIOD_MS + 1);
    run(
        contract,
        &account_id,
        By::Passkey(1),
        json!([add_wallet(EVM_B)]),
    );
    account_id
}

// Mutation checked: with `may_remove` returning Ok at once, B's removal of A went through and
// this test failed ("panic did not include expected string").
#[test]
#[should_panic(
    expected = "IN_SECURITY_PERIOD: The evm wallet 0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359 was added less than the security period ago, so it cannot remove the older evm wallet 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
)]
fn error_a_second_wallet_cannot_remove_the_matured_first_wallet_during_its_own_period() {
    let mut contract = contract();
    let account_id = matured_first_wallet_then_a_second(&mut contract);
    // A minute before B matures, and long after A did.
    tick(SECURITY_PERIOD_MS - 60_000);
    let by_newcomer = By::Wallet(EVM_B);
    run(
        &mut contract,
        &account_id,
        by_newcomer,
        json!([remove_wallet(EVM_A)]),
    );
}

#[test]
fn behavior_the_matured_first_wallet_cancels_the_second_and_may_remove_the_passkey() {
    let mut contract = contract();
    let account_id = matured_first_wallet_then_a_second(&mut contract);
    let pending = to_json(&contract.get_account(account_id.clone()).unwrap().pending);
    assert_eq!(
        pending.as_array().unwrap().len(),
        1,
        "only the second wallet is pending: {pending}"
    );
    assert_eq!(pending[0]["address"], EVM_B);
    // It cancels the newcomer and, past its own period a full control method, removes the
    // passkey too (which it could not while it was new), in one request.
    let by_first = By::Wallet(EVM_A);
    let removals = json!([remove_wallet(EVM_B), remove_passkey(1)]);
    run(&mut contract, &account_id, by_first, removals);
    let account = to_json(&contract.get_account(account_id).unwrap());
    assert_eq!(account["wallets"].as_array().unwrap().len(), 1);
    assert_eq!(account["wallets"][0]["address"], EVM_A);
    assert_eq!(account["passkeys"].as_array().unwrap().len(), 0);
}

#[test]
fn error_removing_the_last_control_method_is_refused() {
    let mut contract = contract();
    let account_id = funded_user(&mut contract, 1);
    tick(SECURITY_PERIOD_MS + 1);
    run(
        &mut contract,
        &account_id,
        By::Wallet(EVM_A),
        json!([remove_passkey(1)]),
    );
    assert_refused("LAST_CONTROL_METHOD", || {
        run(
            &mut contract,
            &account_id,
            By::Wallet(EVM_A),
            json!([remove_wallet(EVM_A)]),
        );
    });
}

#[test]
fn error_a_passkey_whose_counter_went_backwards_is_refused() {
    let mut contract = contract();
    let account_id = funded_user(&mut contract, 1);
    run(
        &mut contract,
        &account_id,
        By::PasskeyCount(1, 5),
        json!([add_wallet(EVM_B)]),
    );
    assert_refused("SIGN_COUNT_REGRESSED", || {
        run(
            &mut contract,
            &account_id,
            By::PasskeyCount(1, 5),
            json!([add_wallet(EVM_C)]),
        );
    });
}

#[test]
fn error_a_replayed_request_is_refused() {
    let mut contract = contract();
    let account_id = create(&mut contract, 1);
    let nonce = next_nonce();
    run_with(
        &mut contract,
        &account_id,
        By::Passkey(1),
        json!([add_wallet(EVM_A)]),
        None,
        &nonce,
    );
    assert_refused("NONCE_ALREADY_USED", || {
        run_with(
            &mut contract,
            &account_id,
            By::Passkey(1),
            json!([add_wallet(EVM_B)]),
            None,
            &nonce,
        );
    });
}

#[test]
fn behavior_nonces_past_their_deadline_are_pruned_and_live_ones_are_capped() {
    let mut contract = contract();
    let account_id = funded_user(&mut contract, 1);
    let supply_one = json!([supply("USDC", "1", false)]);
    for _ in 0..13 {
        run(
            &mut contract,
            &account_id,
            By::Passkey(1),
            supply_one.clone(),
        );
    }
    // Bind + 13 supplies + this one: 15 live nonces; the 17th live one is refused.
    run(
        &mut contract,
        &account_id,
        By::Passkey(1),
        supply_one.clone(),
    );
    run(
        &mut contract,
        &account_id,
        By::Passkey(1),
        supply_one.clone(),
    );
    println!(
        "bytes charged after 16 requests: {}",
        contract
            .accounts
            .get(&account_id)
            .unwrap()
            .storage
            .used_bytes
    );
    let refused = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        run(
            &mut contract,
            &account_id,
            By::Passkey(1),
            supply_one.clone(),
        )
    }));
    assert!(refused.is_err());
    tick(5 * 60 * 1000 + 1);
    run(&mut contract, &account_id, By::Passkey(1), supply_one);
    assert_eq!(contract.accounts.get(&account_id).unwrap().nonces.len(), 1);
}

#[test]
fn behavior_an_account_keeps_its_last_eight_request_records() {
    let mut contract = contract();
    let account_id = funded_user(&mut contract, 1);
    let first = run(
        &mut contract,
        &account_id,
        By::Passkey(1),
        json!([supply("USDC", "1", false)]),
    )
    .request_id;
    for _ in 0..8 {
        run(
            &mut contract,
            &account_id,
            By::Passkey(1),
            json!([supply("USDC", "1", false)]),
        );
    }
    assert!(contract.get_request(first).is_none());
    assert_eq!(
        contract.get_account_requests(account_id, Some(100)).len(),
        8
    );
}

#[test]
fn error_a_request_the_account_s_stake_cannot_cover_is_refused() {
    let mut contract = contract();
    let account_id = create(&mut contract, 1);
    contract.accounts.get_mut(&account_id).unwrap().storage.paid = crate::storage::stake_for(300);
    let message = assert_refused("INSUFFICIENT_STORAGE_DEPOSIT", || {
        bind(&mut contract, &account_id, 1, EVM_A);
    });
    assert!(
        message.starts_with("This account's storage stake covers"),
        "{message}"
    );
}
