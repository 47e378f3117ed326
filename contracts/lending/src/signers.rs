//! "Who signed this, and is that signer allowed?": the one module between a parsed request and
//! everything after verification. Which passkey or wallet of the account a proof names is decided
//! here; whether its signature holds is `ccl-proofs`'s answer (passkeys with `p256_verify` and the
//! low-S rule, EVM with `ecrecover`, Solana, NEP-413 and SEP-53 with `ed25519_verify`), asked with
//! the facts this contract parsed itself, never with text the signer supplied. Every refusal of
//! the proofs crate ends the call with its TypeScript code (`CODE: message`).
//!
//! As `packages/contract/src/contract.ts` does it: the passkey signer, then the co-signature, then
//! each add_wallet's binding. One difference by design: a NEAR wallet is its Ed25519 key (a
//! contract cannot read a named account's access keys), so a request is checked against the key
//! the binding recorded, where the TypeScript contract also asks the chain whether the named
//! account still holds that key.

use crate::addresses::normalize_address;
use crate::chains::Chain;
use crate::config::Config;
use crate::errors::{Code, OrRefuse, Refusal, refuse};
use crate::request::actions::Action;
use crate::request::envelope::{RequestSigner, SignedRequest};
use crate::request::proofs::{Cosignature, PasskeyAssertion, RequestProof, WalletSignature};
use crate::state::{Account, BoundWallet, Direction};
use ccl_proofs::{
    ActionFacts, Assertion, BindingFacts, MessageFields, Nep413Params, PasskeyExpectation,
    ProofResult, RequestFacts, WalletIdentity, WalletRole, check_binding_message,
    code as proof_code, verify_passkey_assertion, verify_wallet_signature,
};

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

/// A proofs-crate verdict, or the end of the call with its code (`CODE: message`).
fn proven<T>(result: ProofResult<T>) -> T {
    result.unwrap_or_else(|error| error.panic())
}

/// The passkey assertion over `challenge` (sha256 of the payload or creation statement), for the
/// configured RP ID, wallet origins and partner sites, with UP, UV and low-S. Returns the
/// authenticator's counter (the counter rule is applied where it is stored). `site`: the partner
/// page a request names; `None` for account creation, which names none.
fn passkey_assertion(
    config: &Config,
    public_key: &[u8; 33],
    assertion: &PasskeyAssertion,
    challenge: &[u8; 32],
    site: Option<&str>,
) -> u32 {
    let assertion = proven(Assertion::from_proof(
        &assertion.authenticator_data,
        &assertion.client_data_json,
        &assertion.signature,
    ));
    let expected = PasskeyExpectation {
        public_key,
        challenge,
        rp_id: &config.rp_id,
        wallet_origins: &config.wallet_origins,
        partner_origins: &config.partner_origins,
        site,
        require_user_verification: true,
    };
    proven(verify_passkey_assertion(&expected, &assertion)).sign_count
}

/// One action as every wallet message words it (`message-facts.ts`), from the parsed payload.
fn action_facts(action: &Action) -> ActionFacts {
    proven(match action {
        Action::Supply {
            asset,
            amount,
            collateral,
        } => ActionFacts::supply(asset, amount, *collateral),
        Action::Repay { asset, amount } => ActionFacts::repay(asset, amount),
        Action::Adjust {
            asset,
            amount,
            direction,
        } => ActionFacts::adjust(asset, amount, *direction == Direction::ToCollateral),
        Action::Borrow {
            asset,
            amount,
            recipient,
        } => ActionFacts::borrow(asset, amount, recipient.chain, &recipient.address),
        Action::AddWallet { wallet, .. } => {
            Ok(ActionFacts::add_wallet(wallet.chain, &wallet.address))
        }
        Action::AddPasskey { passkey } => Ok(ActionFacts::add_passkey(
            &passkey.credential_id,
            &passkey.public_key,
        )),
        Action::RemovePasskey { credential_id } => Ok(ActionFacts::remove_passkey(credential_id)),
        Action::RemoveWallet { wallet } => {
            Ok(ActionFacts::remove_wallet(wallet.chain, &wallet.address))
        }
    })
}

/// The role a wallet signs a request in alone (`walletRequestRole`): only passkey additions is a
/// recovery, only removals is a removal, anything else a request.
fn request_role(actions: &[Action]) -> WalletRole {
    let all = |test: fn(&Action) -> bool| !actions.is_empty() && actions.iter().all(test);
    if all(|action| matches!(action, Action::AddPasskey { .. })) {
        WalletRole::Recover
    } else if all(|action| {
        matches!(
            action,
            Action::RemovePasskey { .. } | Action::RemoveWallet { .. }
        )
    }) {
        WalletRole::Remove
    } else {
        WalletRole::Request
    }
}

fn request_facts(request: &SignedRequest, challenge: &[u8; 32]) -> RequestFacts {
    let fields = &request.fields;
    RequestFacts {
        request_id: *challenge,
        chain_id: fields.chain_id.as_str().to_owned(),
        contract_id: fields.contract_id.clone(),
        account_id: fields.account_id.clone(),
        site: fields.site.clone(),
        nonce: fields.nonce.clone(),
        deadline_ms: fields.deadline,
        actions: fields.actions.iter().map(action_facts).collect(),
    }
}

