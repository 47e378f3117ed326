//! The challenges passkeys sign: sha256 of a request's exact payload, and sha256 of the account
//! creation statement (`account-creation.ts`), written as `JSON.stringify` writes it.

use near_sdk::env;

/// Tags the creation statement, so a creation proof can never pass for a request's and back.
const ACCOUNT_CREATION_DOMAIN: &str = "crosschain-lending/create-account/v1";

/// sha256 of the payload's bytes: the WebAuthn challenge of a passkey-signed request, and (in hex)
/// the request id every wallet message names.
pub fn request_challenge(payload: &str) -> [u8; 32] {
    env::sha256_array(payload.as_bytes())
}

/// What a new passkey signs to have its account recorded (proof of possession).
pub struct AccountCreationFields<'a> {
    pub chain_id: &'a str,
    pub contract_id: &'a str,
    pub credential_id: &'a str,
    /// `p256:<base58>`, as the creation call names it.
    pub public_key: &'a str,
    pub user_handle: Option<&'a str>,
    pub deadline_ms: u64,
}

/// A JSON string literal as `JSON.stringify` writes it: `"` `\` and control characters escaped.
fn json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The exact creation statement, its keys in `encodeAccountCreation`'s order.
pub fn encode_account_creation(fields: &AccountCreationFields) -> String {
    let mut out = String::from("{\"domain\":");
    json_string(&mut out, ACCOUNT_CREATION_DOMAIN);
    for (key, value) in [
        ("chainId", fields.chain_id),
        ("contractId", fields.contract_id),
        ("credentialId", fields.credential_id),
        ("publicKey", fields.public_key),
    ] {
        out.push_str(&format!(",\"{key}\":"));
        json_string(&mut out, value);
    }
    out.push_str(",\"userHandle\":");
    match fields.user_handle {
        Some(handle) => json_string(&mut out, handle),
        None => out.push_str("null"),
    }
    out.push_str(&format!(",\"deadline\":{}}}", fields.deadline_ms));
    out
}

/// The WebAuthn challenge for account creation: sha256 of the statement.
pub fn account_creation_challenge(fields: &AccountCreationFields) -> [u8; 32] {
    env::sha256_array(encode_account_creation(fields).as_bytes())
}
