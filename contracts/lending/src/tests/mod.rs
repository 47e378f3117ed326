//! Unit tests on near-sdk's mocked chain (nearcore's host logic). Most drive everything after
//! verification through `apply_verified` with a signer they name; `signed_requests` drives the
//! whole path (`create_account`, `execute`) with requests the TypeScript wallet code signed.

mod support;

mod accounts;
mod actions;
mod host_methods;
mod lifecycle;
mod markets_math;
mod signed_requests;
mod storage_costs;
mod views;