/// A bound wallet's signature over the request's message in `role`. Which wallet may sign is this
/// contract's rule, so the proofs crate's UNKNOWN_SIGNER reads as `code` (a co-signature's
/// INVALID_COSIGNATURE), as in TypeScript.
fn wallet_signature(
    wallet: &BoundWallet,
    signature: &WalletSignature,
    facts: &RequestFacts,
    role: WalletRole,
    code: Code,
) {
    let signer = WalletIdentity {
        chain: wallet.chain,
        address: wallet.address.clone(),
        public_key: wallet.public_key.clone(),
    };
    let fields = MessageFields::Request(facts.clone());
    proven(
        verify_wallet_signature(role, &signer, &fields, &signature.signature).map_err(|error| {
            if error.code == proof_code::UNKNOWN_SIGNER {
                error.with_code(code.as_str())
            } else {
                error
            }
        }),
    );
}

fn invalid_binding(message: &str) -> ! {
    refuse(Code::InvalidBindingProof, message)
}

/// An add_wallet action's proof: the exact binding message for this request, signed by that
/// wallet. A NEAR binding records the Ed25519 key that signed it, spelled canonically.
fn binding_signature(request: &SignedRequest, action: &Action) -> VerifiedBinding {
    let Action::AddWallet { wallet, proof } = action else {
        invalid_binding("The wallet binding was not verified.")
    };
    let fields = &request.fields;
    let chain = wallet.chain;
    let address = normalize_address(wallet.chain, &wallet.address).or_refuse();
    let nep413 = proof.nep413.as_ref().map(|params| Nep413Params {
        nonce: params.nonce.clone(),
        recipient: params.recipient.clone(),
        callback_url: params.callback_url.clone(),
    });
    if chain == Chain::Near && (proof.public_key.is_none() || nep413.is_none()) {
        invalid_binding(
            "A NEAR binding needs the signing public key and its NEP-413 nonce and recipient.",
        );
    }
    let expected = BindingFacts {
        account_id: fields.account_id.clone(),
        contract_id: fields.contract_id.clone(),
        chain_id: fields.chain_id.as_str().to_owned(),
        wallet_address: address.clone(),
        nonce: fields.nonce.clone(),
        site: fields.site.clone(),
        deadline_ms: fields.deadline,
        nep413,
    };
    let signed = proven(check_binding_message(&proof.message, chain, &expected));
    let signer = WalletIdentity {
        chain,
        address: address.clone(),
        public_key: proof.public_key.clone(),
    };
    let verified = proven(verify_wallet_signature(
        WalletRole::Bind,
        &signer,
        &MessageFields::Binding(signed),
        &proof.signature,
    ));
    let public_key = (chain == Chain::Near)
        .then_some(verified.ed25519_key)
        .flatten()
        .map(|key| format!("ed25519:{}", near_sdk::bs58::encode(key).into_string()));
    VerifiedBinding {
        chain: wallet.chain,
        address,
        public_key,
    }
}

/// The bound wallet a wallet proof names, or `code` (UNKNOWN_SIGNER, INVALID_COSIGNATURE).
fn bound_wallet<'a>(
    account: &'a Account,
    chain: Chain,
    address: &str,
    code: Code,
) -> &'a BoundWallet {
    let address = normalize_address(chain, address)
        .map_err(|_| {
            Refusal::new(
                code,
                format!("\"{address}\" is not a valid {} address.", chain.id()),
            )
        })
        .or_refuse();
    account.wallet(chain, &address).unwrap_or_else(|| {
        refuse(
            code,
            format!(
                "The {} wallet {address} is not bound to this account.",
                chain.id()
            ),
        )
    })
}

/// Verifies a signed request against the account: its signer, its co-signature, its bindings.
pub fn verify_request(
    config: &Config,
    account: &Account,
    request: &SignedRequest,
    challenge: &[u8; 32],
) -> Verified {
    // Built only when a wallet signed: a passkey's request needs none of the message text.
    let facts_cell = std::cell::OnceCell::new();
    let facts = || facts_cell.get_or_init(|| request_facts(request, challenge));
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
            let wallet = bound_wallet(account, *chain, address, Code::UnknownSigner);
            // A request's proof is a Recover, Remove or Request message, never a co-signature.
            let role = request_role(&request.fields.actions);
            wallet_signature(wallet, signature, facts(), role, Code::UnknownSigner);
            VerifiedSigner::Wallet {
                chain: wallet.chain,
                address: wallet.address.clone(),
            }
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
            let wallet = bound_wallet(
                account,
                signature.chain,
                &signature.address,
                Code::InvalidCosignature,
            );
            // A Cosign message: it can never pass as a request's proof, nor one as it.
            wallet_signature(
                wallet,
                signature,
                facts(),
                WalletRole::Cosign,
                Code::InvalidCosignature,
            );
            (wallet.chain, wallet.address.clone())
        });
    let bindings = request
        .fields
        .actions
        .iter()
        .enumerate()
        .filter(|(_, action)| matches!(action, Action::AddWallet { .. }))
        .map(|(index, action)| (index, binding_signature(request, action)))
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
