//! The views, in the TypeScript views' JSON shapes.

use super::support::*;
use near_sdk::serde_json::json;

#[test]
fn behavior_get_account_has_the_typescript_shape() {
    let mut contract = contract();
    let account_id = funded_user(&mut contract, 1);
    let view = to_json(&contract.get_account(account_id.clone()).unwrap());
    assert_eq!(
        view,
        json!({
            "id": account_id,
            "createdAtMs": START_MS,
            "passkeys": [{ "credentialId": credential(1), "publicKey": p256_text(1), "addedAtMs": START_MS }],
            "wallets": [{ "chain": "evm", "address": EVM_A, "boundAtMs": START_MS, "maturesAtMs": START_MS + SECURITY_PERIOD_MS, "first": true }],
            "bound": true,
            "pending": [{ "kind": "wallet", "chain": "evm", "address": EVM_A, "addedAtMs": START_MS, "maturesAtMs": START_MS + SECURITY_PERIOD_MS }],
        })
    );
    assert!(contract.get_account("pk-nobody".into()).is_none());
}

#[test]
fn behavior_get_account_by_wallet_normalizes_the_address() {
    let mut contract = contract();
    let account_id = funded_user(&mut contract, 1);
    assert_eq!(
        contract
            .get_account_by_wallet("evm".into(), EVM_A.to_lowercase())
            .unwrap()
            .id,
        account_id
    );
    assert!(
        contract
            .get_account_by_wallet("evm".into(), "0x12".into())
            .is_none()
    );
    assert!(
        contract
            .get_account_by_wallet("dogecoin".into(), EVM_A.into())
            .is_none()
    );
}

#[test]
fn behavior_get_position_and_get_markets_have_the_typescript_shapes() {
    let mut contract = contract();
    let account_id = funded_user(&mut contract, 1);
    run(
        &mut contract,
        &account_id,
        By::Passkey(1),
        json!([supply("ETH", "1000000000000000000", true)]),
    );
    let position = to_json(&contract.get_position(account_id.clone()).unwrap());
    assert_eq!(position["collateralUsd"], "3000");
    assert_eq!(position["borrowLimitUsd"], "2100");
    assert_eq!(position["healthFactor"], json!(null));
    assert_eq!(
        position["assets"][0],
        json!({ "asset": "ETH", "decimals": 18, "balance": "1000000000000000000", "supplied": "0", "collateral": "1000000000000000000", "borrowed": "0", "priceUsd": "3000", "supplyApr": "0", "borrowApr": "0.02" })
    );
    let markets = to_json(&contract.get_markets());
    assert_eq!(
        markets[2],
        json!({ "asset": "ETH", "decimals": 18, "chains": ["evm"], "priceUsd": "3000", "collateralFactor": "0.7", "cash": "1000000000000000000", "totalSupplied": "1000000000000000000", "totalBorrowed": "0", "reserves": "0" })
    );
}

#[test]
fn behavior_get_nonce_status_get_request_and_get_account_requests_describe_what_ran() {
    let mut contract = contract();
    let account_id = create(&mut contract, 1);
    let nonce = next_nonce();
    let outcome = run_with(
        &mut contract,
        &account_id,
        By::Passkey(1),
        json!([add_wallet(EVM_A)]),
        None,
        &nonce,
    );
    assert!(
        contract
            .get_nonce_status(account_id.clone(), nonce.clone())
            .used
    );
    assert!(
        !contract
            .get_nonce_status(account_id.clone(), next_nonce())
            .used
    );
    let request = to_json(&contract.get_request(outcome.request_id.clone()).unwrap());
    assert_eq!(request["nonce"], nonce);
    assert_eq!(request["actions"], json!(["add_wallet"]));
    assert_eq!(
        request["summary"],
        json!([{ "type": "add_wallet", "chain": "evm", "address": EVM_A }])
    );
    assert_eq!(request["transfers"], json!([]));
    let history = to_json(&contract.get_account_requests(account_id, None));
    assert_eq!(history[0]["requestId"], outcome.request_id);
    assert!(contract.get_request("00".repeat(32)).is_none());
    assert!(contract.get_request("zz".into()).is_none());
}

#[test]
fn behavior_preview_shows_before_and_after_or_the_refusal_as_data() {
    let mut contract = contract();
    liquidity(&mut contract);
    let account_id = funded_user(&mut contract, 1);
    run(
        &mut contract,
        &account_id,
        By::Passkey(1),
        json!([supply("ETH", "1000000000000000000", true)]),
    );
    call_by(relayer());
    let actions =
        near_sdk::serde_json::from_value(json!([borrow("USDC", "1050000000", EVM_A)])).unwrap();
    let preview = to_json(&contract.preview(account_id.clone(), actions));
    assert_eq!(preview["ok"], true);
    assert_eq!(preview["after"]["healthFactor"], "2");
    assert_eq!(
        preview["transfers"],
        json!([{ "asset": "USDC", "amount": "1050000000", "chain": "evm", "address": EVM_A }])
    );
    assert_eq!(
        contract.get_position(account_id.clone()).unwrap().debt_usd,
        "0",
        "a preview changes nothing"
    );
    let actions = near_sdk::serde_json::from_value(json!([add_wallet(EVM_B)])).unwrap();
    assert_eq!(
        to_json(&contract.preview(account_id, actions))["error"]["code"],
        "INVALID_REQUEST"
    );
}

#[test]
fn behavior_get_transfers_lists_newest_first_with_filters() {
    let mut contract = contract();
    liquidity(&mut contract);
    let account_id = funded_user(&mut contract, 1);
    run(
        &mut contract,
        &account_id,
        By::Passkey(1),
        json!([
            supply("ETH", "1000000000000000000", true),
            borrow("USDC", "1", EVM_A),
            borrow("USDC", "2", EVM_A)
        ]),
    );
    let transfers = contract.get_transfers(None, None, None);
    assert_eq!(
        transfers
            .iter()
            .map(|t| t.amount.as_str())
            .collect::<Vec<_>>(),
        ["2", "1"]
    );
    assert_eq!(
        contract
            .get_transfers(Some("evm".into()), Some(EVM_A.into()), Some(1))
            .len(),
        1
    );
    assert!(
        contract
            .get_transfers(Some("solana".into()), None, None)
            .is_empty()
    );
}

#[test]
fn behavior_get_storage_costs_names_each_payer_s_stake() {
    let contract = contract();
    let costs = to_json(&contract.get_storage_costs());
    assert_eq!(costs["byte_cost"], "10000000000000000000");
    assert_eq!(costs["account_stake"], "50000000000000000000000");
    assert_eq!(costs["max_kept_requests"], 8);
}
