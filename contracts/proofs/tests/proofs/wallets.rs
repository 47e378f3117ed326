//! Every chain's wallet in every role, signed by TypeScript's message builders with real keys, and
//! each attacked by a mutated input (a signature bit, a field, the role, the signer, the S half,
//! v, the address checksum, the NEP-413 parameters): the outcome must be TypeScript's, code for code.

use crate::support::{action_facts, chain, fixture, fresh_chain, outcome, text};
use ccl_proofs::{
    BindingFacts, MessageFields, Nep413Params, ProofResult, RequestFacts, VerifiedWallet,
    WalletChain, WalletIdentity, WalletRole, binding_message, request_challenge, request_message,
    typed_data_digest, verify_wallet_signature,
};
use near_sdk::serde_json::{self, Value};

fn role(name: &str) -> WalletRole {
    WalletRole::parse(name).unwrap()
}

/// What the lending contract will hand over after parsing the payload itself.
fn request_facts(payload: &str) -> ProofResult<RequestFacts> {
    let fields: Value = serde_json::from_str(payload).unwrap();
    Ok(RequestFacts {
        request_id: request_challenge(payload),
        chain_id: text(&fields, "chainId").to_owned(),
        contract_id: text(&fields, "contractId").to_owned(),
        account_id: text(&fields, "accountId").to_owned(),
        site: text(&fields, "site").to_owned(),
        nonce: text(&fields, "nonce").to_owned(),
        deadline_ms: fields["deadline"].as_u64().unwrap(),
        actions: fields["actions"]
            .as_array()
            .unwrap()
            .iter()
            .map(action_facts)
            .collect::<ProofResult<_>>()?,
    })
}

fn binding_facts(binding: &Value) -> BindingFacts {
    let nep413 = &binding["nep413"];
    BindingFacts {
        account_id: text(binding, "accountId").to_owned(),
        contract_id: text(binding, "contractId").to_owned(),
        chain_id: text(binding, "chainId").to_owned(),
        wallet_address: text(&binding["wallet"], "address").to_owned(),
        nonce: text(binding, "nonce").to_owned(),
        site: text(binding, "origin").to_owned(),
        deadline_ms: binding["deadline"].as_u64().unwrap(),
        nep413: nep413.is_object().then(|| Nep413Params {
            nonce: text(nep413, "nonce").to_owned(),
            recipient: text(nep413, "recipient").to_owned(),
            callback_url: None,
        }),
    }
}

fn fields(input: &Value) -> ProofResult<MessageFields> {
    Ok(match input["payload"].as_str() {
        Some(payload) => MessageFields::Request(request_facts(payload)?),
        None => MessageFields::Binding(binding_facts(&input["binding"])),
    })
}

fn signer(input: &Value) -> WalletIdentity {
    let signer = &input["signer"];
    WalletIdentity {
        chain: chain(&signer["chain"]),
        address: text(signer, "address").to_owned(),
        public_key: signer["publicKey"].as_str().map(str::to_owned),
    }
}

fn verify(input: &Value) -> ProofResult<VerifiedWallet> {
    fresh_chain();
    verify_wallet_signature(
        role(text(input, "role")),
        &signer(input),
        &fields(input)?,
        text(input, "signature"),
    )
}

#[test]
fn behavior_every_role_on_every_chain_rebuilds_the_message_typescript_signed() {
    fresh_chain();
    for case in fixture("wallets.json")["cases"].as_array().unwrap() {
        let input = &case["input"];
        let (role, chain, fields) = (
            role(text(input, "role")),
            chain(&input["signer"]["chain"]),
            fields(input).unwrap(),
        );
        match (&case["signed"]["typedDataDigest"], &fields) {
            (Value::String(digest), _) => assert_eq!(
                format!(
                    "0x{}",
                    hex::encode(typed_data_digest(role, &fields).unwrap())
                ),
                *digest,
                "{}",
                case["name"]
            ),
            (_, MessageFields::Request(request)) => assert_eq!(
                request_message(role, request).unwrap(),
                text(&case["signed"], "text"),
                "{}",
                case["name"]
            ),
            (_, MessageFields::Binding(binding)) => assert_eq!(
                binding_message(chain, binding),
                text(&case["signed"], "text"),
                "{}",
                case["name"]
            ),
        }
    }
}

#[test]
fn behavior_every_wallet_fixture_verifies_as_typescript_verifies_it() {
    let cases = fixture("wallets.json");
    let cases = cases["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 25, "5 wallets × 5 roles");
    for case in cases {
        assert_eq!(text(case, "expected"), "OK");
        let verified = verify(&case["input"]);
        assert_eq!(outcome(&verified), "OK", "{}: {verified:?}", case["name"]);
        let verified = verified.unwrap();
        let chain = chain(&case["input"]["signer"]["chain"]);
        assert_eq!(
            verified.ed25519_key.is_some(),
            chain != WalletChain::Evm,
            "{}",
            case["name"]
        );
        assert_eq!(
            verified.near_account_is_label,
            text(case, "name").starts_with("near-named"),
            "{}",
            case["name"]
        );
    }
}

#[test]
fn error_every_mutated_wallet_proof_gets_typescripts_outcome() {
    let mut checked = 0;
    for case in fixture("wallets.json")["cases"].as_array().unwrap() {
        for mutation in case["mutations"].as_array().unwrap() {
            let result = verify(&mutation["input"]);
            assert_eq!(
                outcome(&result),
                text(mutation, "expected"),
                "{} / {}: {result:?}",
                case["name"],
                mutation["mutation"]
            );
            checked += 1;
        }
    }
    assert!(checked > 300, "{checked} mutations");
}

#[test]
fn error_a_signature_by_one_role_never_verifies_as_another() {
    let roles = [
        WalletRole::Cosign,
        WalletRole::Recover,
        WalletRole::Remove,
        WalletRole::Request,
    ];
    for case in fixture("wallets.json")["cases"].as_array().unwrap() {
        let input = &case["input"];
        if input["payload"].is_null() {
            continue;
        }
        let signed_as = role(text(input, "role"));
        for other in roles.into_iter().filter(|&other| other != signed_as) {
            fresh_chain();
            let result = verify_wallet_signature(
                other,
                &signer(input),
                &fields(input).unwrap(),
                text(input, "signature"),
            );
            assert_eq!(
                outcome(&result),
                "INVALID_SIGNATURE",
                "{} read as {other:?}",
                case["name"]
            );
        }
    }
}
