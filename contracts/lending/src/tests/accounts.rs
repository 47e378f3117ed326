//! `create_account`, `add_storage_stake`, and the fail-closed request path.

use super::support::*;
use crate::request::proofs::{CreationProof, PasskeyAssertion, RequestProof};
use near_sdk::NearToken;
use near_sdk::serde_json::json;

fn assertion() -> PasskeyAssertion {
    PasskeyAssertion {
        authenticator_data: "SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAQ".into(),
        client_data_json: "{\"type\":\"webauthn.get\"}".into(),
        signature: "p256:2".into(),
    }
}

fn create_call(
    contract: &mut crate::Lending,
    seed: u8,
    deadline: Option<u64>,
    proof: Option<CreationProof>,
    deposit: NearToken,
) {
    call_as(relayer(), deposit);
    contract.create_account(credential(seed), p256_text(seed), None, deadline, proof);
}

#[test]
#[should_panic(expected = "MALFORMED_SIGNATURE: The P-256 signature is malformed")]
fn error_create_account_whose_proof_carries_no_real_signature_is_refused() {
    let mut contract = contract();
    create_call(
        &mut contract,
        1,
        Some(now() + 60_000),
        Some(CreationProof::Passkey(assertion())),
        stake(),
    );
}

#[test]
#[should_panic(expected = "INSUFFICIENT_STORAGE_DEPOSIT: A new account stakes 5000 bytes")]
fn error_create_account_without_the_storage_stake_is_refused() {
    let mut contract = contract();
    create_call(
        &mut contract,
        1,
        Some(now() + 60_000),
        Some(CreationProof::Passkey(assertion())),
        NearToken::from_yoctonear(1),
    );
}

#[test]
#[should_panic(expected = "REQUEST_EXPIRED: This account creation proof has expired")]
fn error_create_account_with_an_expired_proof_is_refused() {
    let mut contract = contract();
    create_call(
        &mut contract,
        1,
        Some(now()),
        Some(CreationProof::Passkey(assertion())),
        stake(),
    );
}

#[test]
#[should_panic(
    expected = "DEADLINE_TOO_FAR: The creation proof's deadline is more than 60 minutes ahead."
)]
fn error_create_account_with_a_deadline_past_the_window_is_refused() {
    let mut contract = contract();
    create_call(
        &mut contract,
        1,
        Some(now() + 3_600_001),
        Some(CreationProof::Passkey(assertion())),
        stake(),
    );
}

#[test]
#[should_panic(
    expected = "INVALID_CREATION_PROOF: Account creation needs the passkey's own signature"
)]
fn error_create_account_without_a_proof_is_refused() {
    let mut contract = contract();
    create_call(&mut contract, 1, Some(now() + 60_000), None, stake());
}

#[test]
#[should_panic(expected = "INVALID_CREATION_PROOF: Account creation needs a deadline")]
fn error_create_account_without_a_deadline_is_refused() {
    let mut contract = contract();
    create_call(
        &mut contract,
        1,
        None,
        Some(CreationProof::Passkey(assertion())),
        stake(),
    );
}

#[test]
#[should_panic(expected = "INVALID_CREATION_PROOF: The creation proof is not a passkey assertion")]
fn error_create_account_with_a_malformed_assertion_is_refused() {
    let mut contract = contract();
    let mut bad = assertion();
    bad.signature = "not-p256".into();
    create_call(
        &mut contract,
        1,
        Some(now() + 60_000),
        Some(CreationProof::Passkey(bad)),
        stake(),
    );
}

#[test]
#[should_panic(expected = "INVALID_CREDENTIAL: The passkey's public key is not a usable P-256 key")]
fn error_create_account_with_a_key_that_is_not_a_compressed_point_is_refused() {
    let mut contract = contract();
    call_as(relayer(), stake());
    let key = format!("p256:{}", near_sdk::bs58::encode([4u8; 33]).into_string());
    contract.create_account(
        credential(1),
        key,
        None,
        Some(now() + 60_000),
        Some(CreationProof::Passkey(assertion())),
    );
}

#[test]
fn behavior_create_account_again_with_the_same_passkey_is_the_same_account_and_its_deposit_adds_to_the_stake()
 {
    let mut contract = contract();
    let account_id = create(&mut contract, 1);
    let before = contract.accounts.get(&account_id).unwrap().storage.paid;
    create_call(&mut contract, 1, None, None, stake());
    assert_eq!(
        contract.accounts.get(&account_id).unwrap().storage.paid,
        before + stake().as_yoctonear()
    );
}

#[test]
#[should_panic(expected = "CREDENTIAL_IN_USE: This passkey already controls another account.")]
fn error_a_squatter_registering_a_known_credential_with_another_key_is_refused() {
    let mut contract = contract();
    create(&mut contract, 1);
    call_as(relayer(), stake());
    contract.create_account(
        credential(1),
        p256_text(9),
        None,
        Some(now() + 60_000),
        Some(CreationProof::Passkey(assertion())),
    );
}

#[test]
#[should_panic(expected = "CREDENTIAL_RETIRED")]
fn error_a_removed_credential_is_never_registered_again() {
    let mut contract = contract();
    contract.retired.insert(credential(1));
    create_call(
        &mut contract,
        1,
        Some(now() + 60_000),
        Some(CreationProof::Passkey(assertion())),
        stake(),
    );
}

#[test]
fn behavior_add_storage_stake_adds_to_an_account_s_stake() {
    let mut contract = contract();
    let account_id = create(&mut contract, 1);
    call_as(relayer(), NearToken::from_yoctonear(5));
    let view = contract.add_storage_stake(account_id);
    assert_eq!(view.paid, (stake().as_yoctonear() + 5).to_string());
}

