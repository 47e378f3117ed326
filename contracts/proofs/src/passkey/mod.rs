//! A passkey's WebAuthn assertion, checked as `verifyPasskeyProof` in
//! `packages/protocol/src/request/verify-proof.ts` checks it, with the same refusals in the same
//! order: the cheap checks first, then one `p256_verify` host call for the curve math.

mod client_data;
mod signature;

pub use signature::{compress_p256_point, parse_p256_public_key, parse_p256_signature};

use crate::codec::{Base64Alphabet, decode_base64_unpadded, encode_base64url};
use crate::error::{ProofError, ProofResult, code, refuse};
use crate::scalar::{P256_ORDER, is_high};
use client_data::parse_client_data;
use near_sdk::env;
use signature::decode_p256_signature;

/// rpIdHash (32) + flags (1) + signCount (4): the fixed part of every assertion's authenticator data.
const MIN_AUTHENTICATOR_DATA: usize = 37;
const FLAG_USER_PRESENT: u8 = 0x01;
const FLAG_USER_VERIFIED: u8 = 0x04;
const FLAG_BACKUP_ELIGIBLE: u8 = 0x08;
const FLAG_BACKED_UP: u8 = 0x10;

/// What the contract expects of an assertion: the key on record and where and over what it was made.
pub struct PasskeyExpectation<'a> {
    /// The credential's key as recorded (`parse_p256_public_key`): compressed SEC1.
    pub public_key: &'a [u8; 33],
    /// The challenge bytes: `request_challenge(payload)` or `account_creation_challenge(..)`.
    pub challenge: &'a [u8],
    /// sha256 of it must open the authenticator data.
    pub rp_id: &'a str,
    /// `clientData.origin` must be one of these; not empty.
    pub wallet_origins: &'a [String],
    /// Pages that may embed the wallet: a `topOrigin` must be one of these or a wallet origin.
    pub partner_origins: &'a [String],
    /// The site a request names: a passkey that ran inside a page must have run inside this one.
    /// `None` for account creation, which names no site.
    pub site: Option<&'a str>,
    /// The contract always requires it; `false` only to check assertions made with UP alone.
    pub require_user_verification: bool,
}

/// One assertion as the authenticator made it.
pub struct Assertion {
    pub authenticator_data: Vec<u8>,
    /// The clientDataJSON text exactly as the browser returned it.
    pub client_data_json: String,
    /// Raw 64-byte r‖s, or DER.
    pub signature: Vec<u8>,
}

impl Assertion {
    /// From a request's proof fields: base64url authenticator data (refused as `INVALID_REQUEST`,
    /// as TypeScript's `decodeBase64Url` does), the clientDataJSON text, `p256:<base58 r‖s>`.
    pub fn from_proof(
        authenticator_data: &str,
        client_data_json: &str,
        signature: &str,
    ) -> ProofResult<Self> {
        let Some(authenticator_data) =
            decode_base64_unpadded(authenticator_data, Base64Alphabet::Url)
        else {
            return refuse(
                code::INVALID_REQUEST,
                "The request's proof.authenticatorData is not base64url.",
            );
        };
        let signature = parse_p256_signature(signature)?.to_vec();
        Ok(Self {
            authenticator_data,
            client_data_json: client_data_json.to_owned(),
            signature,
        })
    }
}

/// What a verified assertion told about itself, for the contract's own rules (the sign counter).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedPasskey {
    /// The authenticator's counter; 0 when it keeps none (synced passkeys). See `next_sign_count`.
    pub sign_count: u32,
    pub user_verified: bool,
    pub backup_eligible: bool,
    pub backed_up: bool,
    pub origin: String,
    pub cross_origin: bool,
    /// The page around the ceremony, when the browser named one (always allowed, and the site).
    pub top_origin: Option<String>,
}

fn fail<T>(code: &'static str, message: impl Into<String>) -> ProofResult<T> {
    Err(ProofError::new(code, message))
}

