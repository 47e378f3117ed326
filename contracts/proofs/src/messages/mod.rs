//! What a wallet signs, rebuilt from the same fields as `packages/protocol` builds it: readable
//! text for NEAR, Solana and Stellar wallets (`wallet-messages.ts`, `binding-message.ts`) and
//! EIP-712 typed data for EVM wallets (`typed-data.ts`). Each role has its own first line and its
//! own primary type, so a signature in one role never verifies as another's.

mod facts;
mod typed_data;

pub(crate) use facts::deadline_text;
pub use facts::{ActionFacts, Amount};
pub use typed_data::typed_data_digest;

use crate::codec::encode_hex;
use crate::error::{ProofResult, code, refuse};
use crate::wallet::WalletChain;

/// The roles a wallet signs in: its consent to be bound, and four kinds of approval of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WalletRole {
    Bind,
    /// A co-signature of a passkey's Borrow to an address that is not bound.
    Cosign,
    /// A request that only adds passkeys.
    Recover,
    /// A request that only removes passkeys or wallets.
    Remove,
    /// Any other request the wallet signs alone.
    Request,
}

impl WalletRole {
    /// `bind`, `cosign`, `recover`, `remove`, `request`: the role names of `wallet-roles.ts`.
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "bind" => Self::Bind,
            "cosign" => Self::Cosign,
            "recover" => Self::Recover,
            "remove" => Self::Remove,
            "request" => Self::Request,
            _ => return None,
        })
    }

    /// What the message says first: what it is, and what signing it lets happen (`wallet-roles.ts`).
    pub(crate) fn heading(self) -> (&'static str, &'static str) {
        match self {
            Self::Bind => (
                "bind this wallet to your account",
                "Only sign this if you asked to bind this wallet. It will be able to recover and control the account.",
            ),
            Self::Cosign => (
                "co-sign a Borrow to another address",
                "This only co-signs the request below; your passkey must sign it too. It cannot act on its own.",
            ),
            Self::Recover => (
                "recover your account with a new passkey",
                "Only sign this on a device you are using now: the passkey below will control the account.",
            ),
            Self::Remove => (
                "remove access to your account",
                "What is removed below can no longer sign for this account.",
            ),
            Self::Request => (
                "a request signed by your wallet alone",
                "Your wallet alone authorizes everything below.",
            ),
        }
    }
}

/// A request's fields as its wallet messages name them. The contract fills it from the payload it
/// parsed; `request_id` is `request_challenge(payload)`, which binds the message to those bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestFacts {
    pub request_id: [u8; 32],
    /// `devnet`, `testnet` or `mainnet`.
    pub chain_id: String,
    pub contract_id: String,
    pub account_id: String,
    pub site: String,
    /// The request's nonce, 43 characters of base64url (32 bytes): NEAR wallets sign it as NEP-413's nonce.
    pub nonce: String,
    pub deadline_ms: u64,
    pub actions: Vec<ActionFacts>,
}

/// NEP-413 parameters a NEAR wallet signed a binding with (the request's `proof.nep413`).
#[near_sdk::near(serializers = [json])]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nep413Params {
    /// The 32 nonce bytes as padded base64 (how wallets echo them back).
    pub nonce: String,
    /// Must be the contract's account id.
    pub recipient: String,
    pub callback_url: Option<String>,
}

/// A binding's fields (`BindingMessageFields`): the request's, plus the wallet being bound.
/// Serializable (snake_case JSON) for contracts that take it as an argument.
#[near_sdk::near(serializers = [json])]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindingFacts {
    pub account_id: String,
    pub contract_id: String,
    pub chain_id: String,
    /// The wallet's address as the binding message spells it (for EVM, lower case or EIP-55).
    pub wallet_address: String,
    /// The nonce, site and deadline of the request that carries the binding.
    pub nonce: String,
    pub site: String,
    pub deadline_ms: u64,
    /// NEAR only: what NEP-413 was signed with.
    pub nep413: Option<Nep413Params>,
}

/// The fields a role's message is built from: a request's, or (role `Bind`) a binding's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageFields {
    Request(RequestFacts),
    Binding(BindingFacts),
}

/// `readableMessage`: the role first, a warning, then one fact a line.
fn readable_message(role: WalletRole, facts: &[String]) -> String {
    let (title, warning) = role.heading();
    let mut text = format!("CrossChain Lending: {title}\n\n{warning}\n");
    for fact in facts {
        text.push('\n');
        text.push_str(fact);
    }
    text
}

/// The text a NEAR, Solana or Stellar wallet signs in `role` (never `Bind`) for a request.
pub fn request_message(role: WalletRole, fields: &RequestFacts) -> ProofResult<String> {
    if role == WalletRole::Bind {
        return refuse(
            code::INVALID_VERIFICATION_INPUT,
            "A binding is signed over a binding's fields, not a request's.",
        );
    }
    let mut facts = vec![format!("Account: {}", fields.account_id)];
    facts.extend(
        fields
            .actions
            .iter()
            .map(|action| format!("Action: {}", action.text())),
    );
    facts.push(format!("Site: {}", fields.site));
    facts.push(format!("Deadline: {}", deadline_text(fields.deadline_ms)));
    facts.push(format!("Request: {}", encode_hex(&fields.request_id)));
    facts.push(format!(
        "Network: NEAR {} ({})",
        fields.chain_id, fields.contract_id
    ));
    Ok(readable_message(role, &facts))
}

/// The text a wallet on `chain` signs to be bound (`bindingMessage`).
pub fn binding_message(chain: WalletChain, fields: &BindingFacts) -> String {
    readable_message(
        WalletRole::Bind,
        &[
            format!("Account: {}", fields.account_id),
            format!("Wallet: {}:{}", chain.id(), fields.wallet_address),
            format!("Site: {}", fields.site),
            format!("Deadline: {}", deadline_text(fields.deadline_ms)),
            format!("Nonce: {}", fields.nonce),
            format!("Contract: {}", fields.contract_id),
            format!("Network: {}", fields.chain_id),
        ],
    )
}

/// An add_wallet's binding text against the request it arrives in: it must be exactly the message
/// the wallet writes for these fields (`parseBindingMessage` and the contract's comparison).
/// `expected.wallet_address` is the action's normalized address; an EVM message may spell the same
/// address in lower case or EIP-55. Returns the fields as the message spells them, to verify the
/// signature over. Refused as `INVALID_BINDING_PROOF`.
pub fn check_binding_message(
    message: &str,
    chain: WalletChain,
    expected: &BindingFacts,
) -> ProofResult<BindingFacts> {
    let mut fields = expected.clone();
    if chain == WalletChain::Evm {
        let prefix = "\nWallet: evm:";
        let spelled = message
            .find(prefix)
            .map(|start| &message[start + prefix.len()..])
            .and_then(|rest| rest.split('\n').next());
        if let Some(spelled) = spelled.filter(|spelled| {
            crate::wallet::normalize_address(chain, spelled)
                .ok()
                .as_deref()
                == Some(&expected.wallet_address)
        }) {
            fields.wallet_address = spelled.to_owned();
        }
    }
    if binding_message(chain, &fields) != message {
        return refuse(
            code::INVALID_BINDING_PROOF,
            "The binding message is not the one the wallet writes for this request. Sign a fresh binding message.",
        );
    }
    Ok(fields)
}
