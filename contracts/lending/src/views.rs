//! The views' JSON, in the shapes of the TypeScript contract's views
//! (`packages/protocol/src/views.ts` and `packages/contract/src/contract.ts`), which the wallet
//! and the relayer read. Optional members are left out when absent, as there.

use crate::chains::Chain;
use crate::errors::Refusal;
use crate::fixed_point::{USD_DECIMALS, format_units};
use crate::health::PositionView;
use crate::json::hex;
use crate::markets::Market;
use crate::probation::MethodTimes;
use crate::request::proofs::format_p256_public_key;
use crate::state::{Account, ActionSummary, BoundWallet, Direction, Transfer};
use near_sdk::near;

#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PasskeyView {
    pub credential_id: String,
    pub public_key: String,
    pub added_at_ms: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matures_at_ms: Option<u64>,
}

#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct WalletView {
    pub chain: Chain,
    pub address: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_key: Option<String>,
    pub bound_at_ms: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matures_at_ms: Option<u64>,
    /// `true` on the account's first wallet; absent on the others.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first: Option<bool>,
}

/// A method in its security period: `{ kind: "passkey", credentialId, ... }` or `{ kind: "wallet", chain, address, ... }`.
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
#[serde(tag = "kind")]
pub enum PendingChange {
    #[serde(rename = "passkey", rename_all = "camelCase")]
    Passkey {
        credential_id: String,
        added_at_ms: u64,
        matures_at_ms: u64,
    },
    #[serde(rename = "wallet", rename_all = "camelCase")]
    Wallet {
        chain: Chain,
        address: String,
        added_at_ms: u64,
        matures_at_ms: u64,
    },
}

impl PendingChange {
    fn matures_at_ms(&self) -> u64 {
        match self {
            PendingChange::Passkey { matures_at_ms, .. }
            | PendingChange::Wallet { matures_at_ms, .. } => *matures_at_ms,
        }
    }
}

/// `get_account` (and by credential, by wallet).
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct AccountView {
    pub id: String,
    pub created_at_ms: u64,
    pub passkeys: Vec<PasskeyView>,
    pub wallets: Vec<WalletView>,
    /// True once at least one external wallet is bound.
    pub bound: bool,
    /// Passkeys and wallets still in their security period, soonest to mature first.
    pub pending: Vec<PendingChange>,
}

pub fn wallet_view(wallet: &BoundWallet) -> WalletView {
    WalletView {
        chain: wallet.chain,
        address: wallet.address.clone(),
        public_key: wallet.public_key.clone(),
        bound_at_ms: wallet.bound_at_ms,
        matures_at_ms: wallet.matures_at_ms,
        first: wallet.first.then_some(true),
    }
}

pub fn account_view(id: &str, account: &Account, now_ms: u64) -> AccountView {
    let mut pending: Vec<PendingChange> = Vec::new();
    for passkey in &account.passkeys {
        if let (true, Some(matures_at_ms)) = (
            MethodTimes::of_passkey(passkey).is_probationary(now_ms),
            passkey.matures_at_ms,
        ) {
            pending.push(PendingChange::Passkey {
                credential_id: passkey.credential_id.clone(),
                added_at_ms: passkey.added_at_ms,
                matures_at_ms,
            });
        }
    }
    for wallet in &account.wallets {
        if let (true, Some(matures_at_ms)) = (
            MethodTimes::of_wallet(wallet).is_probationary(now_ms),
            wallet.matures_at_ms,
        ) {
            pending.push(PendingChange::Wallet {
                chain: wallet.chain,
                address: wallet.address.clone(),
                added_at_ms: wallet.bound_at_ms,
                matures_at_ms,
            });
        }
    }
    // Stable, as JavaScript's sort: equal dates keep passkeys before wallets.
    pending.sort_by_key(PendingChange::matures_at_ms);
    AccountView {
        id: id.to_string(),
        created_at_ms: account.created_at_ms,
        passkeys: account
            .passkeys
            .iter()
            .map(|passkey| PasskeyView {
                credential_id: passkey.credential_id.clone(),
                public_key: format_p256_public_key(&passkey.public_key),
                added_at_ms: passkey.added_at_ms,
                matures_at_ms: passkey.matures_at_ms,
            })
            .collect(),
        wallets: account.wallets.iter().map(wallet_view).collect(),
        bound: !account.wallets.is_empty(),
        pending,
    }
}

/// One market (`get_markets`).
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct MarketView {
    pub asset: String,
    pub decimals: u8,
    pub chains: Vec<Chain>,
    pub price_usd: String,
    pub collateral_factor: String,
    pub cash: String,
    pub total_supplied: String,
    pub total_borrowed: String,
    pub reserves: String,
}

pub fn market_view(market: &Market) -> MarketView {
    // As the TypeScript: debt rounded up, and supplied = cash + borrowed - reserves.
    let borrowed = market.debt_of(market.total_debt_scaled);
    MarketView {
        asset: market.symbol().to_string(),
        decimals: market.parameters.decimals,
        chains: market.parameters.chains.clone(),
        price_usd: format_units(market.parameters.price_usd, USD_DECIMALS, USD_DECIMALS),
        collateral_factor: format_units(market.parameters.collateral_factor_bps as u128, 4, 4),
        cash: market.cash.to_string(),
        total_supplied: (market.cash + borrowed)
            .saturating_sub(market.reserves)
            .to_string(),
        total_borrowed: borrowed.to_string(),
        reserves: market.reserves.to_string(),
    }
}