/// Checks, in TypeScript's order: inputs; authenticator data ≥ 37 bytes; key form; signature
/// decodes; clientDataJSON parses; type `webauthn.get`; challenge; origin; RP ID hash; UP; UV;
/// BS only with BE; low S; the P-256 signature over `authenticatorData ‖ sha256(clientDataJSON)`;
/// then the page it ran in (topOrigin) on the allowlist and equal to the request's site.
pub fn verify_passkey_assertion(
    expected: &PasskeyExpectation,
    assertion: &Assertion,
) -> ProofResult<VerifiedPasskey> {
    if expected.rp_id.is_empty() || expected.wallet_origins.is_empty() {
        return fail(
            code::INVALID_VERIFICATION_INPUT,
            "A passkey check needs the RP ID and at least one wallet origin.",
        );
    }
    let data = &assertion.authenticator_data;
    if data.len() < MIN_AUTHENTICATOR_DATA {
        return fail(
            code::INVALID_AUTHENTICATOR_DATA,
            format!(
                "The authenticator data is {} bytes; an assertion carries at least {MIN_AUTHENTICATOR_DATA}.",
                data.len()
            ),
        );
    }
    if !matches!(expected.public_key[0], 0x02 | 0x03) {
        return fail(
            code::INVALID_PUBLIC_KEY,
            "The passkey public key is not a compressed SEC1 point.",
        );
    }
    let (r, s) = decode_p256_signature(&assertion.signature)?;
    let client_data = parse_client_data(&assertion.client_data_json)?;

    if client_data.r#type != "webauthn.get" {
        return fail(
            code::CLIENT_DATA_TYPE_MISMATCH,
            format!(
                "clientDataJSON.type is \"{}\", not \"webauthn.get\".",
                client_data.r#type
            ),
        );
    }
    if client_data.challenge != encode_base64url(expected.challenge) {
        return fail(
            code::CHALLENGE_MISMATCH,
            "The assertion was made for another challenge.",
        );
    }
    if !expected.wallet_origins.contains(&client_data.origin) {
        return fail(
            code::ORIGIN_MISMATCH,
            format!(
                "The assertion comes from \"{}\", which is not an allowed origin.",
                client_data.origin
            ),
        );
    }
    if data[..32] != env::sha256_array(expected.rp_id.as_bytes()) {
        return fail(
            code::RP_ID_HASH_MISMATCH,
            format!(
                "The assertion was made for another relying party than {}.",
                expected.rp_id
            ),
        );
    }
    let flags = data[32];
    if flags & FLAG_USER_PRESENT == 0 {
        return fail(
            code::USER_NOT_PRESENT,
            "The authenticator did not confirm user presence.",
        );
    }
    let user_verified = flags & FLAG_USER_VERIFIED != 0;
    if expected.require_user_verification && !user_verified {
        return fail(
            code::USER_NOT_VERIFIED,
            "The authenticator did not verify the user (no PIN, biometric or passcode).",
        );
    }
    let (backup_eligible, backed_up) = (
        flags & FLAG_BACKUP_ELIGIBLE != 0,
        flags & FLAG_BACKED_UP != 0,
    );
    if backed_up && !backup_eligible {
        return fail(
            code::INVALID_BACKUP_FLAGS,
            "The authenticator data says the credential is backed up but not backup-eligible.",
        );
    }
    // The host accepts both halves of S; one accepted form per signature is this check's rule.
    if is_high(&s, &P256_ORDER) {
        return fail(
            code::SIGNATURE_HIGH_S,
            "The signature has a high S value, which is refused to keep signatures non-malleable.",
        );
    }

    let mut message = Vec::with_capacity(data.len() + 32);
    message.extend_from_slice(data);
    message.extend_from_slice(&env::sha256_array(assertion.client_data_json.as_bytes()));
    let mut raw = [0u8; 64];
    raw[..32].copy_from_slice(&r);
    raw[32..].copy_from_slice(&s);
    if !env::p256_verify(&raw, &env::sha256_array(&message), expected.public_key) {
        return fail(
            code::INVALID_SIGNATURE,
            "The passkey signature does not verify for this key and these bytes.",
        );
    }

    if let Some(top_origin) = &client_data.top_origin {
        if !served(
            top_origin,
            expected.wallet_origins,
            expected.partner_origins,
        ) {
            return fail(
                code::TOP_ORIGIN_NOT_ALLOWED,
                format!(
                    "The passkey was used inside \"{top_origin}\", which is not a partner site this contract allows."
                ),
            );
        }
        if let Some(site) = expected.site.filter(|site| site != top_origin) {
            return fail(
                code::SITE_MISMATCH,
                format!(
                    "The passkey approved this request inside {top_origin}, but the request names {site} as its site."
                ),
            );
        }
    }
    Ok(VerifiedPasskey {
        sign_count: u32::from_be_bytes(data[33..37].try_into().unwrap()),
        user_verified,
        backup_eligible,
        backed_up,
        origin: client_data.origin,
        cross_origin: client_data.cross_origin,
        top_origin: client_data.top_origin,
    })
}

fn served(origin: &str, wallet_origins: &[String], partner_origins: &[String]) -> bool {
    partner_origins
        .iter()
        .chain(wallet_origins)
        .any(|allowed| allowed == origin)
}

/// The site a request names must be one the contract serves: a partner site or a wallet origin.
pub fn assert_site_allowed(
    site: &str,
    wallet_origins: &[String],
    partner_origins: &[String],
) -> ProofResult<()> {
    if served(site, wallet_origins, partner_origins) {
        return Ok(());
    }
    refuse(
        code::SITE_NOT_ALLOWED,
        format!(
            "The request was made on \"{site}\", which is not a partner site this contract allows."
        ),
    )
}

/// WebAuthn's counter rule (L3 §7.2 step 21): when either counter is not zero, the new one must
/// be greater; one that stands still or goes back is a cloned authenticator or a replay.
/// Returns the counter to store (`stored` is 0 for a passkey that has never signed).
pub fn next_sign_count(stored: u32, seen: u32) -> ProofResult<u32> {
    if (seen != 0 || stored != 0) && seen <= stored {
        return refuse(
            code::SIGN_COUNT_REGRESSED,
            format!(
                "This passkey's signature counter went backwards (counter {seen}, last seen {stored})."
            ),
        );
    }
    Ok(seen)
}
