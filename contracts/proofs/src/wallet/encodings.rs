//! A wallet signature as text, read the way `decodeSignatureCandidates` reads it: every encoding
//! the chain's wallets use is tried, and every reading of the right length is a candidate. Text
//! forms overlap (86 characters can be base58 and base64 of 64 bytes), so rather than guess, the
//! verifier tries each: whichever verifies is a genuine signature by the key.

use crate::codec::{Base64Alphabet, decode_base58, decode_base64_unpadded, decode_hex, js_trim};
use crate::error::{ProofResult, code, refuse};

#[derive(Clone, Copy)]
pub(crate) enum Encoding {
    Hex,
    Base64,
    Base58,
}

fn decode_as(encoding: Encoding, text: &str) -> Option<Vec<u8>> {
    match encoding {
        Encoding::Hex => decode_hex(text.strip_prefix("0x").unwrap_or(text)),
        Encoding::Base64 => {
            // Wallets disagree on padding and on the URL-safe alphabet; the bytes are what matter.
            let body = text
                .strip_suffix("==")
                .or_else(|| text.strip_suffix('='))
                .unwrap_or(text);
            decode_base64_unpadded(body, Base64Alphabet::Either)
        }
        Encoding::Base58 => decode_base58(text),
    }
}

/// The distinct readings of `signature` that are `N` bytes long; `MALFORMED_SIGNATURE` when none is.
pub(crate) fn signature_candidates<const N: usize>(
    signature: &str,
    encodings: &[Encoding],
    label: &str,
) -> ProofResult<Vec<[u8; N]>> {
    let text = js_trim(signature);
    let mut candidates: Vec<[u8; N]> = Vec::new();
    for &encoding in encodings {
        let reading =
            decode_as(encoding, text).and_then(|bytes| <[u8; N]>::try_from(bytes.as_slice()).ok());
        if let Some(bytes) = reading.filter(|bytes| !candidates.contains(bytes)) {
            candidates.push(bytes);
        }
    }
    if candidates.is_empty() {
        return refuse(
            code::MALFORMED_SIGNATURE,
            format!("A {label} signature is {N} bytes; this one does not decode to {N} bytes."),
        );
    }
    Ok(candidates)
}
