//! A bound wallet's signature in its chain's convention over the message of a role
//! (`verify-wallet-proof.ts` and the contract's binding check): EIP-712 for EVM, NEP-413 for NEAR,
//! raw `signMessage` for Solana, SEP-53 for Stellar. The message is rebuilt here from the fields,
//! never taken from the signer.

mod ed25519_key;
mod encodings;
mod evm;
mod near;
mod solana;
mod stellar;

pub use evm::parse_evm_address;
pub(crate) use evm::parse_evm_address_bytes;
pub use near::{is_near_implicit_account_id, is_valid_near_account_id, parse_near_ed25519_key};
pub use stellar::decode_stellar_address;

use crate::codec::{Base64Alphabet, decode_base58, decode_base64_padded, decode_base64_unpadded};
use crate::error::{ProofResult, code, refuse};
use crate::messages::{
    MessageFields, WalletRole, binding_message, request_message, typed_data_digest,
};

/// The external chains whose wallets can be bound and whose assets arrive and leave: the one
/// type for the concept, also the lending contract's stored and JSON `Chain` (borsh writes the
/// variant's index, so this order is part of the contract's state).
#[near_sdk::near(serializers = [borsh, json])]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
// The ABI's definition keeps the name the lending contract's callers know; the JSON of a unit
// variant is its own name, so this renames nothing on the wire.
#[serde(rename = "Chain")]
pub enum WalletChain {
    #[serde(rename = "evm")]
    Evm,
    #[serde(rename = "solana")]
    Solana,
    #[serde(rename = "near")]
    Near,
    #[serde(rename = "stellar")]
    Stellar,
}

impl WalletChain {
    /// `evm`, `solana`, `near`, `stellar`: how requests and binding messages write it.
    pub fn parse(id: &str) -> Option<Self> {
        Some(match id {
            "evm" => Self::Evm,
            "solana" => Self::Solana,
            "near" => Self::Near,
            "stellar" => Self::Stellar,
            _ => return None,
        })
    }

    pub fn id(self) -> &'static str {
        match self {
            Self::Evm => "evm",
            Self::Solana => "solana",
            Self::Near => "near",
            Self::Stellar => "stellar",
        }
    }

    /// How messages name it to people: "EVM", "Solana", "NEAR", "Stellar".
    pub fn display_name(self) -> &'static str {
        match self {
            Self::Evm => "EVM",
            Self::Solana => "Solana",
            Self::Near => "NEAR",
            Self::Stellar => "Stellar",
        }
    }
}

/// Who is expected to have signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalletIdentity {
    pub chain: WalletChain,
    /// The address the contract records: normalized (`normalize_address`), e.g. EIP-55 for EVM.
    pub address: String,
    /// NEAR: the `ed25519:<base58>` key the binding records, which is the signer (required).
    /// The other chains' keys are their addresses; this is ignored for them.
    pub public_key: Option<String>,
}

/// A verified signer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedWallet {
    /// The address in its normalized form.
    pub address: String,
    /// The Ed25519 key that signed (NEAR, Solana, Stellar); `None` for EVM.
    pub ed25519_key: Option<[u8; 32]>,
    /// NEAR only: true for a named account (alice.near). The signature proves the key signed; a
    /// contract cannot ask the chain whether that key belongs to the account, so the binding is of
    /// the key, and the name is a label the wallet and the relayer checked (docs/contracts.md).
    pub near_account_is_label: bool,
}

/// The one spelling the contract stores and compares (`normalizeAddress`): EIP-55 for EVM, the
/// others unchanged. `INVALID_ADDRESS`, or `INVALID_ADDRESS_CHECKSUM` for EVM and Stellar typos.
/// A Solana recipient may be off the curve (a program-derived address can own tokens).
pub fn normalize_address(chain: WalletChain, address: &str) -> ProofResult<String> {
    let invalid = || {
        refuse(
            code::INVALID_ADDRESS,
            format!(
                "\"{address}\" is not a valid {} address.",
                chain.display_name()
            ),
        )
    };
    if address.is_empty() || address.chars().map(char::len_utf16).sum::<usize>() > 128 {
        return invalid();
    }
    match chain {
        WalletChain::Evm => parse_evm_address(address),
        WalletChain::Solana => match decode_base58(address) {
            Some(bytes) if bytes.len() == 32 => Ok(address.to_owned()),
            _ => invalid(),
        },
        WalletChain::Near if is_valid_near_account_id(address) => Ok(address.to_owned()),
        WalletChain::Near => invalid(),
        WalletChain::Stellar => decode_stellar_address(address).map(|_| address.to_owned()),
    }
}

