//! The signed request envelope and its actions, validated as `packages/protocol/src/request`
//! validates them (same fields, same limits, INVALID_REQUEST naming the field). Signatures are
//! not checked here: see `signers.rs`.

pub mod actions;
pub mod envelope;
pub mod fields;
pub mod proofs;
