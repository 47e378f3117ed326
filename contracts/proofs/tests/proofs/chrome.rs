//! The 100 assertions headless Chrome's authenticator made (packages/protocol/test/vectors), through
//! the contract's passkey check: as they are (UV required: the 56 without UV are refused; of the
//! rest, the high-S ones are refused), without requiring UV (every high-S one refused), and with S
//! normalized to the low half, when all 100 verify with nearcore's `p256_verify`.

use crate::support::{fixture, fresh_chain, order_minus, outcome, p256_order, text};
use ccl_proofs::{Assertion, PasskeyExpectation, compress_p256_point, verify_passkey_assertion};
use near_sdk::serde_json::{self, Value};

const VECTORS: &str =
    include_str!("../../../../packages/protocol/test/vectors/webauthn-chrome-assertions.json");

fn check(vector: &Value, signature: Vec<u8>, require_user_verification: bool) -> &'static str {
    fresh_chain();
    let public_key = compress_p256_point(&hex::decode(text(vector, "publicKey")).unwrap()).unwrap();
    let origins = ["http://localhost:5000".to_owned()];
    let expected = PasskeyExpectation {
        public_key: &public_key,
        challenge: text(vector, "challengeUtf8").as_bytes(),
        rp_id: "localhost",
        wallet_origins: &origins,
        partner_origins: &[],
        site: None,
        require_user_verification,
    };
    let assertion = Assertion {
        authenticator_data: hex::decode(text(vector, "authenticatorData")).unwrap(),
        client_data_json: text(vector, "clientDataJSON").to_owned(),
        signature,
    };
    outcome(&verify_passkey_assertion(&expected, &assertion))
}

#[test]
fn behavior_all_100_chrome_assertions_get_typescripts_outcome() {
    let vectors: Value = serde_json::from_str(VECTORS).unwrap();
    let outcomes = fixture("chrome-outcomes.json");
    let cases = vectors["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 100);
    let mut verified_after_normalizing = 0;
    for (index, (vector, expected)) in cases.iter().zip(outcomes.as_array().unwrap()).enumerate() {
        let signature = hex::decode(text(vector, "signature")).unwrap();
        let high_s = vector["highS"].as_bool().unwrap();
        let mut low_s = signature.clone();
        if high_s {
            low_s[32..].copy_from_slice(&order_minus(&p256_order(), &signature[32..]));
        }
        assert_eq!(
            check(vector, signature.clone(), true),
            text(expected, "asIs"),
            "case {index}"
        );
        assert_eq!(
            check(vector, signature, false),
            text(expected, "withoutUserVerification"),
            "case {index}"
        );
        let normalized = check(vector, low_s, false);
        assert_eq!(
            normalized,
            text(expected, "lowSWithoutUserVerification"),
            "case {index}"
        );
        verified_after_normalizing += usize::from(normalized == "OK");
    }
    assert_eq!(verified_after_normalizing, 100);
}
