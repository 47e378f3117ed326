//! The proofs a request carries, as JSON shapes only. Whether they verify is `signers.rs`'s
//! question (and the proofs crate's); here each field is held to the protocol's limits.

use super::fields::{invalid, is_base58, is_base64url, is_p256_text, text};
use crate::chains::Chain;
use crate::errors::Checked;
use near_sdk::near;

/// A passkey's assertion: authenticator data (base64url), clientDataJSON exactly as the browser
/// returned it, and the signature as `p256:<base58 of r‖s>`.
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PasskeyAssertion {
    pub authenticator_data: String,
    #[serde(rename = "clientDataJSON")]
    pub client_data_json: String,
    pub signature: String,
}

/// A bound wallet's chain signature over the request's message in its role.
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WalletSignature {
    pub chain: Chain,
    pub address: String,
    pub signature: String,
    pub public_key: Option<String>,
}

/// `proof` of a signed request: `{ "type": "passkey", ... }` or `{ "type": "wallet", ... }`.
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
#[serde(tag = "type")]
pub enum RequestProof {
    #[serde(rename = "passkey")]
    Passkey(PasskeyAssertion),
    #[serde(rename = "wallet")]
    Wallet(WalletSignature),
}

/// `cosignature`: always a wallet's (`"type": "wallet"`).
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
#[serde(tag = "type")]
pub enum Cosignature {
    #[serde(rename = "wallet")]
    Wallet(WalletSignature),
}

/// `create_account`'s proof of possession: a passkey assertion (`"type": "passkey"`).
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
#[serde(tag = "type")]
pub enum CreationProof {
    #[serde(rename = "passkey")]
    Passkey(PasskeyAssertion),
}

impl PasskeyAssertion {
    pub fn check(&self, field: &str) -> Checked<()> {
        text(
            &self.authenticator_data,
            &format!("{field}.authenticatorData"),
            2048,
            Some(is_base64url),
        )?;
        text(
            &self.client_data_json,
            &format!("{field}.clientDataJSON"),
            4096,
            None,
        )?;
        text(
            &self.signature,
            &format!("{field}.signature"),
            128,
            Some(is_p256_text),
        )
    }
}

impl WalletSignature {
    pub fn check(&self, field: &str) -> Checked<()> {
        text(&self.address, &format!("{field}.address"), 128, None)?;
        text(&self.signature, &format!("{field}.signature"), 512, None)?;
        match &self.public_key {
            Some(key) => text(key, &format!("{field}.publicKey"), 128, None),
            None => Ok(()),
        }
    }
}

/// `p256:<base58>` of a 33-byte compressed point (0x02/0x03 first). Whether the point is on the
/// curve is the host's `p256_verify` to find out: a key off it never verifies anything.
pub fn parse_p256_public_key(text: &str) -> Checked<[u8; 33]> {
    let bad = |why: &str| {
        crate::errors::Refusal::new(
            crate::errors::Code::InvalidCredential,
            format!("The passkey's public key is not a usable P-256 key: {why}."),
        )
    };
    let encoded = text
        .strip_prefix("p256:")
        .ok_or_else(|| bad("expected the form p256:<base58>"))?;
    if !is_base58(encoded) {
        return Err(bad("it is not base58"));
    }
    let bytes = near_sdk::bs58::decode(encoded)
        .into_vec()
        .map_err(|_| bad("it is not base58"))?;
    let key: [u8; 33] = bytes.as_slice().try_into().map_err(|_| {
        bad(&format!(
            "expected a 33-byte compressed point, got {} bytes",
            bytes.len()
        ))
    })?;
    if key[0] != 2 && key[0] != 3 {
        return Err(bad("the point is not in compressed form"));
    }
    Ok(key)
}

pub fn format_p256_public_key(key: &[u8; 33]) -> String {
    format!("p256:{}", near_sdk::bs58::encode(key).into_string())
}

/// Checks only that a field is present and short enough, for the add_wallet binding proof.
pub fn bounded(value: &str, field: &str, max: usize) -> Checked<()> {
    if value.is_empty() {
        Err(invalid(field, "must be a non-empty string"))
    } else {
        text(value, field, max, None)
    }
}
