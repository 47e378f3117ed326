//! Field validators shared by the envelope and its actions. Each refusal is INVALID_REQUEST
//! naming the field, as the protocol's `fields.ts` words it.

use crate::errors::{Checked, Code, Refusal};

pub fn invalid(field: &str, why: &str) -> Refusal {
    Refusal::new(
        Code::InvalidRequest,
        format!("The request's {field} {why}."),
    )
}

/// A non-empty string of at most `max` characters matching `allowed` (when given).
pub fn text(
    value: &str,
    field: &str,
    max: usize,
    allowed: Option<fn(&str) -> bool>,
) -> Checked<()> {
    if value.is_empty() {
        return Err(invalid(field, "must be a non-empty string"));
    }
    // The TypeScript counts UTF-16 units; every patterned field is ASCII, where the counts agree.
    if value.encode_utf16().count() > max {
        return Err(invalid(field, &format!("is longer than {max} characters")));
    }
    if let Some(check) = allowed
        && !check(value)
    {
        return Err(invalid(field, "does not match its pattern"));
    }
    Ok(())
}

pub fn is_base64url(value: &str) -> bool {
    value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

pub fn is_base58(value: &str) -> bool {
    value
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() && !matches!(b, b'0' | b'O' | b'I' | b'l'))
}

/// `^[a-z0-9._-]{2,64}$`: contract and account ids in requests.
pub fn is_id(value: &str) -> bool {
    (2..=64).contains(&value.len())
        && value.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        })
}

/// `^[A-Z][A-Z0-9]{1,9}$`: asset symbols.
pub fn is_asset(value: &str) -> bool {
    let bytes = value.as_bytes();
    (2..=10).contains(&bytes.len())
        && bytes[0].is_ascii_uppercase()
        && bytes
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// `p256:<base58>`.
pub fn is_p256_text(value: &str) -> bool {
    value
        .strip_prefix("p256:")
        .is_some_and(|rest| !rest.is_empty() && is_base58(rest))
}

/// A web origin exactly as browsers serialize it: `http(s)://host[:port]`, lower-case host,
/// no default port, no path. (The TypeScript compares with `new URL(text).origin`.)
pub fn is_origin(value: &str) -> bool {
    let (rest, default_port) = if let Some(rest) = value.strip_prefix("https://") {
        (rest, "443")
    } else if let Some(rest) = value.strip_prefix("http://") {
        (rest, "80")
    } else {
        return false;
    };
    if value.len() > 256 || rest.is_empty() {
        return false;
    }
    let (host, port) = if rest.starts_with('[') {
        let Some(end) = rest.find(']') else {
            return false;
        };
        let (host, after) = rest.split_at(end + 1);
        match after.strip_prefix(':') {
            Some(port) => (host, Some(port)),
            None if after.is_empty() => (host, None),
            None => return false,
        }
    } else {
        match rest.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (rest, None),
        }
    };
    let host_ok = if host.starts_with('[') {
        host.ends_with(']')
            && host.len() > 2
            && host[1..host.len() - 1].bytes().all(|b| {
                (b.is_ascii_hexdigit() && !b.is_ascii_uppercase()) || b == b':' || b == b'.'
            })
    } else {
        !host.is_empty()
            && host
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
    };
    let port_ok = match port {
        None => true,
        Some(port) => {
            !port.is_empty()
                && port.len() <= 5
                && port.bytes().all(|b| b.is_ascii_digit())
                && !port.starts_with('0')
                && port != default_port
                && port.parse::<u32>().is_ok_and(|p| p <= 65535)
        }
    };
    host_ok && port_ok
}

/// 2^256 - 1: the largest amount an EVM wallet can sign as a uint256.
const MAX_UINT256: &str =
    "115792089237316195423570985008687907853269984665640564039457584007913129639935";

/// An amount as signed: a decimal integer string without sign or leading zeros, at most
/// 2^256 - 1. `value` is it in u128, saturated: an amount past u128 exceeds every balance,
/// debt and pool, so each rule decides it as the TypeScript's bigint would.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Amount {
    pub text: String,
    pub value: u128,
}

pub fn amount(value: &str, field: &str) -> Checked<Amount> {
    let digits = |v: &str| v.as_bytes()[0] != b'0' && v.bytes().all(|b| b.is_ascii_digit());
    text(value, field, 78, Some(digits))?;
    if value.len() == 78 && value > MAX_UINT256 {
        return Err(invalid(field, "is larger than 2^256 - 1"));
    }
    Ok(Amount {
        text: value.to_string(),
        value: value.parse().unwrap_or(u128::MAX),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behavior_origins_are_accepted_only_as_browsers_serialize_them() {
        for good in [
            "https://partner.example",
            "http://127.0.0.1:5173",
            "http://localhost:5174",
            "https://a-b.example:8443",
            "http://[::1]:8080",
        ] {
            assert!(is_origin(good), "{good}");
        }
        for bad in [
            "https://Partner.example",
            "https://partner.example/",
            "https://partner.example:443",
            "http://x:080",
            "ftp://x",
            "https://",
            "https://a@b",
            "https://a b",
            "http://x:99999",
        ] {
            assert!(!is_origin(bad), "{bad}");
        }
    }

    #[test]
    fn error_amounts_refuse_signs_zeros_and_more_than_uint256() {
        assert_eq!(amount("12", "a").unwrap().value, 12);
        assert_eq!(amount(MAX_UINT256, "a").unwrap().value, u128::MAX);
        for bad in ["0", "012", "-1", "1.5", "", "1e3"] {
            assert_eq!(
                amount(bad, "a").unwrap_err().code,
                Code::InvalidRequest,
                "{bad}"
            );
        }
        let over = "115792089237316195423570985008687907853269984665640564039457584007913129639936";
        assert!(amount(over, "a").unwrap_err().message.contains("2^256"));
    }
}