#[test]
#[should_panic(expected = "ACCOUNT_NOT_FOUND")]
fn error_add_storage_stake_for_an_unknown_account_is_refused() {
    let mut contract = contract();
    call_as(relayer(), NearToken::from_yoctonear(5));
    contract.add_storage_stake("pk-nobody".into());
}

fn execute(contract: &mut crate::Lending, text: String) {
    call_by(relayer());
    contract.execute(text, RequestProof::Passkey(assertion()), None);
}

fn request(account_id: &str, change: impl FnOnce(&mut near_sdk::serde_json::Value)) -> String {
    let mut value: near_sdk::serde_json::Value = near_sdk::serde_json::from_str(&payload(
        account_id,
        passkey_signer(1),
        &next_nonce(),
        now() + 60_000,
        json!([supply("USDC", "1", false)]),
    ))
    .unwrap();
    change(&mut value);
    value.to_string()
}

#[test]
#[should_panic(expected = "MALFORMED_SIGNATURE: The P-256 signature is malformed")]
fn error_execute_of_a_request_whose_proof_carries_no_real_signature_is_refused() {
    let mut contract = contract();
    let account_id = create(&mut contract, 1);
    execute(&mut contract, request(&account_id, |_| {}));
}

#[test]
#[should_panic(expected = "UNKNOWN_SIGNER: This passkey does not control the account.")]
fn error_execute_signed_by_a_passkey_of_another_account_is_refused() {
    let mut contract = contract();
    let account_id = create(&mut contract, 1);
    execute(
        &mut contract,
        request(&account_id, |v| {
            v["signer"]["credentialId"] = json!(credential(2))
        }),
    );
}

#[test]
#[should_panic(expected = "WRONG_CHAIN: This request is for testnet")]
fn error_execute_for_another_network_is_refused() {
    let mut contract = contract();
    let account_id = create(&mut contract, 1);
    execute(
        &mut contract,
        request(&account_id, |v| v["chainId"] = json!("testnet")),
    );
}

#[test]
#[should_panic(expected = "WRONG_CONTRACT: This request is for contract other.devnet")]
fn error_execute_for_another_contract_is_refused() {
    let mut contract = contract();
    let account_id = create(&mut contract, 1);
    execute(
        &mut contract,
        request(&account_id, |v| v["contractId"] = json!("other.devnet")),
    );
}

#[test]
#[should_panic(expected = "REQUEST_EXPIRED: This request has expired")]
fn error_execute_after_the_deadline_is_refused() {
    let mut contract = contract();
    let account_id = create(&mut contract, 1);
    execute(
        &mut contract,
        request(&account_id, |v| v["deadline"] = json!(now())),
    );
}

#[test]
#[should_panic(expected = "DEADLINE_TOO_FAR")]
fn error_execute_with_a_deadline_past_the_window_is_refused() {
    let mut contract = contract();
    let account_id = create(&mut contract, 1);
    execute(
        &mut contract,
        request(&account_id, |v| v["deadline"] = json!(now() + 3_600_001)),
    );
}

#[test]
#[should_panic(expected = "SITE_NOT_ALLOWED: The request was made on")]
fn error_execute_from_a_site_off_the_allowlist_is_refused() {
    let mut contract = contract();
    let account_id = create(&mut contract, 1);
    execute(
        &mut contract,
        request(&account_id, |v| v["site"] = json!("https://evil.example")),
    );
}

#[test]
#[should_panic(expected = "ACCOUNT_NOT_FOUND: No account pk-nobody.")]
fn error_execute_for_an_unknown_account_is_refused() {
    let mut contract = contract();
    execute(&mut contract, request("pk-nobody", |_| {}));
}

#[test]
#[should_panic(expected = "INVALID_REQUEST: The request's domain must be")]
fn error_execute_of_a_payload_from_another_domain_is_refused() {
    let mut contract = contract();
    execute(
        &mut contract,
        request("pk-nobody", |v| {
            v["domain"] = json!("crosschain-lending/request/v1")
        }),
    );
}

#[test]
#[should_panic(
    expected = "INVALID_REQUEST: The request's payload is not a request (unknown field `extra`"
)]
fn error_execute_of_a_payload_with_an_unknown_field_is_refused() {
    let mut contract = contract();
    execute(
        &mut contract,
        request("pk-nobody", |v| v["extra"] = json!(1)),
    );
}

#[test]
#[should_panic(
    expected = "INVALID_REQUEST: The request's proof.type must match signer.type (wallet)."
)]
fn error_execute_with_a_passkey_proof_for_a_wallet_signer_is_refused() {
    let mut contract = contract();
    execute(
        &mut contract,
        request("pk-nobody", |v| v["signer"] = wallet_signer(EVM_A)),
    );
}

#[test]
#[should_panic(expected = "INVALID_REQUEST: The request's actions must list 1 to 8 actions")]
fn error_execute_with_more_than_eight_actions_is_refused() {
    let mut contract = contract();
    execute(
        &mut contract,
        request("pk-nobody", |v| {
            v["actions"] = json!(vec![supply("USDC", "1", false); 9])
        }),
    );
}

#[test]
#[should_panic(
    expected = "NONCE_ALREADY_USED: This request was already executed; a replay is refused."
)]
fn error_execute_of_a_replayed_nonce_is_refused_before_its_proof_is_looked_at() {
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
    execute(
        &mut contract,
        payload(
            &account_id,
            passkey_signer(1),
            &nonce,
            now() + 60_000,
            json!([supply("USDC", "1", false)]),
        ),
    );
}
