//! `a × b / d` for u128 operands through a 256-bit product. The TypeScript contract multiplies
//! bigints, which never overflow; amounts of a 24-decimal asset times an 18-decimal index pass
//! 2^128, so the product is kept in two u128 halves and divided by long division. No crate:
//! this is the one wide operation the contract needs.

/// The 256-bit product as (high, low) halves.
fn widening_mul(a: u128, b: u128) -> (u128, u128) {
    const LOW: u128 = u64::MAX as u128;
    let (a0, a1) = (a & LOW, a >> 64);
    let (b0, b1) = (b & LOW, b >> 64);
    let p00 = a0 * b0;
    let p01 = a0 * b1;
    let p10 = a1 * b0;
    let p11 = a1 * b1;
    // At most 3 × (2^64 - 1): fits.
    let middle = (p00 >> 64) + (p01 & LOW) + (p10 & LOW);
    let low = (p00 & LOW) | (middle << 64);
    let high = p11 + (p01 >> 64) + (p10 >> 64) + (middle >> 64);
    (high, low)
}

/// Quotient and remainder of (high, low) / d, or None when the quotient does not fit in u128.
fn divide(high: u128, low: u128, d: u128) -> Option<(u128, u128)> {
    if high == 0 {
        return Some((low / d, low % d));
    }
    if high >= d {
        return None;
    }
    let mut remainder = high;
    let mut quotient: u128 = 0;
    for bit in (0..128).rev() {
        // The remainder is below d; doubling it may carry out of 128 bits, and then it is above d.
        let carry = remainder >> 127;
        remainder = (remainder << 1) | ((low >> bit) & 1);
        quotient <<= 1;
        if carry == 1 || remainder >= d {
            remainder = remainder.wrapping_sub(d);
            quotient |= 1;
        }
    }
    Some((quotient, remainder))
}

/// ⌊a × b / d⌋, None when it exceeds u128. `d` must be positive.
pub fn checked_mul_div_down(a: u128, b: u128, d: u128) -> Option<u128> {
    assert!(d > 0, "division by zero");
    let (high, low) = widening_mul(a, b);
    divide(high, low, d).map(|(quotient, _)| quotient)
}

/// ⌈a × b / d⌉, None when it exceeds u128. `d` must be positive.
pub fn checked_mul_div_up(a: u128, b: u128, d: u128) -> Option<u128> {
    assert!(d > 0, "division by zero");
    let (high, low) = widening_mul(a, b);
    let (quotient, remainder) = divide(high, low, d)?;
    if remainder == 0 {
        Some(quotient)
    } else {
        quotient.checked_add(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behavior_products_within_u128_divide_exactly() {
        assert_eq!(checked_mul_div_down(7, 3, 2), Some(10));
        assert_eq!(checked_mul_div_up(7, 3, 2), Some(11));
        assert_eq!(checked_mul_div_up(0, 3, 2), Some(0));
        assert_eq!(checked_mul_div_up(4, 3, 2), Some(6));
    }

    #[test]
    fn behavior_products_beyond_u128_divide_exactly() {
        // 10^24 × 10^18 / 10^18 = 10^24, through a 2^139 product.
        let amount = 10u128.pow(24);
        let wad = 10u128.pow(18);
        assert_eq!(checked_mul_div_down(amount, wad, wad), Some(amount));
        // (2^127 + 1) × 6 / 4, checked by hand: 3 × 2^126 + 1 remainder 2.
        let a = (1u128 << 127) + 1;
        assert_eq!(checked_mul_div_down(a, 6, 4), Some(3 * (1u128 << 126) + 1));
        assert_eq!(checked_mul_div_up(a, 6, 4), Some(3 * (1u128 << 126) + 2));
        // u128::MAX² / u128::MAX.
        assert_eq!(
            checked_mul_div_down(u128::MAX, u128::MAX, u128::MAX),
            Some(u128::MAX)
        );
        assert_eq!(
            checked_mul_div_up(u128::MAX, u128::MAX - 1, u128::MAX),
            Some(u128::MAX - 1)
        );
    }

    #[test]
    fn error_a_quotient_beyond_u128_is_none() {
        assert_eq!(checked_mul_div_down(u128::MAX, 2, 1), None);
        assert_eq!(
            checked_mul_div_up(u128::MAX, u128::MAX, u128::MAX - 1),
            None
        );
    }
}
