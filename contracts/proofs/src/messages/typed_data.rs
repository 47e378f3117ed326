//! The EIP-712 digest an EVM wallet signs (`eth_signTypedData_v4`), rebuilt with `keccak256`:
//! keccak256(0x19 0x01 ‖ domain separator ‖ hashStruct(message)). The structs are flat (strings,
//! one uint256, a bytes32, an address, one array of one struct), as `typed-data.ts` lays them out.

use super::facts::deadline_text;
use super::{ActionFacts, BindingFacts, MessageFields, RequestFacts, WalletRole};
use crate::error::{ProofResult, code, refuse};
use crate::wallet::parse_evm_address_bytes;
use near_sdk::env::keccak256_array;

const DOMAIN_TYPE: &str = "EIP712Domain(string name,string version)";
const DOMAIN_NAME: &str = "CrossChain Lending";
const DOMAIN_VERSION: &str = "1";
const ACTION_TYPE: &str =
    "Action(string action,string amount,uint256 smallestUnits,string recipient)";
const REQUEST_MEMBERS: &str = "(string notice,string account,Action[] actions,string site,string deadline,bytes32 requestId,string contract,string network)";
const BIND_TYPE: &str = "BindWallet(string notice,string account,address wallet,string site,string deadline,string nonce,string contract,string network)";

/// One primary type per role: the type's name is part of what is signed.
fn primary_type(role: WalletRole) -> &'static str {
    match role {
        WalletRole::Bind => "BindWallet",
        WalletRole::Cosign => "CoSignBorrow",
        WalletRole::Recover => "RecoverAccount",
        WalletRole::Remove => "RemoveAccess",
        WalletRole::Request => "WalletRequest",
    }
}

/// The role's title and warning as one sentence pair: "Bind this wallet…. Only sign this…".
fn notice(role: WalletRole) -> String {
    let (title, warning) = role.heading();
    let mut chars = title.chars();
    let first = chars
        .next()
        .map(|c| c.to_ascii_uppercase())
        .unwrap_or_default();
    format!("{first}{}. {warning}", chars.as_str())
}

/// keccak256 of the 32-byte words of a struct, its type hash first.
fn hash_words(words: &[[u8; 32]]) -> [u8; 32] {
    keccak256_array(words.concat())
}

fn text(value: &str) -> [u8; 32] {
    keccak256_array(value.as_bytes())
}

fn action_hash(action: &ActionFacts) -> [u8; 32] {
    let (amount, smallest_units) = match &action.amount {
        Some(amount) => (amount.text.as_str(), amount.value),
        None => ("", [0u8; 32]),
    };
    hash_words(&[
        text(ACTION_TYPE),
        text(&action.action),
        text(amount),
        smallest_units,
        text(action.recipient.as_deref().unwrap_or("")),
    ])
}

fn request_struct_hash(role: WalletRole, fields: &RequestFacts) -> [u8; 32] {
    let type_hash = text(&format!(
        "{}{REQUEST_MEMBERS}{ACTION_TYPE}",
        primary_type(role)
    ));
    let actions: Vec<[u8; 32]> = fields.actions.iter().map(action_hash).collect();
    hash_words(&[
        type_hash,
        text(&notice(role)),
        text(&fields.account_id),
        hash_words(&actions),
        text(&fields.site),
        text(&deadline_text(fields.deadline_ms)),
        fields.request_id,
        text(&fields.contract_id),
        text(&format!("NEAR {}", fields.chain_id)),
    ])
}

fn binding_struct_hash(fields: &BindingFacts) -> ProofResult<[u8; 32]> {
    let mut wallet = [0u8; 32];
    wallet[12..].copy_from_slice(&parse_evm_address_bytes(&fields.wallet_address)?);
    Ok(hash_words(&[
        text(BIND_TYPE),
        text(&notice(WalletRole::Bind)),
        text(&fields.account_id),
        wallet,
        text(&fields.site),
        text(&deadline_text(fields.deadline_ms)),
        text(&fields.nonce),
        text(&fields.contract_id),
        text(&format!("NEAR {}", fields.chain_id)),
    ]))
}

/// The digest of the typed data an EVM wallet signs in `role` over `fields`.
pub fn typed_data_digest(role: WalletRole, fields: &MessageFields) -> ProofResult<[u8; 32]> {
    let message = match (role, fields) {
        (WalletRole::Bind, MessageFields::Binding(binding)) => binding_struct_hash(binding)?,
        (WalletRole::Bind, MessageFields::Request(_)) | (_, MessageFields::Binding(_)) => {
            return refuse(
                code::INVALID_VERIFICATION_INPUT,
                "Role Bind signs a binding's fields and only it does.",
            );
        }
        (role, MessageFields::Request(request)) => request_struct_hash(role, request),
    };
    let domain = hash_words(&[text(DOMAIN_TYPE), text(DOMAIN_NAME), text(DOMAIN_VERSION)]);
    let mut preimage = Vec::with_capacity(66);
    preimage.extend_from_slice(&[0x19, 0x01]);
    preimage.extend_from_slice(&domain);
    preimage.extend_from_slice(&message);
    Ok(keccak256_array(&preimage))
}
