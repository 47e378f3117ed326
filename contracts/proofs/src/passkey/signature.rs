//! A passkey's signature as r‖s for `p256_verify`: raw 64 bytes, or the ASN.1 DER authenticators
//! return, decoded strictly (minimal integers, short-form lengths only) so that one signature has
//! one accepted encoding. The length alone decides the form, as in TypeScript: a 64-byte DER
//! signature would need r and s six bytes short between them.

use crate::codec::decode_base58;
use crate::error::{ProofResult, code, refuse};
use crate::scalar::{P256_ORDER, Scalar, from_be_slice, in_range};

/// A P-256 DER signature is at most 72 bytes, so every length fits the one-byte short form.
const MAX_SHORT_LENGTH: u8 = 0x7f;

fn malformed<T>(why: &str) -> ProofResult<T> {
    refuse(
        code::MALFORMED_SIGNATURE,
        format!("The P-256 signature is malformed: {why}."),
    )
}

/// One INTEGER at `offset`: positive, minimally encoded, at most 32 bytes of magnitude.
fn read_integer(der: &[u8], offset: usize, name: &str) -> ProofResult<(Scalar, usize)> {
    if der.get(offset) != Some(&0x02) {
        return malformed(&format!("expected INTEGER {name}"));
    }
    let length = match der.get(offset + 1) {
        Some(&length) if length != 0 && length <= MAX_SHORT_LENGTH => length as usize,
        _ => return malformed(&format!("INTEGER {name} has an invalid length")),
    };
    let (start, end) = (offset + 2, offset + 2 + length);
    if end > der.len() {
        return malformed(&format!("INTEGER {name} runs past the end"));
    }
    let first = der[start];
    if first & 0x80 != 0 {
        return malformed(&format!("INTEGER {name} is negative"));
    }
    let padded = first == 0 && length > 1;
    if padded && der[start + 1] & 0x80 == 0 {
        return malformed(&format!("INTEGER {name} has a superfluous leading zero"));
    }
    let magnitude = &der[if padded { start + 1 } else { start }..end];
    match from_be_slice(magnitude) {
        Some(value) => Ok((value, end)),
        None => malformed(&format!("INTEGER {name} is longer than 32 bytes")),
    }
}

fn decode_der(der: &[u8]) -> ProofResult<(Scalar, Scalar)> {
    if der.len() < 8 {
        return malformed(&format!("{} bytes is too short", der.len()));
    }
    if der[0] != 0x30 {
        return malformed("it does not start with a SEQUENCE");
    }
    if der[1] > MAX_SHORT_LENGTH {
        return malformed("the SEQUENCE length is not in short form");
    }
    if der[1] as usize != der.len() - 2 {
        return malformed("the SEQUENCE length is not the length that follows");
    }
    let (r, next) = read_integer(der, 2, "r")?;
    let (s, end) = read_integer(der, next, "s")?;
    if end != der.len() {
        return malformed("bytes follow the second INTEGER");
    }
    Ok((r, s))
}

/// Raw r‖s or DER in; r and s each in [1, n-1] out (the S half is the caller's policy).
pub(crate) fn decode_p256_signature(signature: &[u8]) -> ProofResult<(Scalar, Scalar)> {
    let (r, s) = match <&[u8; 64]>::try_from(signature) {
        Ok(raw) => (raw[..32].try_into().unwrap(), raw[32..].try_into().unwrap()),
        Err(_) => decode_der(signature)?,
    };
    if !in_range(&r, &P256_ORDER) {
        return malformed("r is outside [1, n-1]");
    }
    if !in_range(&s, &P256_ORDER) {
        return malformed("s is outside [1, n-1]");
    }
    Ok((r, s))
}

/// `p256:<base58 of r‖s>`, the form a request's proof carries; checks the form and the ranges.
pub fn parse_p256_signature(text: &str) -> ProofResult<[u8; 64]> {
    let Some(digits) = text.strip_prefix("p256:") else {
        return malformed("expected the form p256:<base58 of r‖s>");
    };
    let Some(bytes) = decode_base58(digits) else {
        return malformed("the part after p256: is not base58");
    };
    let Ok(raw) = <[u8; 64]>::try_from(bytes.as_slice()) else {
        return malformed(&format!(
            "expected 64 bytes after p256:, got {}",
            bytes.len()
        ));
    };
    decode_p256_signature(&raw)?;
    Ok(raw)
}

/// `p256:<base58 of the 33-byte compressed point>`, the key form accounts record.
/// Refused as `INVALID_CREDENTIAL`, the code TypeScript's `parseP256PublicKey` gives.
pub fn parse_p256_public_key(text: &str) -> ProofResult<[u8; 33]> {
    let invalid = |why: &str| {
        refuse(
            code::INVALID_CREDENTIAL,
            format!("The passkey's public key is not a usable P-256 key: {why}."),
        )
    };
    let Some(digits) = text.strip_prefix("p256:") else {
        return invalid("expected the form p256:<base58>");
    };
    let Some(bytes) = decode_base58(digits) else {
        return invalid("the part after p256: is not base58");
    };
    match <[u8; 33]>::try_from(bytes.as_slice()) {
        Ok(key) if key[0] == 0x02 || key[0] == 0x03 => Ok(key),
        _ => invalid("expected a 33-byte compressed point"),
    }
}

/// SEC1 compression of `04‖x‖y` (the form WebAuthn's `getPublicKey()` gives): `02|03‖x` by y's parity.
/// It does not check the point is on the curve; `p256_verify` refuses a key that is not.
pub fn compress_p256_point(point: &[u8]) -> ProofResult<[u8; 33]> {
    match point {
        [0x02 | 0x03, ..] if point.len() == 33 => Ok(point.try_into().unwrap()),
        [0x04, ..] if point.len() == 65 => {
            let mut out = [0u8; 33];
            out[0] = 0x02 | (point[64] & 1);
            out[1..].copy_from_slice(&point[1..33]);
            Ok(out)
        }
        _ => refuse(
            code::INVALID_PUBLIC_KEY,
            format!(
                "The passkey public key is not a SEC1 P-256 point ({} bytes).",
                point.len()
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn der(r: &[u8], s: &[u8]) -> Vec<u8> {
        let mut body = vec![0x02, r.len() as u8];
        body.extend(r);
        body.extend([0x02, s.len() as u8]);
        body.extend(s);
        let mut out = vec![0x30, body.len() as u8];
        out.extend(body);
        out
    }

    #[test]
    fn behavior_der_with_a_sign_padding_zero_decodes_to_the_scalars() {
        let mut r = vec![0x00, 0x80];
        r.extend([1u8; 31]);
        let (decoded_r, decoded_s) = decode_p256_signature(&der(&r, &[5])).unwrap();
        assert_eq!(decoded_r[0], 0x80);
        assert_eq!(decoded_s[31], 5);
    }

    #[test]
    fn error_non_minimal_negative_or_trailing_der_is_malformed() {
        let mut trailing = der(&[1], &[1]);
        trailing.push(0);
        trailing[1] += 1;
        for bad in [
            der(&[0, 1], &[1]),
            der(&[0x81], &[1]),
            der(&[1], &[0]),
            trailing,
            der(&[1; 33], &[1]),
        ] {
            assert_eq!(
                decode_p256_signature(&bad).err().map(|e| e.code),
                Some(code::MALFORMED_SIGNATURE),
                "{bad:?}"
            );
        }
    }
}
