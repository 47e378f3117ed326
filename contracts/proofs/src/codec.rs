//! The text encodings proofs arrive in, decoded as strictly as `@scure/base` decodes them in
//! TypeScript (so a string one side refuses the other refuses too): no stray padding, no
//! non-zero leftover bits, no characters outside the alphabet. `None` means "not this encoding".

/// Which characters a base64 decoder takes for the values 62 and 63.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Base64Alphabet {
    /// `+` and `/`.
    Standard,
    /// `-` and `_` (WebAuthn's challenges and ids).
    Url,
    /// Either pair, as wallets' signatures come in both (TypeScript maps `-_` to `+/` first).
    Either,
}

fn base64_value(byte: u8, alphabet: Base64Alphabet) -> Option<u32> {
    use Base64Alphabet::*;
    Some(match (byte, alphabet) {
        (b'A'..=b'Z', _) => (byte - b'A') as u32,
        (b'a'..=b'z', _) => (byte - b'a' + 26) as u32,
        (b'0'..=b'9', _) => (byte - b'0' + 52) as u32,
        (b'+', Standard | Either) | (b'-', Url | Either) => 62,
        (b'/', Standard | Either) | (b'_', Url | Either) => 63,
        _ => return None,
    })
}

/// Unpadded base64: a length of 1 mod 4 and non-zero leftover bits are refused.
pub(crate) fn decode_base64_unpadded(text: &str, alphabet: Base64Alphabet) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if bytes.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &byte in bytes {
        buffer = (buffer << 6) | base64_value(byte, alphabet)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    (buffer == 0).then_some(out)
}

/// Padded standard base64 (`btoa`'s form): whole quanta, exactly the padding the length needs.
pub(crate) fn decode_base64_padded(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(4) {
        return None;
    }
    let body = text.trim_end_matches('=');
    let padding = text.len() - body.len();
    let needed = match body.len() % 4 {
        0 => 0,
        2 => 2,
        3 => 1,
        _ => return None,
    };
    if padding != needed {
        return None;
    }
    decode_base64_unpadded(body, Base64Alphabet::Standard)
}

const BASE64_URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Unpadded base64url: the form of `clientDataJSON.challenge`.
pub(crate) fn encode_base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let word = chunk
            .iter()
            .enumerate()
            .fold(0u32, |word, (i, &b)| word | (b as u32) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(BASE64_URL[(word >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

const BASE58: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// Base58 (Bitcoin's alphabet): each leading `1` is a leading zero byte.
pub(crate) fn decode_base58(text: &str) -> Option<Vec<u8>> {
    let mut number: Vec<u8> = Vec::with_capacity(text.len()); // little-endian base 256
    for &byte in text.as_bytes() {
        let mut carry = BASE58.iter().position(|&c| c == byte)? as u32;
        for digit in number.iter_mut() {
            carry += *digit as u32 * 58;
            *digit = carry as u8;
            carry >>= 8;
        }
        while carry > 0 {
            number.push(carry as u8);
            carry >>= 8;
        }
    }
    let zeros = text.bytes().take_while(|&b| b == b'1').count();
    let mut out = vec![0u8; zeros];
    out.extend(number.iter().rev());
    Some(out)
}

fn hex_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

/// Hex of either case, an even number of digits.
pub(crate) fn decode_hex(text: &str) -> Option<Vec<u8>> {
    let digits = text.as_bytes();
    if !digits.len().is_multiple_of(2) {
        return None;
    }
    digits
        .chunks(2)
        .map(|pair| Some(hex_value(pair[0])? << 4 | hex_value(pair[1])?))
        .collect()
}

pub(crate) fn encode_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    bytes
        .iter()
        .flat_map(|&b| {
            [
                DIGITS[(b >> 4) as usize] as char,
                DIGITS[(b & 15) as usize] as char,
            ]
        })
        .collect()
}

/// RFC 4648 base32, upper case, unpadded (Stellar's StrKey).
pub(crate) fn decode_base32(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 5 / 8);
    let (mut buffer, mut bits) = (0u64, 0u32);
    for &byte in text.as_bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'2'..=b'7' => byte - b'2' + 26,
            _ => return None,
        };
        buffer = (buffer << 5) | value as u64;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    (bits < 5 && buffer == 0).then_some(out)
}

/// JavaScript's `String.prototype.trim`: Unicode White_Space without U+0085, plus U+FEFF.
pub(crate) fn js_trim(text: &str) -> &str {
    text.trim_matches(|c: char| (c.is_whitespace() && c != '\u{85}') || c == '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behavior_base64url_round_trips_every_length() {
        for length in 0..8u8 {
            let bytes: Vec<u8> = (0..length)
                .map(|i| i.wrapping_mul(97).wrapping_add(200))
                .collect();
            let text = encode_base64url(&bytes);
            assert_eq!(
                decode_base64_unpadded(&text, Base64Alphabet::Url),
                Some(bytes)
            );
        }
    }

    #[test]
    fn error_base64_with_leftover_bits_or_a_lone_character_is_refused() {
        assert_eq!(decode_base64_unpadded("AB", Base64Alphabet::Url), None);
        assert_eq!(decode_base64_unpadded("AAAAA", Base64Alphabet::Url), None);
        assert_eq!(decode_base64_padded("AA=="), Some(vec![0]));
        assert_eq!(decode_base64_padded("AA="), None);
        assert_eq!(decode_base64_padded("AAA=="), None);
    }

    #[test]
    fn behavior_base58_keeps_leading_zero_bytes() {
        assert_eq!(decode_base58("11"), Some(vec![0, 0]));
        assert_eq!(decode_base58("1z"), Some(vec![0, 57]));
        assert_eq!(decode_base58("5R"), Some(vec![1, 0]));
        assert_eq!(decode_base58("0"), None);
    }

    #[test]
    fn behavior_js_trim_keeps_next_line_and_strips_the_byte_order_mark() {
        assert_eq!(js_trim("\u{feff} a\u{2028}"), "a");
        assert_eq!(js_trim("\u{85}a"), "\u{85}a");
    }
}
