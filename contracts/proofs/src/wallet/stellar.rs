//! Stellar wallets: SEP-53, Ed25519 over sha256("Stellar Signed Message:\n" ‖ message), by the key
//! a `G…` StrKey encodes (version byte, key, CRC16-XMODEM little-endian).

use super::ed25519_key::is_signing_key;
use super::encodings::{Encoding, signature_candidates};
use crate::codec::decode_base32;
use crate::error::{ProofResult, code, refuse};
use near_sdk::env;

/// StrKey version byte of an Ed25519 account key (6 << 3), which base32 renders as `G`.
const ACCOUNT_VERSION: u8 = 6 << 3;
const SEP53_PREFIX: &[u8] = b"Stellar Signed Message:\n";

/// CRC-16/XMODEM: polynomial 0x1021, initial 0, no reflection, no final XOR.
fn crc16_xmodem(bytes: &[u8]) -> u16 {
    bytes.iter().fold(0u16, |crc, &byte| {
        (0..8).fold(crc ^ (byte as u16) << 8, |crc, _| {
            if crc & 0x8000 != 0 {
                crc << 1 ^ 0x1021
            } else {
                crc << 1
            }
        })
    })
}

/// A `G…` address to its 32-byte key: length, alphabet, version byte, then the checksum
/// (`INVALID_ADDRESS_CHECKSUM`: probably mistyped). Muxed, contract and secret keys are refused.
pub fn decode_stellar_address(address: &str) -> ProofResult<[u8; 32]> {
    let invalid = |why: &str| {
        refuse(
            code::INVALID_ADDRESS,
            format!("\"{address}\" is not a Stellar account address: {why}."),
        )
    };
    if address.chars().map(char::len_utf16).sum::<usize>() != 56 {
        return invalid("it does not have 56 characters");
    }
    let Some(bytes) = decode_base32(address) else {
        return invalid("it is not upper-case base32");
    };
    if bytes.len() != 35 || bytes[0] != ACCOUNT_VERSION {
        return invalid("it is not an account public key (G…)");
    }
    if crc16_xmodem(&bytes[..33]) != u16::from_le_bytes([bytes[33], bytes[34]]) {
        return refuse(
            code::INVALID_ADDRESS_CHECKSUM,
            format!("\"{address}\" has a wrong checksum, so it was probably mistyped."),
        );
    }
    Ok(bytes[1..33].try_into().unwrap())
}

pub(crate) fn verify_sep53(address: &str, message: &str, signature: &str) -> ProofResult<[u8; 32]> {
    let key = decode_stellar_address(address)?;
    if !is_signing_key(&key) {
        return refuse(
            code::INVALID_ADDRESS,
            format!("{address} does not hold an Ed25519 public key, so it cannot sign."),
        );
    }
    let digest = env::sha256_array([SEP53_PREFIX, message.as_bytes()].concat());
    let candidates =
        signature_candidates::<64>(signature, &[Encoding::Hex, Encoding::Base64], "Stellar")?;
    if !candidates
        .iter()
        .any(|candidate| env::ed25519_verify(candidate, digest, &key))
    {
        return refuse(
            code::INVALID_SIGNATURE,
            format!("The signature was not made by {address} over this message."),
        );
    }
    Ok(key)
}
