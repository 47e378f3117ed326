//! The proofs probe: one method per check of `ccl-proofs`, taking the proof as the lending
//! contract will receive it (JSON text fields), so the local chain's wasm runtime can measure what
//! each check costs in gas. A refusal ends the call with the check's `CODE: message`. It keeps no
//! state; the lending contract is where the checks are used.

mod payload;

use ccl_proofs::{
    Assertion, BindingFacts, MessageFields, PasskeyExpectation, WalletChain, WalletIdentity,
    WalletRole, parse_p256_public_key, verify_passkey_assertion, verify_wallet_signature,
};
use near_sdk::near;

#[near(contract_state)]
#[derive(Default)]
pub struct ProofsProbe {}

/// A passkey proof as a request carries it.
#[near(serializers = [json])]
pub struct PasskeyProofArgs {
    pub authenticator_data: String,
    pub client_data_json: String,
    pub signature: String,
}

#[near(serializers = [json])]
pub struct PasskeyCheckArgs {
    /// `p256:<base58>` as the account records it.
    pub public_key: String,
    /// The challenge, hex: sha256 of the payload or of the creation statement.
    pub challenge: String,
    pub rp_id: String,
    pub wallet_origins: Vec<String>,
    pub partner_origins: Vec<String>,
    pub site: Option<String>,
    pub proof: PasskeyProofArgs,
}

#[near(serializers = [json])]
pub struct PasskeyCheckResult {
    pub sign_count: u32,
    pub top_origin: Option<String>,
}

#[near(serializers = [json])]
pub struct SignerArgs {
    pub chain: String,
    pub address: String,
    pub public_key: Option<String>,
}

#[near(serializers = [json])]
pub struct WalletCheckArgs {
    /// bind, cosign, recover, remove or request.
    pub role: String,
    pub signer: SignerArgs,
    /// A request's payload (roles other than bind), parsed here as the contract parses it.
    pub payload: Option<String>,
    /// A binding's fields (role bind), snake_case, the deadline as `deadline_ms`.
    pub binding: Option<BindingFacts>,
    pub signature: String,
}

#[near(serializers = [json])]
pub struct WalletCheckResult {
    pub address: String,
    pub near_account_is_label: bool,
}

fn refuse_input(why: &str) -> ! {
    near_sdk::env::panic_str(&format!("INVALID_VERIFICATION_INPUT: {why}"))
}

fn role(name: &str) -> WalletRole {
    WalletRole::parse(name)
        .unwrap_or_else(|| refuse_input("role is not bind, cosign, recover, remove or request"))
}

#[near]
impl ProofsProbe {
    /// The same arguments read, and nothing verified: the baseline each check's gas is measured
    /// against (the call itself, loading the code, reading the JSON).
    pub fn read_passkey_check(check: PasskeyCheckArgs) -> PasskeyCheckResult {
        PasskeyCheckResult {
            sign_count: check.proof.signature.len() as u32,
            top_origin: check.site,
        }
    }

    /// The baseline of `check_wallet`: the arguments read and a request's payload parsed to its
    /// facts, as the lending contract does before it checks anything.
    pub fn read_wallet_check(check: WalletCheckArgs) -> WalletCheckResult {
        let actions = check.payload.map(|payload| {
            payload::request_facts(&payload)
                .unwrap_or_else(|error| error.panic())
                .actions
                .len()
        });
        WalletCheckResult {
            address: check.signer.address,
            near_account_is_label: actions.is_some(),
        }
    }

    /// `verify_passkey_assertion` of one proof; returns what it told about itself.
    pub fn check_passkey(check: PasskeyCheckArgs) -> PasskeyCheckResult {
        let challenge = payload::hex_bytes(&check.challenge);
        let verified = parse_p256_public_key(&check.public_key)
            .and_then(|public_key| {
                let proof = &check.proof;
                let assertion = Assertion::from_proof(
                    &proof.authenticator_data,
                    &proof.client_data_json,
                    &proof.signature,
                )?;
                let expected = PasskeyExpectation {
                    public_key: &public_key,
                    challenge: &challenge,
                    rp_id: &check.rp_id,
                    wallet_origins: &check.wallet_origins,
                    partner_origins: &check.partner_origins,
                    site: check.site.as_deref(),
                    require_user_verification: true,
                };
                verify_passkey_assertion(&expected, &assertion)
            })
            .unwrap_or_else(|error| error.panic());
        PasskeyCheckResult {
            sign_count: verified.sign_count,
            top_origin: verified.top_origin,
        }
    }

    /// `verify_wallet_signature` in one role; returns the verified signer.
    pub fn check_wallet(check: WalletCheckArgs) -> WalletCheckResult {
        let Some(chain) = WalletChain::parse(&check.signer.chain) else {
            refuse_input("signer.chain is not evm, solana, near or stellar")
        };
        let fields = match (check.payload, check.binding) {
            (Some(payload), None) => MessageFields::Request(
                payload::request_facts(&payload).unwrap_or_else(|error| error.panic()),
            ),
            (None, Some(binding)) => MessageFields::Binding(binding),
            _ => refuse_input("give a request's payload or a binding's fields"),
        };
        let signer = WalletIdentity {
            chain,
            address: check.signer.address,
            public_key: check.signer.public_key,
        };
        let verified =
            verify_wallet_signature(role(&check.role), &signer, &fields, &check.signature)
                .unwrap_or_else(|error| error.panic());
        WalletCheckResult {
            address: verified.address,
            near_account_is_label: verified.near_account_is_label,
        }
    }
}
