//! Unit tests on near-sdk's mocked chain (nearcore's host logic). Signature checks are the
//! proofs crate's: these tests drive everything after verification through `apply_verified`
//! with a signer they name, and check that the request path refuses, fail closed, until then.

mod support;

mod accounts;
mod actions;
mod host_methods;
mod lifecycle;
mod markets_math;
mod storage_costs;
mod views;
