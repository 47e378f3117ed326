//! The request payload: one JSON string, signed as it is and never re-encoded. Its id (and a
//! passkey's challenge) is sha256 of its UTF-8 bytes.

use super::actions::Action;
use super::fields::{Amount, invalid, is_base64url, is_id, is_origin, text};
use super::proofs::{Cosignature, RequestProof};
use crate::chains::Chain;
use crate::config::ChainId;
use crate::errors::{Checked, refusal};
use near_sdk::serde::Deserialize;
use near_sdk::{near, serde_json};

/// Tags every payload, so a signature over one can never be mistaken for anything else.
pub const REQUEST_DOMAIN: &str = "crosschain-lending/request/v2";
/// At most this many actions in one request: each one costs gas.
pub const MAX_ACTIONS: usize = 8;
/// Payloads larger than this are refused before anything is parsed.
pub const MAX_PAYLOAD_BYTES: usize = 16 * 1024;
/// JavaScript's largest safe integer: deadlines are JSON numbers the wallet writes.
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// Who signed: one of the account's passkeys, or one of its bound wallets.
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
#[serde(tag = "type")]
pub enum RequestSigner {
    #[serde(rename = "passkey", rename_all = "camelCase")]
    Passkey { credential_id: String },
    #[serde(rename = "wallet")]
    Wallet { chain: Chain, address: String },
}

#[derive(Deserialize)]
#[serde(
    crate = "near_sdk::serde",
    rename_all = "camelCase",
    deny_unknown_fields
)]
struct PayloadJson {
    domain: String,
    chain_id: ChainId,
    contract_id: String,
    account_id: String,
    site: String,
    signer: RequestSigner,
    nonce: String,
    deadline: u64,
    actions: Vec<Action>,
}

/// A validated payload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestFields {
    pub chain_id: ChainId,
    pub contract_id: String,
    pub account_id: String,
    pub site: String,
    pub signer: RequestSigner,
    pub nonce: String,
    pub deadline: u64,
    pub actions: Vec<Action>,
    /// Each action's amount, parsed (None for actions without one).
    pub amounts: Vec<Option<Amount>>,
}

/// Parses and validates a payload string; INVALID_REQUEST naming the first bad field.
pub fn parse_request(payload: &str) -> Checked<RequestFields> {
    if payload.len() > MAX_PAYLOAD_BYTES {
        return Err(invalid(
            "payload",
            &format!("is larger than {MAX_PAYLOAD_BYTES} bytes"),
        ));
    }
    // From its bytes, as near-sdk reads the call's arguments: one instance of serde_json's
    // parser for the action and proof types instead of two (the wasm loads by the byte).
    let raw: PayloadJson = serde_json::from_slice(payload.as_bytes())
        .map_err(|error| invalid("payload", &format!("is not a request ({error})")))?;
    if raw.domain != REQUEST_DOMAIN {
        return Err(invalid("domain", &format!("must be \"{REQUEST_DOMAIN}\"")));
    }
    if raw.deadline == 0 || raw.deadline > MAX_SAFE_INTEGER {
        return Err(invalid(
            "deadline",
            "must be a positive integer (ms since the epoch)",
        ));
    }
    if raw.actions.is_empty() || raw.actions.len() > MAX_ACTIONS {
        return Err(invalid(
            "actions",
            &format!("must list 1 to {MAX_ACTIONS} actions"),
        ));
    }
    text(&raw.contract_id, "contractId", 64, Some(is_id))?;
    text(&raw.account_id, "accountId", 64, Some(is_id))?;
    if !is_origin(&raw.site) {
        return Err(invalid(
            "site",
            "must be the origin exactly as browsers write it",
        ));
    }
    match &raw.signer {
        RequestSigner::Passkey { credential_id } => text(
            credential_id,
            "signer.credentialId",
            1400,
            Some(is_base64url),
        )?,
        RequestSigner::Wallet { address, .. } => text(address, "signer.address", 128, None)?,
    }
    let nonce_ok = |n: &str| n.len() == 43 && is_base64url(n);
    text(&raw.nonce, "nonce", 43, Some(nonce_ok))?;
    let amounts = raw
        .actions
        .iter()
        .enumerate()
        .map(|(index, action)| action.check(index))
        .collect::<Checked<Vec<_>>>()?;
    Ok(RequestFields {
        chain_id: raw.chain_id,
        contract_id: raw.contract_id,
        account_id: raw.account_id,
        site: raw.site,
        signer: raw.signer,
        nonce: raw.nonce,
        deadline: raw.deadline,
        actions: raw.actions,
        amounts,
    })
}

/// What `execute` receives: the payload and its proofs, shapes checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedRequest {
    pub payload: String,
    pub proof: RequestProof,
    pub cosignature: Option<Cosignature>,
    pub fields: RequestFields,
}

pub fn parse_signed_request(
    payload: String,
    proof: RequestProof,
    cosignature: Option<Cosignature>,
) -> Checked<SignedRequest> {
    let fields = parse_request(&payload)?;
    match (&proof, &fields.signer) {
        (RequestProof::Passkey(assertion), RequestSigner::Passkey { .. }) => {
            assertion.check("proof")?
        }
        (RequestProof::Wallet(signature), RequestSigner::Wallet { .. }) => {
            signature.check("proof")?
        }
        (_, RequestSigner::Passkey { .. }) => {
            return refusal(
                crate::errors::Code::InvalidRequest,
                "The request's proof.type must match signer.type (passkey).",
            );
        }
        (_, RequestSigner::Wallet { .. }) => {
            return refusal(
                crate::errors::Code::InvalidRequest,
                "The request's proof.type must match signer.type (wallet).",
            );
        }
    }
    if let Some(Cosignature::Wallet(signature)) = &cosignature {
        signature.check("cosignature")?;
    }
    Ok(SignedRequest {
        payload,
        proof,
        cosignature,
        fields,
    })
}
