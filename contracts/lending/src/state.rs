//! What the contract stores, as borsh records under one-byte prefixes. Accounts are one record
//! each (passkeys, wallets, positions, live nonces, the ring of their request ids), so a request
//! reads and writes one account record, the markets it touches, and its own request record.

use crate::chains::Chain;
use near_sdk::near;

/// One-byte storage prefixes: short keys cost less stake.
pub mod prefix {
    /// Version 1's markets (version 2 keeps them in the root; `migrate` clears these, finding
    /// the prefix in the old state itself). Only the migration test writes a v1 state.
    #[cfg(test)]
    pub const MARKETS: &[u8] = b"m";
    pub const ACCOUNTS: &[u8] = b"a";
    pub const BY_CREDENTIAL: &[u8] = b"c";
    pub const RETIRED: &[u8] = b"r";
    pub const BY_WALLET: &[u8] = b"w";
    pub const REQUESTS: &[u8] = b"q";
    pub const DEPOSIT_REFS: &[u8] = b"d";
    pub const TRANSFERS: &[u8] = b"t";
}

/// A passkey on an account. `matures_at_ms` is set on passkeys added to an existing account:
/// until then it is probationary. `sign_count` is the authenticator's counter at its last use.
#[near(serializers = [borsh])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passkey {
    pub credential_id: String,
    /// SEC1 compressed point.
    pub public_key: [u8; 33],
    pub added_at_ms: u64,
    pub matures_at_ms: Option<u64>,
    pub sign_count: u32,
}

/// A bound wallet. `first`: the account's first wallet, bound by its passkey, which may take
/// part in Borrow during its security period (but not remove the older passkey).
#[near(serializers = [borsh])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoundWallet {
    pub chain: Chain,
    /// Normalized (EIP-55 for EVM).
    pub address: String,
    /// `ed25519:<base58>` of a NEAR wallet's key.
    pub public_key: Option<String>,
    pub bound_at_ms: u64,
    pub matures_at_ms: Option<u64>,
    pub first: bool,
}

/// One asset in one account, in the asset's smallest unit or in pool shares.
#[near(serializers = [borsh])]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Position {
    pub balance: u128,
    pub supply_shares: u128,
    pub collateral_shares: u128,
    pub debt_scaled: u128,
}

/// A nonce of a request that ran, kept until its deadline passes (after which the request
/// could not run again anyway). 16 bytes of sha256(nonce): a collision could only refuse a
/// fresh request, never let a replay through.
#[near(serializers = [borsh])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveNonce {
    pub tag: [u8; 16],
    pub deadline_ms: u64,
}

/// The NEAR an account's storage is staked with, and the bytes of state charged to it.
#[near(serializers = [borsh])]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StorageStake {
    /// yoctoNEAR paid in (create_account's deposit, add_storage_stake).
    pub paid: u128,
    /// Bytes of contract state this account's requests added (key + value + 40 per record).
    pub used_bytes: u64,
}

#[near(serializers = [borsh])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    pub created_at_ms: u64,
    pub passkeys: Vec<Passkey>,
    pub wallets: Vec<BoundWallet>,
    /// By market index, in the order the account first touched each market (the views' order).
    pub positions: Vec<(u8, Position)>,
    pub nonces: Vec<LiveNonce>,
    /// Ids of the account's kept request records, oldest first (a bounded ring).
    pub requests: Vec<[u8; 32]>,
    /// Passkeys this account removed, each a tombstone kept forever (bounded per account).
    pub tombstones: u8,
    pub storage: StorageStake,
}

impl Account {
    pub fn position_mut(&mut self, market: u8) -> &mut Position {
        let index = match self.positions.iter().position(|(each, _)| *each == market) {
            Some(index) => index,
            None => {
                self.positions.push((market, Position::default()));
                self.positions.len() - 1
            }
        };
        &mut self.positions[index].1
    }

    pub fn position(&self, market: u8) -> Option<&Position> {
        self.positions
            .iter()
            .find(|(each, _)| *each == market)
            .map(|(_, position)| position)
    }

    pub fn wallet(&self, chain: Chain, address: &str) -> Option<&BoundWallet> {
        self.wallets
            .iter()
            .find(|wallet| wallet.chain == chain && wallet.address == address)
    }

    pub fn passkey(&self, credential_id: &str) -> Option<&Passkey> {
        self.passkeys
            .iter()
            .find(|passkey| passkey.credential_id == credential_id)
    }
}

#[near(serializers = [borsh, json])]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    #[serde(rename = "to-collateral")]
    ToCollateral,
    #[serde(rename = "to-supplied")]
    ToSupplied,
}

/// One action of an executed request as history shows it: what it did, never its proofs.
#[near(serializers = [borsh])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActionSummary {
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
        chain: Chain,
        address: String,
    },
    AddWallet {
        chain: Chain,
        address: String,
    },
    RemoveWallet {
        chain: Chain,
        address: String,
    },
    AddPasskey {
        credential_id: String,
    },
    RemovePasskey {
        credential_id: String,
    },
}

impl ActionSummary {
    pub fn type_name(&self) -> &'static str {
        match self {
            ActionSummary::Supply { .. } => "supply",
            ActionSummary::Repay { .. } => "repay",
            ActionSummary::Adjust { .. } => "adjust",
            ActionSummary::Borrow { .. } => "borrow",
            ActionSummary::AddWallet { .. } => "add_wallet",
            ActionSummary::RemoveWallet { .. } => "remove_wallet",
            ActionSummary::AddPasskey { .. } => "add_passkey",
            ActionSummary::RemovePasskey { .. } => "remove_passkey",
        }
    }
}

/// An executed request, by id: the chain's record that the relayer's idempotency relies on.
#[near(serializers = [borsh])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestRecord {
    pub account_id: String,
    pub nonce: String,
    pub block_height: u64,
    pub at_ms: u64,
    pub actions: Vec<ActionSummary>,
    /// The id of the request's first transfer out; its Borrows have this id and the next ones.
    pub first_transfer_id: u64,
}

/// A Borrow's transfer out to an external chain.
#[near(serializers = [borsh])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transfer {
    pub request_id: [u8; 32],
    pub account_id: String,
    pub asset: String,
    pub amount: u128,
    pub chain: Chain,
    pub address: String,
    pub at_ms: u64,
    pub block_height: u64,
}

pub fn wallet_key(chain: Chain, address: &str) -> String {
    format!("{}:{}", chain.id(), address)
}
