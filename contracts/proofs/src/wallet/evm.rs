//! EVM wallets: EIP-55 addresses, and an EIP-712 signature recovered with `ecrecover` under the
//! rules of `verify/evm.ts`: 65 bytes, v 27/28 or 0/1, r and s in [1, n-1], low S.

use super::encodings::{Encoding, signature_candidates};
use crate::codec::{decode_hex, encode_hex};
use crate::error::{ProofResult, code, refuse};
use crate::scalar::{SECP256K1_ORDER, in_range, is_high};
use near_sdk::env;

/// `0x` + 40 hex digits; a mixed-case address must carry the exact EIP-55 checksum. Returns it checksummed.
pub fn parse_evm_address(address: &str) -> ProofResult<String> {
    let digits = address
        .strip_prefix("0x")
        .filter(|digits| digits.len() == 40 && digits.bytes().all(|b| b.is_ascii_hexdigit()));
    let Some(digits) = digits else {
        return refuse(
            code::INVALID_ADDRESS,
            format!("\"{address}\" is not an EVM address."),
        );
    };
    let lower = digits.to_ascii_lowercase();
    let hash = env::keccak256_array(lower.as_bytes());
    let checksummed: String = lower
        .char_indices()
        .map(|(i, c)| {
            if c.is_ascii_alphabetic()
                && ((hash[i / 2] >> if i % 2 == 0 { 4 } else { 0 }) & 0x0f) >= 8
            {
                c.to_ascii_uppercase()
            } else {
                c
            }
        })
        .collect();
    let single_case = digits == lower || digits == digits.to_ascii_uppercase();
    if !single_case && digits != checksummed {
        return refuse(
            code::INVALID_ADDRESS_CHECKSUM,
            format!(
                "The EVM address {address} has a wrong EIP-55 checksum, so it was probably mistyped."
            ),
        );
    }
    Ok(format!("0x{checksummed}"))
}

/// The 20 bytes of an address, with `parse_evm_address`'s checks.
pub(crate) fn parse_evm_address_bytes(address: &str) -> ProofResult<[u8; 20]> {
    let checksummed = parse_evm_address(address)?;
    Ok(decode_hex(&checksummed[2..])
        .and_then(|bytes| bytes.try_into().ok())
        .expect("checked as 40 hex digits"))
}

/// Recovers the signer of `digest` and compares it with `expected` (already parsed).
pub(crate) fn verify_evm_digest(
    digest: &[u8; 32],
    signature: &str,
    expected: &str,
) -> ProofResult<()> {
    let expected_bytes = parse_evm_address_bytes(expected)?;
    let [sig] = signature_candidates::<65>(signature, &[Encoding::Hex], "EVM")?[..] else {
        unreachable!("one encoding gives at most one candidate")
    };
    let v = sig[64];
    if !matches!(v, 0 | 1 | 27 | 28) {
        return refuse(
            code::INVALID_RECOVERY_ID,
            format!(
                "The signature's recovery byte v is {v}; message signatures use 27 or 28 (or 0 or 1)."
            ),
        );
    }
    let r: [u8; 32] = sig[..32].try_into().unwrap();
    let s: [u8; 32] = sig[32..64].try_into().unwrap();
    if !in_range(&r, &SECP256K1_ORDER) || !in_range(&s, &SECP256K1_ORDER) {
        return refuse(
            code::MALFORMED_SIGNATURE,
            "The EVM signature has r or s outside [1, n-1].",
        );
    }
    if is_high(&s, &SECP256K1_ORDER) {
        return refuse(
            code::SIGNATURE_HIGH_S,
            "The EVM signature has a high S value, which is refused to keep signatures non-malleable.",
        );
    }
    let not_signed = || {
        refuse(
            code::INVALID_SIGNATURE,
            format!("The signature was not made by {expected}."),
        )
    };
    // The malleability flag would refuse high S too; the check above gives it its own code.
    let Some(public_key) = env::ecrecover(digest, &sig[..64], v % 27, true) else {
        return not_signed();
    };
    let recovered = env::keccak256_array(public_key);
    if recovered[12..] != expected_bytes {
        return refuse(
            code::INVALID_SIGNATURE,
            format!(
                "The signature was not made by {expected}: it recovers to 0x{}.",
                encode_hex(&recovered[12..])
            ),
        );
    }
    Ok(())
}
