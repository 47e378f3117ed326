//! The probe's methods run natively against nearcore's host logic (near-sdk's `unit-testing`
//! feature: every host call goes through near-vm-runner's implementation, with its errors and gas),
//! with vectors made by other software wherever a result is a cryptographic fact.
//! What near-sdk generates around each method (reading the JSON input, `#[private]`,
//! `#[payable]`, `value_return` of the JSON output) exists only in the wasm build, so these tests
//! call the methods as Rust functions; the local chain's tests run the wasm itself.
//! One test binary, so near-vm-runner is linked once.

mod support;

mod context;
mod counter;
mod crypto_hashes;
mod crypto_signatures;
mod differential;
mod echo;
mod logs;
mod panics;
mod promises;
mod storage;
