//! JSON spellings shared by the views and arguments: amounts are decimal strings, as the
//! TypeScript views write them (a JSON number would lose digits past 2^53).

pub mod u128_string {
    use near_sdk::serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(value: &u128, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&value.to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u128, D::Error> {
        let text = String::deserialize(deserializer)?;
        if text.is_empty()
            || !text.bytes().all(|b| b.is_ascii_digit())
            || (text.len() > 1 && text.starts_with('0'))
        {
            return Err(D::Error::custom("expected a decimal integer string"));
        }
        text.parse().map_err(D::Error::custom)
    }
}

/// Lower-case hex, for request ids. Written as bytes: pushing chars goes through UTF-8 encoding
/// for each one, which costs instructions on every request.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = Vec::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(DIGITS[(byte >> 4) as usize]);
        out.push(DIGITS[(byte & 15) as usize]);
    }
    String::from_utf8(out).unwrap_or_default()
}

/// 64 hex digits (either case) to 32 bytes.
pub fn parse_hex32(text: &str) -> Option<[u8; 32]> {
    if text.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (index, pair) in text.as_bytes().chunks(2).enumerate() {
        let digit = |c: u8| (c as char).to_digit(16);
        out[index] = (digit(pair[0])? * 16 + digit(pair[1])?) as u8;
    }
    Some(out)
}
