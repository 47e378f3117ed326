//! NEAR wallets: NEP-413 `signMessage`, Ed25519 by the signing key over
//! sha256(borsh(u32 2^31+413) ‖ borsh({ message, nonce: [u8; 32], recipient, callbackUrl: Option<string> })).

use super::ed25519_key::is_signing_key;
use super::encodings::{Encoding, signature_candidates};
use crate::codec::{decode_base58, encode_hex};
use crate::error::{ProofResult, code, refuse};
use near_sdk::env;

/// 2^31 + 413: the prefix that keeps a NEP-413 payload from ever parsing as a transaction.
const NEP413_TAG: u32 = 2_147_484_061;
const KEY_PREFIX: &str = "ed25519:";

/// nearcore's AccountId rules: 2 to 64 characters; parts joined by `.`, each of lower-case letters
/// and digits in words joined by a single `-` or `_`.
pub fn is_valid_near_account_id(account_id: &str) -> bool {
    let part_ok = |part: &str| {
        !part.is_empty()
            && part.split(['-', '_']).all(|word| {
                !word.is_empty()
                    && word
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            })
    };
    (2..=64).contains(&account_id.len()) && account_id.split('.').all(part_ok)
}

/// An implicit account is the lower-case hex of its Ed25519 key; nobody registered it.
pub fn is_near_implicit_account_id(account_id: &str) -> bool {
    account_id.len() == 64
        && account_id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// `ed25519:<base58>` to the 32-byte key, refused as `INVALID_PUBLIC_KEY` unless it can sign.
pub fn parse_near_ed25519_key(public_key: &str) -> ProofResult<[u8; 32]> {
    let invalid = |why: &str| {
        refuse(
            code::INVALID_PUBLIC_KEY,
            format!("The NEAR public key is unusable: {why}."),
        )
    };
    let Some(digits) = public_key.strip_prefix(KEY_PREFIX) else {
        return invalid("expected the form ed25519:<base58>");
    };
    let Some(bytes) = decode_base58(digits) else {
        return invalid("the part after ed25519: is not base58");
    };
    let Ok(key) = <[u8; 32]>::try_from(bytes.as_slice()) else {
        return invalid(&format!("it is {} bytes instead of 32", bytes.len()));
    };
    if !is_signing_key(&key) {
        return invalid("it is not an Ed25519 point");
    }
    Ok(key)
}

fn borsh_string(out: &mut Vec<u8>, text: &str) {
    out.extend_from_slice(&(text.len() as u32).to_le_bytes());
    out.extend_from_slice(text.as_bytes());
}

/// The bytes whose sha256 the key signs.
pub(crate) fn nep413_payload(
    message: &str,
    nonce: &[u8; 32],
    recipient: &str,
    callback_url: Option<&str>,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(message.len() + recipient.len() + 64);
    out.extend_from_slice(&NEP413_TAG.to_le_bytes());
    borsh_string(&mut out, message);
    out.extend_from_slice(nonce);
    borsh_string(&mut out, recipient);
    match callback_url {
        None => out.push(0),
        Some(url) => {
            out.push(1);
            borsh_string(&mut out, url);
        }
    }
    out
}

pub(crate) struct Nep413<'a> {
    pub nonce: &'a [u8],
    pub recipient: &'a str,
    pub callback_url: Option<&'a str>,
}

/// `verifyNep413Signature`: account id, key, payload, signature, then an implicit account's key.
/// Returns the key; a named account's link to it is not something a contract can check.
pub(crate) fn verify_nep413(
    address: &str,
    public_key: &str,
    message: &str,
    nep413: &Nep413,
    signature: &str,
) -> ProofResult<[u8; 32]> {
    if !is_valid_near_account_id(address) {
        return refuse(
            code::INVALID_ADDRESS,
            format!("\"{address}\" is not a NEAR account ID."),
        );
    }
    let key = parse_near_ed25519_key(public_key)?;
    let Ok(nonce) = <[u8; 32]>::try_from(nep413.nonce) else {
        return refuse(
            code::INVALID_NONCE,
            format!(
                "A NEP-413 nonce is 32 bytes; this one is {}.",
                nep413.nonce.len()
            ),
        );
    };
    if nep413.recipient.is_empty() {
        return refuse(
            code::INVALID_VERIFICATION_INPUT,
            "nep413.recipient must be a non-empty string.",
        );
    }
    let digest = env::sha256_array(nep413_payload(
        message,
        &nonce,
        nep413.recipient,
        nep413.callback_url,
    ));
    let candidates = match signature.strip_prefix(KEY_PREFIX) {
        Some(base58) => signature_candidates::<64>(base58, &[Encoding::Base58], "NEAR")?,
        None => signature_candidates::<64>(signature, &[Encoding::Base64], "NEAR")?,
    };
    if !candidates
        .iter()
        .any(|candidate| env::ed25519_verify(candidate, digest, &key))
    {
        return refuse(
            code::INVALID_SIGNATURE,
            "The NEP-413 signature does not verify for this key and payload.",
        );
    }
    if is_near_implicit_account_id(address) && encode_hex(&key) != address {
        return refuse(
            code::PUBLIC_KEY_MISMATCH,
            format!("The key {public_key} does not control the implicit account {address}."),
        );
    }
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behavior_account_ids_follow_nearcore() {
        for valid in [
            "alice.near",
            "a-b_c.d",
            "0x",
            "lending.testnet",
            &"a".repeat(64),
        ] {
            assert!(is_valid_near_account_id(valid), "{valid}");
        }
        for invalid in [
            "a",
            "Alice.near",
            "a..b",
            "a.",
            "-a",
            "a--b",
            "a_-b",
            "a b",
            &"a".repeat(65),
        ] {
            assert!(!is_valid_near_account_id(invalid), "{invalid}");
        }
    }
}
