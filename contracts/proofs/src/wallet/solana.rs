//! Solana wallets: `signMessage` is Ed25519 over the message bytes themselves, no prefix, no hash.

use super::ed25519_key::is_signing_key;
use super::encodings::{Encoding, signature_candidates};
use crate::codec::decode_base58;
use crate::error::{ProofResult, code, refuse};
use near_sdk::env;

/// The base58 address to its 32-byte key, which must be able to sign (a program-derived
/// address is deliberately not a key, so it cannot be a signer).
pub(crate) fn parse_solana_signer(address: &str) -> ProofResult<[u8; 32]> {
    let invalid = |why: &str| {
        refuse(
            code::INVALID_ADDRESS,
            format!("\"{address}\" is not a Solana wallet address: {why}."),
        )
    };
    let Some(bytes) = decode_base58(address) else {
        return invalid("it is not base58");
    };
    let Ok(key) = <[u8; 32]>::try_from(bytes.as_slice()) else {
        return invalid(&format!(
            "it decodes to {} bytes instead of 32",
            bytes.len()
        ));
    };
    if !is_signing_key(&key) {
        return invalid("it is not an Ed25519 public key");
    }
    Ok(key)
}

pub(crate) fn verify_solana(
    address: &str,
    message: &str,
    signature: &str,
) -> ProofResult<[u8; 32]> {
    let key = parse_solana_signer(address)?;
    let candidates =
        signature_candidates::<64>(signature, &[Encoding::Base58, Encoding::Base64], "Solana")?;
    if !candidates
        .iter()
        .any(|candidate| env::ed25519_verify(candidate, message.as_bytes(), &key))
    {
        return refuse(
            code::INVALID_SIGNATURE,
            format!("The signature was not made by {address} over this message."),
        );
    }
    Ok(key)
}
