//! Reading the fixtures, and a fresh mocked chain per check (each P-256 verify burns 1.3 Tgas of
//! the call's 300).

use ccl_proofs::{ActionFacts, ProofResult, WalletChain};
use near_sdk::serde_json::{self, Value};
use near_sdk::test_utils::VMContextBuilder;
use near_sdk::{Gas, testing_env};

pub fn fresh_chain() {
    testing_env!(
        VMContextBuilder::new()
            .prepaid_gas(Gas::from_tgas(300))
            .build()
    );
}

pub fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!("{path}: {error} (run `pnpm --filter @crosschain-lending/contracts fixtures`)")
    });
    serde_json::from_str(&text).unwrap()
}

pub fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not a string in {value}"))
}

pub fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item.as_str().unwrap().to_owned())
        .collect()
}

pub fn chain(value: &Value) -> WalletChain {
    WalletChain::parse(value.as_str().unwrap()).unwrap()
}

/// `OK`, or the refusal's code: how the fixtures write TypeScript's outcome.
pub fn outcome<T>(result: &ProofResult<T>) -> &'static str {
    match result {
        Ok(_) => "OK",
        Err(error) => error.code,
    }
}

/// The facts of one action of a request payload, through the constructor of its type, as the
/// lending contract will map its parsed actions.
pub fn action_facts(action: &Value) -> ProofResult<ActionFacts> {
    let address = |value: &Value| (chain(&value["chain"]), text(value, "address").to_owned());
    Ok(match text(action, "type") {
        "supply" => ActionFacts::supply(
            text(action, "asset"),
            text(action, "amount"),
            action["collateral"].as_bool().unwrap(),
        )?,
        "repay" => ActionFacts::repay(text(action, "asset"), text(action, "amount"))?,
        "adjust" => ActionFacts::adjust(
            text(action, "asset"),
            text(action, "amount"),
            text(action, "direction") == "to-collateral",
        )?,
        "borrow" => {
            let (chain, to) = address(&action["recipient"]);
            ActionFacts::borrow(text(action, "asset"), text(action, "amount"), chain, &to)?
        }
        "add_wallet" => {
            let (chain, wallet) = address(&action["wallet"]);
            ActionFacts::add_wallet(chain, &wallet)
        }
        "add_passkey" => ActionFacts::add_passkey(
            text(&action["passkey"], "credentialId"),
            text(&action["passkey"], "publicKey"),
        ),
        "remove_passkey" => ActionFacts::remove_passkey(text(action, "credentialId")),
        "remove_wallet" => {
            let (chain, wallet) = address(&action["wallet"]);
            ActionFacts::remove_wallet(chain, &wallet)
        }
        other => panic!("unknown action type {other}"),
    })
}

/// n - s for a 32-byte big-endian s: the other half of an ECDSA signature.
pub fn order_minus(order: &[u8; 32], s: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    let mut borrow = 0i16;
    for i in (0..32).rev() {
        let mut digit = order[i] as i16 - s[i] as i16 - borrow;
        borrow = i16::from(digit < 0);
        if digit < 0 {
            digit += 256;
        }
        out[i] = digit as u8;
    }
    out
}

pub fn p256_order() -> [u8; 32] {
    hex::decode("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")
        .unwrap()
        .try_into()
        .unwrap()
}