/// Checks that `signer` signed the message of `role` over `fields` (`Bind` takes a binding's
/// fields, every other role a request's). `signature` is the text the proof carries: `0x` hex
/// (EVM), base64 or `ed25519:<base58>` (NEAR), base58 or base64 (Solana), hex or base64 (Stellar).
///
/// NEAR signs NEP-413 with `recipient` = the contract: for a request, the nonce is the request's
/// own (its 32 bytes); for a binding, the parameters the binding proof names (its recipient must
/// be the contract: `INVALID_BINDING_PROOF`). A NEAR signer without a key on record is
/// `UNKNOWN_SIGNER` for a request and `INVALID_BINDING_PROOF` for a binding.
pub fn verify_wallet_signature(
    role: WalletRole,
    signer: &WalletIdentity,
    fields: &MessageFields,
    signature: &str,
) -> ProofResult<VerifiedWallet> {
    let address = signer.address.as_str();
    let verified = |ed25519_key| VerifiedWallet {
        address: address.to_owned(),
        ed25519_key,
        near_account_is_label: false,
    };
    if signer.chain == WalletChain::Evm {
        let address = parse_evm_address(address)?;
        let digest = typed_data_digest(role, fields)?;
        evm::verify_evm_digest(&digest, signature, &address)?;
        return Ok(VerifiedWallet {
            address,
            ed25519_key: None,
            near_account_is_label: false,
        });
    }
    let message = match fields {
        MessageFields::Request(request) => request_message(role, request)?,
        MessageFields::Binding(_) if role != WalletRole::Bind => {
            return refuse(
                code::INVALID_VERIFICATION_INPUT,
                "Only role Bind signs a binding's fields.",
            );
        }
        MessageFields::Binding(binding) => binding_message(signer.chain, binding),
    };
    match signer.chain {
        WalletChain::Solana => {
            solana::verify_solana(address, &message, signature).map(|key| verified(Some(key)))
        }
        WalletChain::Stellar => {
            stellar::verify_sep53(address, &message, signature).map(|key| verified(Some(key)))
        }
        WalletChain::Near => {
            let key = verify_near(signer, fields, &message, signature)?;
            Ok(VerifiedWallet {
                near_account_is_label: !is_near_implicit_account_id(address),
                ..verified(Some(key))
            })
        }
        WalletChain::Evm => unreachable!("handled above"),
    }
}

fn verify_near(
    signer: &WalletIdentity,
    fields: &MessageFields,
    message: &str,
    signature: &str,
) -> ProofResult<[u8; 32]> {
    match fields {
        MessageFields::Request(request) => {
            let Some(public_key) = &signer.public_key else {
                return refuse(
                    code::UNKNOWN_SIGNER,
                    "The bound NEAR wallet has no key on record.",
                );
            };
            let Some(nonce) = decode_base64_unpadded(&request.nonce, Base64Alphabet::Url) else {
                return refuse(
                    code::INVALID_REQUEST,
                    "The request's nonce is not base64url.",
                );
            };
            let nep413 = near::Nep413 {
                nonce: &nonce,
                recipient: &request.contract_id,
                callback_url: None,
            };
            near::verify_nep413(&signer.address, public_key, message, &nep413, signature)
        }
        MessageFields::Binding(binding) => {
            let (Some(public_key), Some(params)) = (&signer.public_key, &binding.nep413) else {
                return refuse(
                    code::INVALID_BINDING_PROOF,
                    "A NEAR binding needs the signing public key and its NEP-413 nonce and recipient.",
                );
            };
            if params.recipient != binding.contract_id {
                return refuse(
                    code::INVALID_BINDING_PROOF,
                    format!("The NEP-413 recipient must be {}.", binding.contract_id),
                );
            }
            let Some(nonce) = decode_base64_padded(&params.nonce) else {
                return refuse(code::INVALID_NONCE, "The NEP-413 nonce is not base64.");
            };
            let nep413 = near::Nep413 {
                nonce: &nonce,
                recipient: &params.recipient,
                callback_url: params.callback_url.as_deref(),
            };
            near::verify_nep413(&signer.address, public_key, message, &nep413, signature)
        }
    }
}
