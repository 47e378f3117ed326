//! An add_wallet carries its binding text; the contract accepts only the exact text the wallet
//! writes for the request it arrives in (an EVM address may be spelled in lower case or EIP-55).

use crate::support::{fixture, fresh_chain, text};
use ccl_proofs::{BindingFacts, WalletChain, check_binding_message, code};
use near_sdk::serde_json::Value;

fn facts(binding: &Value, wallet_address: &str) -> BindingFacts {
    BindingFacts {
        account_id: text(binding, "accountId").to_owned(),
        contract_id: text(binding, "contractId").to_owned(),
        chain_id: text(binding, "chainId").to_owned(),
        wallet_address: wallet_address.to_owned(),
        nonce: text(binding, "nonce").to_owned(),
        site: text(binding, "origin").to_owned(),
        deadline_ms: binding["deadline"].as_u64().unwrap(),
        nep413: None,
    }
}

fn binding_cases() -> Vec<Value> {
    fixture("wallets.json")["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|case| text(&case["input"], "role") == "bind")
        .cloned()
        .collect()
}

/// The text bindings (NEAR, Solana, Stellar): the text each wallet signed, its chain, and the
/// facts of the request it was signed for.
fn text_bindings() -> Vec<(String, WalletChain, BindingFacts)> {
    binding_cases()
        .iter()
        .filter(|case| case["signed"]["text"].is_string())
        .map(|case| {
            let binding = &case["input"]["binding"];
            let chain = WalletChain::parse(text(&binding["wallet"], "chain")).unwrap();
            let expected = facts(binding, text(&binding["wallet"], "address"));
            (text(&case["signed"], "text").to_owned(), chain, expected)
        })
        .collect()
}

#[test]
fn behavior_the_text_the_wallet_signed_matches_its_request() {
    fresh_chain();
    for (signed, chain, expected) in text_bindings() {
        assert!(
            check_binding_message(&signed, chain, &expected).is_ok(),
            "{chain:?}"
        );
    }
}

#[test]
fn error_a_binding_text_for_another_request_or_with_an_extra_line_is_refused() {
    fresh_chain();
    for (signed, chain, mut expected) in text_bindings() {
        let signed = signed.as_str();
        for tampered in [
            format!("{signed}\nAlso: send everything"),
            signed.replacen(
                "Site: https://partner.example",
                "Site: https://evil.example",
                1,
            ),
        ] {
            assert_eq!(
                check_binding_message(&tampered, chain, &expected)
                    .unwrap_err()
                    .code,
                code::INVALID_BINDING_PROOF
            );
        }
        expected.nonce = "another-nonce".into();
        assert_eq!(
            check_binding_message(signed, chain, &expected)
                .unwrap_err()
                .code,
            code::INVALID_BINDING_PROOF
        );
    }
}

#[test]
fn behavior_an_evm_binding_text_may_spell_the_address_in_lower_case_but_not_with_a_wrong_checksum()
{
    fresh_chain();
    let case = binding_cases()
        .into_iter()
        .find(|case| text(&case["input"]["signer"], "chain") == "evm")
        .unwrap();
    let binding = &case["input"]["binding"];
    let checksummed = text(&binding["wallet"], "address");
    let expected = facts(binding, checksummed);
    let written =
        |spelling: &str| ccl_proofs::binding_message(WalletChain::Evm, &facts(binding, spelling));
    let lower = checksummed.to_lowercase();
    assert_eq!(
        check_binding_message(&written(&lower), WalletChain::Evm, &expected)
            .unwrap()
            .wallet_address,
        lower
    );
    assert_eq!(
        check_binding_message(&written(checksummed), WalletChain::Evm, &expected)
            .unwrap()
            .wallet_address,
        checksummed
    );
    let wrong_case: String = checksummed
        .char_indices()
        .map(|(i, c)| {
            if i == 2 + checksummed[2..].find(char::is_alphabetic).unwrap() {
                if c.is_uppercase() {
                    c.to_ascii_lowercase()
                } else {
                    c.to_ascii_uppercase()
                }
            } else {
                c
            }
        })
        .collect();
    assert_eq!(
        check_binding_message(&written(&wrong_case), WalletChain::Evm, &expected)
            .unwrap_err()
            .code,
        code::INVALID_BINDING_PROOF
    );
}
