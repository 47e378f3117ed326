//! A request payload read as the lending contract will read it, to the facts its wallet messages
//! name: enough of the envelope for the probe's gas to include what a real call does.

use ccl_proofs::{
    ActionFacts, ProofError, ProofResult, RequestFacts, WalletChain, code, request_challenge,
};
use near_sdk::serde::Deserialize;

#[derive(Deserialize)]
#[serde(crate = "near_sdk::serde", rename_all = "camelCase")]
struct Payload {
    chain_id: String,
    contract_id: String,
    account_id: String,
    site: String,
    nonce: String,
    deadline: u64,
    actions: Vec<Action>,
}

#[derive(Deserialize)]
#[serde(crate = "near_sdk::serde")]
struct Address {
    chain: String,
    address: String,
}

#[derive(Deserialize)]
#[serde(crate = "near_sdk::serde", rename_all = "camelCase")]
struct Passkey {
    credential_id: String,
    public_key: String,
}

#[derive(Deserialize)]
#[serde(crate = "near_sdk::serde", tag = "type", rename_all = "snake_case")]
enum Action {
    Supply {
        asset: String,
        amount: String,
        collateral: bool,
    },
    Repay {
        asset: String,
        amount: String,
    },
    Adjust {
        asset: String,
        amount: String,
        direction: String,
    },
    Borrow {
        asset: String,
        amount: String,
        recipient: Address,
    },
    AddWallet {
        wallet: Address,
    },
    AddPasskey {
        passkey: Passkey,
    },
    #[serde(rename_all = "camelCase")]
    RemovePasskey {
        credential_id: String,
    },
    RemoveWallet {
        wallet: Address,
    },
}

fn invalid(why: &str) -> ProofError {
    ProofError::new(code::INVALID_REQUEST, format!("The request's {why}."))
}

fn chain(address: &Address) -> ProofResult<WalletChain> {
    WalletChain::parse(&address.chain)
        .ok_or_else(|| invalid("chain is not evm, solana, near or stellar"))
}

fn facts(action: &Action) -> ProofResult<ActionFacts> {
    match action {
        Action::Supply {
            asset,
            amount,
            collateral,
        } => ActionFacts::supply(asset, amount, *collateral),
        Action::Repay { asset, amount } => ActionFacts::repay(asset, amount),
        Action::Adjust {
            asset,
            amount,
            direction,
        } => ActionFacts::adjust(asset, amount, direction == "to-collateral"),
        Action::Borrow {
            asset,
            amount,
            recipient,
        } => ActionFacts::borrow(asset, amount, chain(recipient)?, &recipient.address),
        Action::AddWallet { wallet } => {
            Ok(ActionFacts::add_wallet(chain(wallet)?, &wallet.address))
        }
        Action::AddPasskey { passkey } => Ok(ActionFacts::add_passkey(
            &passkey.credential_id,
            &passkey.public_key,
        )),
        Action::RemovePasskey { credential_id } => Ok(ActionFacts::remove_passkey(credential_id)),
        Action::RemoveWallet { wallet } => {
            Ok(ActionFacts::remove_wallet(chain(wallet)?, &wallet.address))
        }
    }
}

pub fn request_facts(payload: &str) -> ProofResult<RequestFacts> {
    let parsed: Payload = near_sdk::serde_json::from_slice(payload.as_bytes())
        .map_err(|_| invalid("payload is not a request"))?;
    Ok(RequestFacts {
        request_id: request_challenge(payload),
        chain_id: parsed.chain_id,
        contract_id: parsed.contract_id,
        account_id: parsed.account_id,
        site: parsed.site,
        nonce: parsed.nonce,
        deadline_ms: parsed.deadline,
        actions: parsed
            .actions
            .iter()
            .map(facts)
            .collect::<ProofResult<_>>()?,
    })
}

pub fn hex_bytes(text: &str) -> Vec<u8> {
    let digit = |byte: u8| {
        (byte as char).to_digit(16).unwrap_or_else(|| {
            near_sdk::env::panic_str("INVALID_VERIFICATION_INPUT: challenge is not hex")
        })
    };
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(2) {
        near_sdk::env::panic_str("INVALID_VERIFICATION_INPUT: challenge is not hex");
    }
    bytes
        .chunks(2)
        .map(|pair| (digit(pair[0]) << 4 | digit(pair[1])) as u8)
        .collect()
}
