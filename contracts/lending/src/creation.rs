//! Account creation from a passkey alone: the account's id and the statement its passkey signs.

use crate::config::ChainId;
use crate::json::hex;
use ccl_proofs::{AccountCreationFields, encode_account_creation};
use near_sdk::env;

const ACCOUNT_ID_DOMAIN: &[u8] = b"crosschain-lending/account/v1";

/// `pk-` and 40 hex digits of sha256(domain ‖ 0 ‖ compressed key ‖ credential id): the same
/// passkey always gives the same account, and a squatter who submits someone's key with another
/// credential id gets another account (protocol `accounts.ts`).
pub fn account_id_for(public_key: &[u8; 33], credential_id: &str) -> String {
    let mut input = Vec::with_capacity(ACCOUNT_ID_DOMAIN.len() + 34 + credential_id.len());
    input.extend_from_slice(ACCOUNT_ID_DOMAIN);
    input.push(0);
    input.extend_from_slice(public_key);
    input.extend_from_slice(credential_id.as_bytes());
    format!("pk-{}", hex(&env::sha256_array(&input)[..20]))
}

/// The exact statement (protocol `encodeAccountCreation`), as `ccl-proofs` writes it: the one
/// spelling the passkey's challenge is computed from on both sides.
pub fn creation_statement(
    chain_id: ChainId,
    contract_id: &str,
    credential_id: &str,
    public_key: &str,
    user_handle: Option<&str>,
    deadline: u64,
) -> String {
    encode_account_creation(&AccountCreationFields {
        chain_id: chain_id.as_str(),
        contract_id,
        credential_id,
        public_key,
        user_handle,
        deadline_ms: deadline,
    })
}
