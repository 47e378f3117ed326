//! The actions a request may carry, as the protocol's `actions.ts` validates them.

use super::fields::{Amount, amount, is_asset, is_base64url, is_p256_text, text};
use super::proofs::bounded;
use crate::chains::Chain;
use crate::errors::Checked;
use crate::state::{ActionSummary, Direction};
use near_sdk::near;

/// An address on an external chain, tagged with its chain.
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ExternalAddress {
    pub chain: Chain,
    pub address: String,
}

#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Nep413Parameters {
    pub nonce: String,
    pub recipient: String,
    #[serde(rename = "callbackUrl")]
    pub callback_url: Option<String>,
}

/// A wallet's consent to be bound: its signature over the binding message.
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BindingProof {
    pub message: String,
    pub signature: String,
    pub public_key: Option<String>,
    pub nep413: Option<Nep413Parameters>,
}

#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewPasskey {
    pub credential_id: String,
    pub public_key: String,
}

/// One action as JSON (`{ "type": "supply", ... }`).
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Action {
    Supply {
        asset: String,
        amount: String,
        collateral: bool,
    },
    Repay {
        asset: String,
        amount: String,
    },
    Adjust {
        asset: String,
        amount: String,
        direction: Direction,
    },
    Borrow {
        asset: String,
        amount: String,
        recipient: ExternalAddress,
    },
    AddWallet {
        wallet: ExternalAddress,
        proof: BindingProof,
    },
    AddPasskey {
        passkey: NewPasskey,
    },
    #[serde(rename_all = "camelCase")]
    RemovePasskey {
        credential_id: String,
    },
    RemoveWallet {
        wallet: ExternalAddress,
    },
}

/// Credential ids are base64url of at most this many characters. The TypeScript allows 1400
/// (CTAP's 1023-byte maximum); this contract stakes storage per byte and caps them at 512
/// (384 bytes), above what platform authenticators and security keys issue.
pub const MAX_CREDENTIAL_ID_CHARS: usize = 512;

fn address(value: &ExternalAddress, field: &str) -> Checked<()> {
    text(&value.address, &format!("{field}.address"), 128, None)
}

impl Action {
    /// Field limits of one action (`actions[index]`); amounts come back parsed.
    pub fn check(&self, index: usize) -> Checked<Option<Amount>> {
        let field = format!("actions[{index}]");
        let asset_and_amount = |asset: &str, value: &str| -> Checked<Option<Amount>> {
            text(asset, &format!("{field}.asset"), 256, Some(is_asset))?;
            amount(value, &format!("{field}.amount")).map(Some)
        };
        match self {
            Action::Supply { asset, amount, .. }
            | Action::Repay { asset, amount }
            | Action::Adjust { asset, amount, .. } => asset_and_amount(asset, amount),
            Action::Borrow {
                asset,
                amount,
                recipient,
            } => {
                address(recipient, &format!("{field}.recipient"))?;
                asset_and_amount(asset, amount)
            }
            Action::AddWallet { wallet, proof } => {
                address(wallet, &format!("{field}.wallet"))?;
                bounded(&proof.message, &format!("{field}.proof.message"), 2048)?;
                bounded(&proof.signature, &format!("{field}.proof.signature"), 512)?;
                if let Some(key) = &proof.public_key {
                    bounded(key, &format!("{field}.proof.publicKey"), 128)?;
                }
                if let Some(nep413) = &proof.nep413 {
                    bounded(&nep413.nonce, &format!("{field}.proof.nep413.nonce"), 64)?;
                    bounded(
                        &nep413.recipient,
                        &format!("{field}.proof.nep413.recipient"),
                        256,
                    )?;
                    if let Some(url) = &nep413.callback_url {
                        bounded(url, &format!("{field}.proof.nep413.callbackUrl"), 2048)?;
                    }
                }
                Ok(None)
            }
            Action::AddPasskey { passkey } => {
                text(
                    &passkey.credential_id,
                    &format!("{field}.passkey.credentialId"),
                    MAX_CREDENTIAL_ID_CHARS,
                    Some(is_base64url),
                )?;
                text(
                    &passkey.public_key,
                    &format!("{field}.passkey.publicKey"),
                    64,
                    Some(is_p256_text),
                )?;
                Ok(None)
            }
            Action::RemovePasskey { credential_id } => {
                text(
                    credential_id,
                    &format!("{field}.credentialId"),
                    MAX_CREDENTIAL_ID_CHARS,
                    Some(is_base64url),
                )?;
                Ok(None)
            }
            Action::RemoveWallet { wallet } => {
                address(wallet, &format!("{field}.wallet"))?;
                Ok(None)
            }
        }
    }

    /// What history shows of it: what it did, without proofs or keys.
    pub fn summary(&self) -> ActionSummary {
        match self.clone() {
            Action::Supply {
                asset,
                amount,
                collateral,
            } => ActionSummary::Supply {
                asset,
                amount,
                collateral,
            },
            Action::Repay { asset, amount } => ActionSummary::Repay { asset, amount },
            Action::Adjust {
                asset,
                amount,
                direction,
            } => ActionSummary::Adjust {
                asset,
                amount,
                direction,
            },
            Action::Borrow {
                asset,
                amount,
                recipient,
            } => ActionSummary::Borrow {
                asset,
                amount,
                chain: recipient.chain,
                address: recipient.address,
            },
            Action::AddWallet { wallet, .. } => ActionSummary::AddWallet {
                chain: wallet.chain,
                address: wallet.address,
            },
            Action::RemoveWallet { wallet } => ActionSummary::RemoveWallet {
                chain: wallet.chain,
                address: wallet.address,
            },
            Action::AddPasskey { passkey } => ActionSummary::AddPasskey {
                credential_id: passkey.credential_id,
            },
            Action::RemovePasskey { credential_id } => {
                ActionSummary::RemovePasskey { credential_id }
            }
        }
    }

    pub fn is_add_passkey(&self) -> bool {
        matches!(self, Action::AddPasskey { .. })
    }

    pub fn is_removal(&self) -> bool {
        matches!(
            self,
            Action::RemovePasskey { .. } | Action::RemoveWallet { .. }
        )
    }
}
