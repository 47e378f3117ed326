//! Passkey assertions made for this contract (a request in the partner page, an account creation
//! in the wallet window), each check attacked by a re-signed assertion that breaks only it.

use crate::support::{fixture, fresh_chain, outcome, strings, text};
use ccl_proofs::{
    AccountCreationFields, Assertion, PasskeyExpectation, VerifiedPasskey,
    account_creation_challenge, encode_account_creation, parse_p256_public_key, request_challenge,
    verify_passkey_assertion,
};
use near_sdk::serde_json::Value;

fn verify(context: &Value, input: &Value) -> ccl_proofs::ProofResult<VerifiedPasskey> {
    fresh_chain();
    let (wallet_origins, partner_origins) = (
        strings(&context["walletOrigins"]),
        strings(&context["partnerOrigins"]),
    );
    // The order of `verifyPasskeyProof`: the key, then the proof's fields, then the assertion.
    let public_key = parse_p256_public_key(text(input, "publicKey"))?;
    let proof = &input["proof"];
    let assertion = Assertion::from_proof(
        text(proof, "authenticatorData"),
        text(proof, "clientDataJSON"),
        text(proof, "signature"),
    )?;
    let challenge = hex::decode(text(input, "challenge")).unwrap();
    let expected = PasskeyExpectation {
        public_key: &public_key,
        challenge: &challenge,
        rp_id: text(context, "rpId"),
        wallet_origins: &wallet_origins,
        partner_origins: &partner_origins,
        site: input["site"].as_str(),
        require_user_verification: true,
    };
    verify_passkey_assertion(&expected, &assertion)
}

fn assert_outcome(context: &Value, name: &str, input: &Value, expected: &Value) {
    let result = verify(context, input);
    assert_eq!(
        outcome(&result),
        text(expected, "outcome"),
        "{name}: {result:?}"
    );
    if let Ok(verified) = result {
        assert_eq!(
            verified.sign_count as u64,
            expected["signCount"].as_u64().unwrap(),
            "{name}"
        );
        assert_eq!(
            verified.top_origin.as_deref(),
            expected["topOrigin"].as_str(),
            "{name}"
        );
    }
}

#[test]
fn behavior_every_passkey_fixture_verifies_as_typescript_verifies_it() {
    let fixtures = fixture("passkeys.json");
    for case in fixtures["cases"].as_array().unwrap() {
        assert_eq!(text(&case["expected"], "outcome"), "OK");
        assert_outcome(
            &fixtures["context"],
            text(case, "name"),
            &case["input"],
            &case["expected"],
        );
    }
}

#[test]
fn error_every_mutated_assertion_is_refused_with_typescripts_code() {
    let fixtures = fixture("passkeys.json");
    let mut refused = 0;
    for case in fixtures["cases"].as_array().unwrap() {
        for mutation in case["mutations"].as_array().unwrap() {
            let name = format!("{} / {}", text(case, "name"), text(mutation, "mutation"));
            assert_outcome(
                &fixtures["context"],
                &name,
                &mutation["input"],
                &mutation["expected"],
            );
            refused += usize::from(text(&mutation["expected"], "outcome") != "OK");
        }
    }
    assert!(refused >= 38, "only {refused} mutations were refusals");
}

#[test]
fn behavior_challenges_are_typescripts_bytes() {
    fresh_chain();
    let fixtures = fixture("passkeys.json");
    let creation = &fixtures["creation"]["fields"];
    let fields = AccountCreationFields {
        chain_id: text(creation, "chainId"),
        contract_id: text(creation, "contractId"),
        credential_id: text(creation, "credentialId"),
        public_key: text(creation, "publicKey"),
        user_handle: creation["userHandle"].as_str(),
        deadline_ms: creation["deadline"].as_u64().unwrap(),
    };
    assert_eq!(
        encode_account_creation(&fields),
        text(&fixtures["creation"], "statement")
    );
    assert_eq!(
        hex::encode(account_creation_challenge(&fields)),
        text(&fixtures["creation"], "challenge")
    );
    let request = &fixtures["request"];
    assert_eq!(
        hex::encode(request_challenge(text(request, "payload"))),
        text(request, "challenge")
    );
}
