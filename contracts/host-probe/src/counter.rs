//! The one method that goes through near-sdk's contract state: read `STATE`, change it, write it.

use crate::{HostProbe, HostProbeExt};
use near_sdk::near;

#[near]
impl HostProbe {
    /// Adds one to the counter and returns the new value.
    pub fn increment(&mut self) -> u64 {
        self.counter += 1;
        self.counter
    }

    /// The counter (a view).
    pub fn get_counter(&self) -> u64 {
        self.counter
    }
}
