//! Failures: the outcome a caller sees, and (for the runtime) that a failed receipt's writes are
//! rolled back.

use crate::{HostProbe, HostProbeExt};
use near_sdk::{env, near};

#[near]
impl HostProbe {
    /// `panic_utf8` with the message as given (near-sdk's `env::panic_str`).
    pub fn fail_with_message(message: String) {
        env::panic_str(&message)
    }

    /// A Rust `panic!`: near-sdk's panic hook turns it into `panic_utf8` with the panic's text and
    /// location.
    pub fn fail_with_rust_panic() {
        panic!("host-probe: a Rust panic on purpose")
    }

    /// Writes `value` under `key`, then fails: afterwards the key must hold what it held before.
    pub fn write_then_fail(key: String, value: String) {
        env::storage_write(key.as_bytes(), value.as_bytes());
        env::panic_str(&format!(
            "host-probe: wrote {key:?}, then failed; the write must not persist"
        ))
    }
}
