//! `ccl-proofs` against what TypeScript made and decided: every fixture in `tests/fixtures/`
//! (written by `fixtures.ts` from `packages/protocol`) and each of its mutations must get the
//! outcome TypeScript's verifier gave it, code for code, and the messages rebuilt here must be
//! byte for byte the ones TypeScript signed. The host functions are nearcore's (near-sdk's
//! `unit-testing` feature runs near-vm-runner's logic). One binary, so it links near-vm-runner once.

mod support;

mod binding_text;
mod chrome;
mod passkeys;
mod wallets;
