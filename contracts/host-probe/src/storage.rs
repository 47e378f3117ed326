//! Raw key-value storage: each method is one storage host call on the UTF-8 bytes it is given.
//! Keys are not prefixed, so a test can predict the account's storage usage exactly
//! (key + value + 40 bytes per record); writing the key `STATE` overwrites the counter.

use crate::{HostProbe, HostProbeExt};
use near_sdk::{env, near};

#[near]
impl HostProbe {
    /// `storage_write`; true when the key held a value before.
    pub fn write_value(key: String, value: String) -> bool {
        env::storage_write(key.as_bytes(), value.as_bytes())
    }

    /// `storage_read` (a view); null when the key is absent.
    pub fn read_value(key: String) -> Option<String> {
        env::storage_read(key.as_bytes()).map(|bytes| {
            String::from_utf8(bytes).unwrap_or_else(|_| {
                env::panic_str(&format!("the value under {key:?} is not UTF-8"))
            })
        })
    }

    /// `storage_remove`; true when the key held a value.
    pub fn remove_value(key: String) -> bool {
        env::storage_remove(key.as_bytes())
    }

    /// `storage_has_key` (a view).
    pub fn has_value(key: String) -> bool {
        env::storage_has_key(key.as_bytes())
    }
}
