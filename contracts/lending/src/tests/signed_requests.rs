//! The whole path with real signatures: one account's life exactly as the TypeScript wallet code
//! signed it (`lending/tests/signed-requests.ts`, P-256 assertions and EIP-712 signatures by keys
//! from public labels), each call through `create_account`, `deposit` and `execute`, so the
//! passkey and wallet checks run in nearcore's own host logic. Before each step, the mutations an
//! attacker would send, each refused with the code the TypeScript contract gave it; after each,
//! the position view equals the TypeScript contract's.

use super::support::{bridge, call_as, contract, relayer, stake, to_json};
use crate::Lending;
use crate::request::proofs::{Cosignature, CreationProof, RequestProof};
use near_sdk::NearToken;
use near_sdk::serde::Deserialize;
use near_sdk::serde_json::{self, Value};
use std::panic::{AssertUnwindSafe, catch_unwind};

const FIXTURE: &str = include_str!("../../tests/signed-requests.json");

#[derive(Deserialize)]
#[serde(crate = "near_sdk::serde")]
struct Sequence {
    #[serde(rename = "accountId")]
    account_id: String,
    steps: Vec<Step>,
}

#[derive(Deserialize)]
#[serde(crate = "near_sdk::serde")]
struct Step {
    name: String,
    call: Call,
    outcome: String,
    mutations: Vec<Mutation>,
    position: Value,
}

#[derive(Deserialize)]
#[serde(crate = "near_sdk::serde")]
struct Mutation {
    name: String,
    call: Call,
    outcome: String,
}

#[derive(Deserialize)]
#[serde(crate = "near_sdk::serde", tag = "method", content = "args")]
enum Call {
    #[serde(rename = "create_account")]
    CreateAccount {
        credential_id: String,
        public_key: String,
        user_handle: Option<String>,
        deadline: Option<u64>,
        proof: Option<CreationProof>,
    },
    #[serde(rename = "deposit")]
    Deposit {
        account_id: String,
        asset: String,
        amount: String,
        chain: String,
        r#ref: String,
    },
    #[serde(rename = "execute")]
    Execute {
        payload: String,
        proof: RequestProof,
        cosignature: Option<Cosignature>,
    },
}

fn sequence() -> Sequence {
    serde_json::from_str(FIXTURE).expect("lending/tests/signed-requests.json is a sequence")
}

/// One call on a fresh context (each P-256 verify burns 1.3 of its 300 Tgas).
fn run(contract: &mut Lending, call: &Call) {
    match call {
        Call::CreateAccount {
            credential_id,
            public_key,
            user_handle,
            deadline,
            proof,
        } => {
            call_as(relayer(), stake());
            contract.create_account(
                credential_id.clone(),
                public_key.clone(),
                user_handle.clone(),
                *deadline,
                proof.clone(),
            );
        }
        Call::Deposit {
            account_id,
            asset,
            amount,
            chain,
            r#ref,
        } => {
            call_as(
                bridge(),
                NearToken::from_yoctonear(crate::storage::stake_for(
                    crate::storage::DEPOSIT_REF_STAKE_BYTES,
                )),
            );
            contract.deposit(
                account_id.clone(),
                asset.clone(),
                amount.clone(),
                chain.clone(),
                r#ref.clone(),
            );
        }
        Call::Execute {
            payload,
            proof,
            cosignature,
        } => {
            call_as(relayer(), NearToken::from_yoctonear(0));
            contract.execute(payload.clone(), proof.clone(), cosignature.clone());
        }
    }
}

/// "OK", or the code the call panicked with (`CODE: message`, inside near-sdk's GuestPanic).
fn outcome(contract: &mut Lending, call: &Call) -> String {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = catch_unwind(AssertUnwindSafe(|| run(contract, call)));
    std::panic::set_hook(hook);
    let Err(panic) = result else {
        return "OK".into();
    };
    let text = panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|text| text.to_string()))
        .unwrap_or_default();
    text.split("panic_msg: \"")
        .nth(1)
        .and_then(|rest| rest.split(':').next())
        .map_or_else(|| format!("UNTYPED {text}"), str::to_owned)
}

#[test]
fn behavior_every_step_the_wallet_signed_is_accepted_and_every_mutation_refused_with_the_typescript_code()
 {
    let sequence = sequence();
    assert_eq!(sequence.steps.len(), 12);
    let mut contract = contract();
    for step in &sequence.steps {
        for mutation in &step.mutations {
            assert_eq!(
                outcome(&mut contract, &mutation.call),
                mutation.outcome,
                "{} / {}",
                step.name,
                mutation.name
            );
        }
        assert_eq!(
            outcome(&mut contract, &step.call),
            step.outcome,
            "{}",
            step.name
        );
        call_as(relayer(), NearToken::from_yoctonear(0));
        let position = contract
            .get_position(sequence.account_id.clone())
            .map(|view| to_json(&view));
        assert_eq!(
            position.unwrap_or(Value::Null),
            step.position,
            "position after {}",
            step.name
        );
    }
    call_as(relayer(), NearToken::from_yoctonear(0));
    let account = to_json(&contract.get_account(sequence.account_id.clone()));
    assert_eq!(account["passkeys"].as_array().map(Vec::len), Some(1));
    assert_eq!(account["wallets"].as_array().map(Vec::len), Some(1));
}