/// A transfer out that a Borrow recorded.
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct TransferView {
    pub id: u64,
    pub request_id: String,
    pub account_id: String,
    pub asset: String,
    pub amount: String,
    pub chain: Chain,
    pub address: String,
    pub at_ms: u64,
    pub block_height: u64,
}

pub fn transfer_view(id: u64, transfer: &Transfer) -> TransferView {
    TransferView {
        id,
        request_id: hex(&transfer.request_id),
        account_id: transfer.account_id.clone(),
        asset: transfer.asset.clone(),
        amount: transfer.amount.to_string(),
        chain: transfer.chain,
        address: transfer.address.clone(),
        at_ms: transfer.at_ms,
        block_height: transfer.block_height,
    }
}

/// A Borrow's transfer before it has an id (`preview`).
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedTransferView {
    pub asset: String,
    pub amount: String,
    pub chain: Chain,
    pub address: String,
}

/// What `execute` returns.
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ExecutionOutcome {
    pub request_id: String,
    pub account_id: String,
    pub block_height: u64,
    pub transfers: Vec<TransferView>,
}

/// One action as history shows it (protocol `ActionSummary`).
#[near(serializers = [json])]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ActionSummaryView {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asset: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collateral: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chain: Option<Chain>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credential_id: Option<String>,
}

pub fn summary_view(summary: &ActionSummary) -> ActionSummaryView {
    let kind = summary.type_name().to_string();
    match summary.clone() {
        ActionSummary::Supply {
            asset,
            amount,
            collateral,
        } => ActionSummaryView {
            kind,
            asset: Some(asset),
            amount: Some(amount),
            collateral: Some(collateral),
            ..Default::default()
        },
        ActionSummary::Repay { asset, amount } => ActionSummaryView {
            kind,
            asset: Some(asset),
            amount: Some(amount),
            ..Default::default()
        },
        ActionSummary::Adjust {
            asset,
            amount,
            direction,
        } => ActionSummaryView {
            kind,
            asset: Some(asset),
            amount: Some(amount),
            direction: Some(direction),
            ..Default::default()
        },
        ActionSummary::Borrow {
            asset,
            amount,
            chain,
            address,
        } => ActionSummaryView {
            kind,
            asset: Some(asset),
            amount: Some(amount),
            chain: Some(chain),
            address: Some(address),
            ..Default::default()
        },
        ActionSummary::AddWallet { chain, address }
        | ActionSummary::RemoveWallet { chain, address } => ActionSummaryView {
            kind,
            chain: Some(chain),
            address: Some(address),
            ..Default::default()
        },
        ActionSummary::AddPasskey { credential_id }
        | ActionSummary::RemovePasskey { credential_id } => ActionSummaryView {
            kind,
            credential_id: Some(credential_id),
            ..Default::default()
        },
    }
}

/// `get_request`: the record and the transfers its Borrows made.
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ExecutedRequestView {
    pub request_id: String,
    pub account_id: String,
    pub nonce: String,
    pub block_height: u64,
    pub at_ms: u64,
    pub actions: Vec<String>,
    pub summary: Vec<ActionSummaryView>,
    pub transfers: Vec<TransferView>,
}

/// An executed request of an account (`get_account_requests`), newest first.
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct AccountRequestView {
    pub request_id: String,
    pub block_height: u64,
    pub at_ms: u64,
    pub actions: Vec<ActionSummaryView>,
}

/// A refusal as data (protocol `WireError`).
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WireError {
    pub code: String,
    pub message: String,
}

impl From<Refusal> for WireError {
    fn from(refusal: Refusal) -> WireError {
        WireError {
            code: refusal.code.as_str().to_string(),
            message: refusal.message,
        }
    }
}

/// `preview`: `{ ok: true, before, after, transfers }` or `{ ok: false, before, error }`.
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreviewView {
    pub ok: bool,
    pub before: PositionView,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<PositionView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transfers: Option<Vec<PlannedTransferView>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<WireError>,
}

#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreatedAccount {
    pub account_id: String,
    pub created: bool,
}

#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DepositOutcome {
    pub credited: bool,
    pub balance: String,
}

#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriceOutcome {
    pub asset: String,
    pub price_usd: String,
}

#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NonceStatus {
    pub used: bool,
}

#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetiredStatus {
    pub retired: bool,
}

/// `get_storage_costs`: what each payer attaches, in yoctoNEAR, and the caps behind it.
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StorageCosts {
    pub byte_cost: String,
    pub account_stake: String,
    pub deposit_ref_stake: String,
    pub max_passkeys: u8,
    pub max_wallets: u8,
    pub max_tombstones: u8,
    pub max_live_nonces: u8,
    pub max_kept_requests: u8,
}

/// `add_storage_stake`: the account's stake (yoctoNEAR) and the bytes charged to it.
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StorageStakeView {
    pub paid: String,
    pub used_bytes: u64,
}
