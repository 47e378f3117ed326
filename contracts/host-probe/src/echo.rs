//! `value_return` of arbitrary JSON.

use crate::{HostProbe, HostProbeExt};
use near_sdk::near;
use near_sdk::serde_json::Value;

#[near]
impl HostProbe {
    /// Returns its argument unchanged, whatever JSON it is.
    pub fn echo(value: Value) -> Value {
        value
    }
}
