//! The local chain's conformance probe: a NEAR contract whose methods each drive one part of the
//! host interface (storage, logs, panics, context, promises, hashes and signature checks) and
//! return what the host answered as JSON. The runtime in `packages/devnet` runs it, and near-sdk's
//! `unit-testing` feature runs the same code against nearcore's own host logic, so the two can be
//! compared. Method names avoid the host functions' own names (`sha256`, `storage_write`, ...):
//! in wasm an exported method and an imported host function share one symbol namespace.

mod context;
mod counter;
mod crypto;
mod echo;
mod hex_input;
mod logs;
mod panics;
mod promises;
mod storage;

pub use context::{CallContext, ViewContext};
pub use logs::ProbeEvent;
pub use promises::CallOutcome;

use near_sdk::near;

/// The probe's only borsh state, under near-sdk's `STATE` key: a counter, so that one method
/// exercises the SDK's read-modify-write of contract state. Every other method is a static
/// method that touches storage only where it says so.
#[near(contract_state)]
#[derive(Default)]
pub struct HostProbe {
    counter: u64,
}
