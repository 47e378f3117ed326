//! # ccl-proofs: who signed what
//!
//! The lending contract's signature checks, as `packages/protocol` makes them in TypeScript (the
//! committed fixtures in `tests/fixtures/` are produced by that code and checked by both sides),
//! with NEAR's host functions doing the cryptography: `p256_verify` for passkeys, `keccak256` +
//! `ecrecover` for EIP-712, `ed25519_verify` for NEP-413, Solana and SEP-53, `sha256` throughout.
//! No elliptic-curve code is compiled into the contract. A library, not a contract: the lending
//! contract calls it and panics with `ProofError`'s `CODE: message` (see `ProofError::panic`).
//!
//! ## Passkeys
//! - [`verify_passkey_assertion`]`(&PasskeyExpectation, &Assertion) -> Result<VerifiedPasskey, ProofError>`:
//!   client data (type, challenge, origin, topOrigin on the allowlist and equal to the request's
//!   site), authenticator data (RP ID hash, UP, UV, backup flags), low S, then the signature.
//! - [`Assertion::from_proof`] reads a request's proof fields; [`parse_p256_public_key`] the key
//!   an account records (`p256:<base58>`).
//! - [`request_challenge`] and [`account_creation_challenge`] are the challenges; [`next_sign_count`]
//!   the counter rule; [`assert_site_allowed`] the request's site rule.
//!
//! ## Wallets
//! - [`verify_wallet_signature`]`(WalletRole, &WalletIdentity, &MessageFields, signature: &str) -> Result<VerifiedWallet, ProofError>`:
//!   rebuilds the role's message from the fields ([`request_message`], [`binding_message`],
//!   [`typed_data_digest`]) and checks the chain's signature over it.
//! - [`ActionFacts`] constructors turn each action into the words messages show; [`RequestFacts`]
//!   and [`BindingFacts`] carry the rest; [`check_binding_message`] compares an add_wallet's text
//!   with the request it arrives in; [`normalize_address`] gives the spelling to store.
//!
//! ## NEAR bindings
//! A contract cannot read an account's access keys, so a NEAR binding binds the Ed25519 key that
//! signed the NEP-413 message; a named account is a label the wallet and the relayer checked with
//! RPC `view_access_key` when binding ([`VerifiedWallet::near_account_is_label`]). See
//! docs/contracts.md for the consequences for recovery.

mod challenge;
mod codec;
mod error;
mod messages;
mod passkey;
mod scalar;
mod wallet;

pub use challenge::{
    AccountCreationFields, account_creation_challenge, encode_account_creation, request_challenge,
};
pub use error::{ProofError, ProofResult, code};
pub use messages::{
    ActionFacts, Amount, BindingFacts, MessageFields, Nep413Params, RequestFacts, WalletRole,
    binding_message, check_binding_message, request_message, typed_data_digest,
};
pub use passkey::{
    Assertion, PasskeyExpectation, VerifiedPasskey, assert_site_allowed, compress_p256_point,
    next_sign_count, parse_p256_public_key, parse_p256_signature, verify_passkey_assertion,
};
pub use wallet::{
    VerifiedWallet, WalletChain, WalletIdentity, decode_stellar_address,
    is_near_implicit_account_id, is_valid_near_account_id, normalize_address, parse_evm_address,
    parse_near_ed25519_key, verify_wallet_signature,
};
