//! "Who signed this, and is that signer allowed?": the one module between a parsed request and
//! everything after verification. Which passkey or wallet of the account a proof names is
//! decided here for real; whether the proof's signature holds is the proofs crate's to answer
//! (passkeys with `p256_verify` and the contract's low-S rule, EVM with `ecrecover`, Solana,
//! NEP-413 and SEP-53 with `ed25519_verify`). Until that crate is merged, every signature check
//! refuses, fail closed, with VERIFICATION_UNAVAILABLE: nothing is ever treated as signed here.

use crate::addresses::normalize_address;
use crate::chains::Chain;
use crate::config::Config;
use crate::errors::{Code, OrRefuse, Refusal, refuse};
use crate::request::actions::Action;
use crate::request::envelope::{RequestSigner, SignedRequest};
use crate::request::proofs::{Cosignature, PasskeyAssertion, RequestProof, WalletSignature};
use crate::state::Account;

/// Who signed a request, as verification established it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VerifiedSigner {
    /// One of the account's passkeys, with the authenticator's counter from its assertion.
    Passkey {
        credential_id: String,
        sign_count: u32,
    },
    /// One of the account's bound wallets (normalized address).
    Wallet { chain: Chain, address: String },
}

/// A wallet whose binding proof verified, ready to be bound.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedBinding {
    pub chain: Chain,
    pub address: String,
    /// The NEAR key that signed the binding (`ed25519:<base58>`).
    pub public_key: Option<String>,
}

/// Everything verification hands to the apply path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    pub signer: VerifiedSigner,
    /// The bound wallet that co-signed, when the request carries a co-signature.
    pub cosigner: Option<(Chain, String)>,
    /// Each add_wallet action's verified wallet, by action index.
    pub bindings: Vec<(usize, VerifiedBinding)>,
}

fn unavailable(what: &str) -> ! {
    refuse(
        Code::VerificationUnavailable,
        format!(
            "This contract build cannot check {what} yet (its signature checks are not installed), so it refuses the request rather than trust it."
        ),
    )
}

/// The passkey assertion over `challenge` (sha256 of the payload or creation statement), for the
/// configured RP ID, wallet origins and partner sites, with UP, UV and low-S. Returns the
/// authenticator's counter. `site`: the partner page a request names.
fn passkey_assertion(
    _config: &Config,
    _public_key: &[u8; 33],
    _assertion: &PasskeyAssertion,
    _challenge: &[u8; 32],
    _site: Option<&str>,
) -> u32 {
    unavailable("passkey signatures")
}

/// A bound wallet's signature over the request's message in its role.
fn wallet_signature(
    _config: &Config,
    _account: &Account,
    _signature: &WalletSignature,
    _request: &SignedRequest,
    _cosign: bool,
) {
    unavailable("wallet signatures")
}

/// An add_wallet action's proof: the exact binding message for this request, signed by that wallet.
fn binding_signature(
    _config: &Config,
    _request: &SignedRequest,
    _action: &Action,
) -> VerifiedBinding {
    unavailable("wallet binding signatures")
}

/// The bound wallet a wallet proof names, or `code` (UNKNOWN_SIGNER, INVALID_COSIGNATURE).
fn bound_wallet(account: &Account, chain: Chain, address: &str, code: Code) -> (Chain, String) {
    let address = normalize_address(chain, address)
        .map_err(|_| {
            Refusal::new(
                code,
                format!("{address:?} is not a valid {} address.", chain.as_str()),
            )
        })
        .or_refuse();
    if account.wallet(chain, &address).is_none() {
        refuse(
            code,
            format!(
                "The {} wallet {address} is not bound to this account.",
                chain.as_str()
            ),
        );
    }
    (chain, address)
}

/// Verifies a signed request against the account: its signer, its co-signature, its bindings.
pub fn verify_request(
    config: &Config,
    account: &Account,
    request: &SignedRequest,
    challenge: &[u8; 32],
) -> Verified {
    let signer = match (&request.fields.signer, &request.proof) {
        (RequestSigner::Passkey { credential_id }, RequestProof::Passkey(assertion)) => {
            let Some(passkey) = account.passkey(credential_id) else {
                refuse(
                    Code::UnknownSigner,
                    "This passkey does not control the account. Sign in with one of its passkeys.",
                )
            };
            let sign_count = passkey_assertion(
                config,
                &passkey.public_key,
                assertion,
                challenge,
                Some(&request.fields.site),
            );
            VerifiedSigner::Passkey {
                credential_id: credential_id.clone(),
                sign_count,
            }
        }
        (RequestSigner::Wallet { chain, address }, RequestProof::Wallet(signature)) => {
            if signature.chain != *chain || signature.address != *address {
                refuse(
                    Code::UnknownSigner,
                    "The proof is from another wallet than the request names as its signer.",
                );
            }
            let (chain, address) = bound_wallet(account, *chain, address, Code::UnknownSigner);
            wallet_signature(config, account, signature, request, false);
            VerifiedSigner::Wallet { chain, address }
        }
        _ => refuse(
            Code::UnknownSigner,
            "The proof does not match the request signer.",
        ),
    };
    let cosigner = request
        .cosignature
        .as_ref()
        .map(|Cosignature::Wallet(signature)| {
            let bound = bound_wallet(
                account,
                signature.chain,
                &signature.address,
                Code::InvalidCosignature,
            );
            wallet_signature(config, account, signature, request, true);
            bound
        });
    let bindings = request
        .fields
        .actions
        .iter()
        .enumerate()
        .filter(|(_, action)| matches!(action, Action::AddWallet { .. }))
        .map(|(index, action)| (index, binding_signature(config, request, action)))
        .collect();
    Verified {
        signer,
        cosigner,
        bindings,
    }
}

/// `create_account`'s proof of possession: the new passkey's assertion over the creation
/// statement. Returns its counter.
pub fn verify_creation(
    config: &Config,
    public_key: &[u8; 33],
    assertion: &PasskeyAssertion,
    challenge: &[u8; 32],
) -> u32 {
    passkey_assertion(config, public_key, assertion, challenge, None)
}
