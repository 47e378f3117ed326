//! Byte strings arrive in the probe's JSON arguments as hex. A bad one ends the call with a
//! message that names the argument, so a failing conformance case says which input was wrong.

use near_sdk::env;

pub fn bytes(argument: &str, text: &str) -> Vec<u8> {
    hex::decode(text)
        .unwrap_or_else(|error| env::panic_str(&format!("{argument}: not hex ({error})")))
}

pub fn fixed<const N: usize>(argument: &str, text: &str) -> [u8; N] {
    let decoded = bytes(argument, text);
    <[u8; N]>::try_from(decoded.as_slice()).unwrap_or_else(|_| {
        env::panic_str(&format!(
            "{argument}: expected {N} bytes, got {}",
            decoded.len()
        ))
    })
}
