//! 256-bit ECDSA scalars as 32 big-endian bytes: enough arithmetic for range checks, the low-S
//! rule and decimal `uint256` values, without a big-integer or curve crate in the wasm.

pub(crate) type Scalar = [u8; 32];

/// The order n of P-256 (FIPS 186-5).
pub(crate) const P256_ORDER: Scalar =
    hex32("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
/// The order n of secp256k1 (SEC 2).
pub(crate) const SECP256K1_ORDER: Scalar =
    hex32("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");

/// 32 bytes from 64 hex digits, at compile time.
pub(crate) const fn hex32(text: &str) -> Scalar {
    let digits = text.as_bytes();
    let mut out = [0u8; 32];
    let mut i = 0;
    while i < 64 {
        let high = (digits[i] as char).to_digit(16).unwrap() as u8;
        let low = (digits[i + 1] as char).to_digit(16).unwrap() as u8;
        out[i / 2] = high << 4 | low;
        i += 2;
    }
    out
}

/// Left-pads a big-endian magnitude of at most 32 bytes.
pub(crate) fn from_be_slice(magnitude: &[u8]) -> Option<Scalar> {
    let mut out = [0u8; 32];
    out.get_mut(32usize.checked_sub(magnitude.len())?..)?
        .copy_from_slice(magnitude);
    Some(out)
}

/// In [1, n-1]: what ECDSA requires of both r and s.
pub(crate) fn in_range(value: &Scalar, order: &Scalar) -> bool {
    value.iter().any(|&b| b != 0) && value < order
}

/// s > n/2: the malleable twin of a low-S signature. (Big-endian arrays compare as numbers.)
pub(crate) fn is_high(s: &Scalar, order: &Scalar) -> bool {
    let mut half = [0u8; 32];
    let mut carry = 0u8;
    for (i, &byte) in order.iter().enumerate() {
        half[i] = carry << 7 | byte >> 1;
        carry = byte & 1;
    }
    s > &half
}

/// A canonical decimal integer (no sign, no leading zero) of at most 2^256 - 1.
pub(crate) fn from_decimal(text: &str) -> Option<Scalar> {
    let digits = text.as_bytes();
    if digits.is_empty() || (digits[0] == b'0' && digits.len() > 1) || digits.len() > 78 {
        return None;
    }
    let mut out = [0u8; 32];
    for &digit in digits {
        let mut carry = match digit {
            b'0'..=b'9' => (digit - b'0') as u32,
            _ => return None,
        };
        for byte in out.iter_mut().rev() {
            carry += *byte as u32 * 10;
            *byte = carry as u8;
            carry >>= 8;
        }
        if carry != 0 {
            return None;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behavior_half_order_splits_low_from_high_s() {
        let mut half = P256_ORDER;
        // n is odd, so n/2 rounded down is (n - 1) / 2: its last byte is 0x51 >> 1 with the carry.
        assert!(!is_high(
            &hex32("7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a8"),
            &P256_ORDER
        ));
        assert!(is_high(
            &hex32("7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a9"),
            &P256_ORDER
        ));
        half[31] = 0;
        assert!(in_range(&half, &P256_ORDER));
        assert!(!in_range(&P256_ORDER, &P256_ORDER));
        assert!(!in_range(&[0; 32], &P256_ORDER));
    }

    #[test]
    fn behavior_decimal_uint256_bounds() {
        let max = "115792089237316195423570985008687907853269984665640564039457584007913129639935";
        assert_eq!(from_decimal(max), Some([0xff; 32]));
        assert_eq!(
            from_decimal(
                "115792089237316195423570985008687907853269984665640564039457584007913129639936"
            ),
            None
        );
        assert_eq!(from_decimal("256").map(|v| (v[30], v[31])), Some((1, 0)));
        assert_eq!(from_decimal("007"), None);
    }
}
