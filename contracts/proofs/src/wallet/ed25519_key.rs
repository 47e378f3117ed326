//! What TypeScript's `isEd25519PublicKey` refuses, decided without curve arithmetic: a
//! non-canonical encoding (y ≥ p) and the small-order points, whose "signatures" prove nothing.
//! A key whose y is canonical but not on the curve cannot be told apart here; `ed25519_verify`
//! refuses it, so such a key gets `INVALID_SIGNATURE` where TypeScript says the key is invalid.

use crate::scalar::hex32 as hex;

/// Canonical encodings of the eight small-order points, and the same with the sign bit set (for
/// x = 0 that is an invalid encoding; for the others, the point's negation, also small order).
const SMALL_ORDER: [[u8; 32]; 5] = [
    hex("0000000000000000000000000000000000000000000000000000000000000000"),
    hex("0100000000000000000000000000000000000000000000000000000000000000"),
    hex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
    hex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
    hex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
];

/// y (the key without its sign bit, little-endian) is below p = 2^255 - 19.
fn is_canonical(key: &[u8; 32]) -> bool {
    let top = key[31] & 0x7f;
    // Only y in [p, 2^255) is non-canonical: 0x7f, then 30 bytes of 0xff, then a first byte ≥ 0xed.
    !(top == 0x7f && key[1..31].iter().all(|&b| b == 0xff) && key[0] >= 0xed)
}

pub(crate) fn is_signing_key(key: &[u8; 32]) -> bool {
    let mut unsigned = *key;
    unsigned[31] &= 0x7f;
    is_canonical(key) && !SMALL_ORDER.contains(&unsigned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_small_order_and_non_canonical_keys_cannot_sign() {
        for key in SMALL_ORDER {
            assert!(!is_signing_key(&key));
            let mut negated = key;
            negated[31] |= 0x80;
            assert!(!is_signing_key(&negated));
        }
        let mut p_plus_one =
            hex("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        assert!(!is_signing_key(&p_plus_one));
        p_plus_one[0] = 0xeb;
        assert!(is_signing_key(&p_plus_one));
    }
}
