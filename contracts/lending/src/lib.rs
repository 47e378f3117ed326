//! The CrossChain Lending contract on NEAR: accounts from a passkey alone, bound external
//! wallets, signed requests (Supply, Repay, Adjust, Borrow and the control-method actions)
//! under the product's action policy and security period, markets with shares, indexes and
//! accrued interest, health checks, deposits by the bridge and prices by the oracle. The Rust
//! successor of `packages/contract` (TypeScript), with the same rules, numbers, codes and view
//! shapes. Signature checks plug in at one place, `signers.rs`.

mod addresses;
mod apply;
mod chains;
mod config;
mod creation;
mod errors;
mod events;
mod fixed_point;
mod health;
mod json;
mod markets;
mod policy;
mod probation;
mod request;
mod signers;
mod state;
mod storage;
mod versions;
mod views;
mod wide;

#[cfg(test)]
mod tests;

pub use chains::Chain;
pub use config::{ChainId, ConfigArgs, ConfigView};
pub use health::{AssetPositionView, PositionView};
pub use markets::MarketParameters;
pub use request::actions::Action;
pub use request::proofs::{
    Cosignature, CreationProof, PasskeyAssertion, RequestProof, WalletSignature,
};
pub use views::*;

use apply::{ApplyContext, Working, check_fresh_nonce, nonce_tag};
use config::Config;
use errors::{Code, OrRefuse, refuse};
use fixed_point::{USD_DECIMALS, add, format_units};
use markets::Market;
use near_sdk::store::{LookupMap, LookupSet, key::Sha256};
use near_sdk::{PanicOnDefault, env, near};
use request::actions::MAX_CREDENTIAL_ID_CHARS;
use request::envelope::{MAX_ACTIONS, parse_signed_request};
use request::fields::{is_base64url, text};
use request::proofs::parse_p256_public_key;
use state::{Account, Passkey, RequestRecord, StorageStake, Transfer, prefix, wallet_key};
use storage::{
    ACCOUNT_STAKE_BYTES, DEPOSIT_REF_STAKE_BYTES, MAX_KEPT_REQUESTS, MAX_KEPT_TRANSFERS,
    MAX_LIVE_NONCES, MAX_PASSKEYS, MAX_TOMBSTONES, MAX_WALLETS, require_attached,
    require_contract_can_stake, stake_for,
};

/// The state's layout version; `migrate` brings older layouts to it (see versions.rs).
pub const STATE_VERSION: u16 = 2;

#[near(contract_state)]
#[derive(PanicOnDefault)]
pub struct Lending {
    version: u16,
    config: Config,
    /// By index; a market is never removed, so positions name markets by index. Kept in the root
    /// record, not a collection: NEAR charges 56 Ggas per storage read and 64 per write against
    /// 5.6 and 31 Mgas per byte, and the protocol's six assets make at most about 900 bytes, so
    /// one root read serves every market a call needs (set_price, deposit, each Supply and every
    /// health check) instead of one read per market.
    markets: Vec<Market>,
    accounts: LookupMap<String, Account>,
    by_credential: LookupMap<String, String, Sha256>,
    /// Credential ids of removed passkeys: never registered again (their ids are public in history).
    retired: LookupSet<String, Sha256>,
    /// `chain:address` of each bound wallet → account id.
    by_wallet: LookupMap<String, String, Sha256>,
    requests: LookupMap<[u8; 32], RequestRecord>,
    deposit_refs: LookupSet<String, Sha256>,
    transfers: LookupMap<u64, Transfer>,
    next_transfer_id: u64,
}

impl Lending {
    fn flush_all(&mut self) {
        self.accounts.flush();
        self.by_credential.flush();
        self.by_wallet.flush();
        self.requests.flush();
        self.transfers.flush();
    }

    fn account(&self, account_id: &str) -> &Account {
        self.accounts.get(account_id).unwrap_or_else(|| {
            refuse(
                Code::AccountNotFound,
                format!("No account {account_id}. Create one with a passkey first."),
            )
        })
    }

    /// The markets accrued to `now_ms`, on copies (views change nothing).
    fn markets_at(&self, now_ms: u64, replacing: &[(u8, Market)]) -> Vec<Market> {
        self.markets
            .iter()
            .enumerate()
            .map(|(index, market)| {
                let mut copy = replacing
                    .iter()
                    .find(|(each, _)| *each as usize == index)
                    .map_or_else(|| market.clone(), |(_, m)| m.clone());
                copy.accrue(now_ms);
                copy
            })
            .collect()
    }

    /// Records a new account for a passkey whose possession was proved (create_account's second half).
    fn record_account(
        &mut self,
        account_id: &str,
        credential_id: &str,
        public_key: [u8; 33],
        sign_count: u32,
        paid: u128,
    ) -> CreatedAccount {
        let before = env::storage_usage();
        let now = env::block_timestamp_ms();
        let passkey = Passkey {
            credential_id: credential_id.to_string(),
            public_key,
            added_at_ms: now,
            matures_at_ms: None,
            sign_count,
        };
        let account = Account {
            created_at_ms: now,
            passkeys: vec![passkey],
            wallets: vec![],
            positions: vec![],
            nonces: vec![],
            requests: vec![],
            tombstones: 0,
            storage: StorageStake {
                paid,
                used_bytes: 0,
            },
        };
        self.accounts.insert(account_id.to_string(), account);
        self.by_credential
            .insert(credential_id.to_string(), account_id.to_string());
        self.flush_all();
        // The fixed-size stake fields do not change the record's length: this rewrite costs no bytes.
        let used = env::storage_usage() - before;
        if let Some(account) = self.accounts.get_mut(account_id) {
            account.storage.used_bytes = used;
        }
        self.flush_all();
        require_contract_can_stake();
        CreatedAccount {
            account_id: account_id.to_string(),
            created: true,
        }
    }
}

#[near]
impl Lending {
    /// A fresh contract: its configuration and markets (the TypeScript defaults when none), no accounts.
    #[init]
    pub fn new(config: ConfigArgs, markets: Option<Vec<MarketParameters>>) -> Self {
        let config = Config::from_args(config);
        let now = env::block_timestamp_ms();
        let mut list = Vec::new();
        let markets = markets.unwrap_or_else(markets::default_markets);
        if markets.is_empty() || markets.len() > versions::MAX_MARKETS {
            refuse(
                Code::InvalidConfiguration,
                format!("List 1 to {} markets.", versions::MAX_MARKETS),
            );
        }
        for parameters in markets {
            versions::check_market(&parameters, list.iter().map(Market::symbol));
            list.push(Market::new(parameters, now));
        }
        Lending {
            version: STATE_VERSION,
            config,
            markets: list,
            accounts: LookupMap::new(prefix::ACCOUNTS),
            by_credential: LookupMap::with_hasher(prefix::BY_CREDENTIAL),
            retired: LookupSet::with_hasher(prefix::RETIRED),
            by_wallet: LookupMap::with_hasher(prefix::BY_WALLET),
            requests: LookupMap::new(prefix::REQUESTS),
            deposit_refs: LookupSet::with_hasher(prefix::DEPOSIT_REFS),
            transfers: LookupMap::new(prefix::TRANSFERS),
            next_transfer_id: 1,
        }
    }

    /// Brings the stored state to this version's layout, after the owner deployed new code.
    /// Callable by the owner the old state names, or by the contract account itself (a deploy
    /// and its migration in one transaction).
    #[init(ignore_state)]
    pub fn migrate() -> Self {
        versions::migrate()
    }

    /// Creates an account controlled by a passkey, once the passkey proved it holds the key
    /// (`proof`: its assertion over the creation statement). Idempotent: the same passkey gives
    /// the same account. The attached deposit stakes the account's storage (see get_storage_costs).
    #[payable]
    pub fn create_account(
        &mut self,
        credential_id: String,
        public_key: String,
        user_handle: Option<String>,
        deadline: Option<u64>,
        proof: Option<CreationProof>,
    ) -> CreatedAccount {
        let credential_ok = |id: &str| id.len() >= 16 && is_base64url(id);
        text(
            &credential_id,
            "credential_id",
            MAX_CREDENTIAL_ID_CHARS,
            Some(credential_ok),
        )
        .or_refuse();
        text(
            &public_key,
            "public_key",
            64,
            Some(request::fields::is_p256_text),
        )
        .or_refuse();
        if let Some(handle) = &user_handle {
            text(handle, "user_handle", 128, Some(is_base64url)).or_refuse();
        }
        let compressed = parse_p256_public_key(&public_key).or_refuse();
        if self.retired.contains(&credential_id) {
            refuse(
                Code::CredentialRetired,
                "This passkey was removed from its account, and a removed passkey can never be registered again. Create a new passkey.",
            );
        }
        let account_id = creation::account_id_for(&compressed, &credential_id);
        let attached = env::attached_deposit().as_yoctonear();
        let existing = self.by_credential.get(&credential_id).cloned().or_else(|| {
            self.accounts
                .contains_key(&account_id)
                .then(|| account_id.clone())
        });
        if let Some(existing) = existing {
            if existing != account_id {
                refuse(
                    Code::CredentialInUse,
                    "This passkey already controls another account. Sign in with it instead.",
                );
            }
            // A retry's deposit is not lost: it adds to the account's stake.
            if let Some(account) = self.accounts.get_mut(&account_id) {
                account.storage.paid = add(account.storage.paid, attached);
            }
            return CreatedAccount {
                account_id,
                created: false,
            };
        }
        let now = env::block_timestamp_ms();
        let Some(deadline) = deadline.filter(|d| *d > 0) else {
            refuse(
                Code::InvalidCreationProof,
                "Account creation needs a deadline (ms since the epoch) and the passkey's signature over the creation. Create the account from the wallet.",
            )
        };
        let Some(CreationProof::Passkey(assertion)) = proof else {
            refuse(
                Code::InvalidCreationProof,
                "Account creation needs the passkey's own signature over the creation (proof of possession). Create the account from the wallet.",
            )
        };
        if deadline <= now {
            refuse(
                Code::RequestExpired,
                format!(
                    "This account creation proof has expired (deadline {deadline} ≤ block time {now}). Approve the creation with the passkey again."
                ),
            );
        }
        if deadline > now + self.config.max_deadline_window_ms {
            refuse(
                Code::DeadlineTooFar,
                format!(
                    "The creation proof's deadline is more than {} minutes ahead. Sign one with a nearer deadline.",
                    self.config.max_deadline_window_ms / 60_000
                ),
            );
        }
        if let Err(refusal) = assertion.check("proof") {
            refuse(
                Code::InvalidCreationProof,
                format!(
                    "The creation proof is not a passkey assertion (authenticatorData, clientDataJSON, signature): {}",
                    refusal.message
                ),
            );
        }
        require_attached(ACCOUNT_STAKE_BYTES, "A new account");
        let statement = creation::creation_statement(
            self.config.chain_id,
            env::current_account_id().as_str(),
            &credential_id,
            &public_key,
            user_handle.as_deref(),
            deadline,
        );
        let challenge = env::sha256_array(statement.as_bytes());
        let sign_count =
            signers::verify_creation(&self.config, &compressed, &assertion, &challenge);
        self.record_account(
            &account_id,
            &credential_id,
            compressed,
            sign_count,
            attached,
        )
    }

    /// Adds to an account's storage stake (anyone may pay for anyone).
    #[payable]
    pub fn add_storage_stake(&mut self, account_id: String) -> StorageStakeView {
        let attached = env::attached_deposit().as_yoctonear();
        let Some(account) = self.accounts.get_mut(&account_id) else {
            refuse(
                Code::AccountNotFound,
                format!("No account {account_id}. Create one with a passkey first."),
            )
        };
        account.storage.paid = add(account.storage.paid, attached);
        StorageStakeView {
            paid: account.storage.paid.to_string(),
            used_bytes: account.storage.used_bytes,
        }
    }

    /// Verifies a signed request and applies its actions, all or nothing.
    pub fn execute(
        &mut self,
        payload: String,
        proof: RequestProof,
        cosignature: Option<Cosignature>,
    ) -> ExecutionOutcome {
        let request = parse_signed_request(payload, proof, cosignature).or_refuse();
        let fields = &request.fields;
        let now = env::block_timestamp_ms();
        if fields.chain_id != self.config.chain_id {
            refuse(
                Code::WrongChain,
                format!(
                    "This request is for {}, but this contract runs on {}.",
                    fields.chain_id.as_str(),
                    self.config.chain_id.as_str()
                ),
            );
        }
        if fields.contract_id != env::current_account_id().as_str() {
            refuse(
                Code::WrongContract,
                format!(
                    "This request is for contract {}, not {}.",
                    fields.contract_id,
                    env::current_account_id()
                ),
            );
        }
        if fields.deadline <= now {
            refuse(
                Code::RequestExpired,
                format!(
                    "This request has expired (deadline {} ≤ block time {now}). Sign it again.",
                    fields.deadline
                ),
            );
        }
        if fields.deadline > now + self.config.max_deadline_window_ms {
            refuse(
                Code::DeadlineTooFar,
                format!(
                    "The deadline is more than {} minutes ahead. Sign a request with a nearer deadline.",
                    self.config.max_deadline_window_ms / 60_000
                ),
            );
        }
        // The site every wallet message names must be one this contract serves.
        if !self.config.serves(&fields.site) {
            refuse(
                Code::SiteNotAllowed,
                format!(
                    "The request was made on \"{}\", which is not a partner site this contract allows. Use the wallet from an allowed site.",
                    fields.site
                ),
            );
        }
        let challenge = env::sha256_array(request.payload.as_bytes());
        let account = self.account(&fields.account_id);
        check_fresh_nonce(
            account,
            &nonce_tag(&fields.nonce),
            self.requests.contains_key(&challenge),
        );
        let verified = signers::verify_request(&self.config, account, &request, &challenge);
        self.apply_verified(&request.payload, &request.fields, verified)
    }

    /// Credits an account with assets that arrived from an external chain: the bridge's call,
    /// once per inbound transfer (`ref` makes it idempotent). A new ref stakes its storage: the
    /// bridge attaches get_storage_costs().deposit_ref_stake.
    #[payable]
    pub fn deposit(
        &mut self,
        account_id: String,
        asset: String,
        amount: String,
        chain: String,
        r#ref: String,
    ) -> DepositOutcome {
        self.config.require_role(&self.config.bridge, "bridge");
        let index = self.market_index(&asset).or_refuse();
        let market = self.markets[index as usize].clone();
        let Some(chain) = Chain::parse(&chain) else {
            refuse(
                Code::InvalidRequest,
                "The argument chain is missing or malformed.",
            )
        };
        self.account(&account_id);
        if !market.parameters.chains.contains(&chain) {
            let chains: Vec<&str> = market
                .parameters
                .chains
                .iter()
                .map(|each| each.id())
                .collect();
            refuse(
                Code::UnsupportedDestination,
                format!(
                    "{} does not arrive from {}; it comes from {}.",
                    market.symbol(),
                    chain.id(),
                    chains.join(", ")
                ),
            );
        }
        let amount = request::fields::amount(&amount, "amount")
            .map_err(|_| {
                errors::Refusal::new(
                    Code::InvalidRequest,
                    "The argument amount is missing or malformed.",
                )
            })
            .or_refuse();
        if r#ref.is_empty() || r#ref.chars().count() > 200 {
            refuse(
                Code::InvalidRequest,
                "The argument ref is missing or malformed.",
            );
        }
        let accounts = &mut self.accounts;
        let account = accounts
            .get_mut(&account_id)
            .unwrap_or_else(|| env::abort());
        let position = account.position_mut(index);
        if self.deposit_refs.contains(&r#ref) {
            return DepositOutcome {
                credited: false,
                balance: position.balance.to_string(),
            };
        }
        require_attached(DEPOSIT_REF_STAKE_BYTES, "A deposit ref");
        position.balance = add(position.balance, amount.value);
        let balance = position.balance.to_string();
        self.deposit_refs.insert(r#ref);
        if let Some(market) = self.markets.get_mut(index as usize) {
            market.deposited = add(market.deposited, amount.value);
        }
        self.flush_all();
        require_contract_can_stake();
        DepositOutcome {
            credited: true,
            balance,
        }
    }

    /// Sets an asset's USD price (the oracle). Interest accrues at the old price's rate first.
    pub fn set_price(&mut self, asset: String, price_usd: String) -> PriceOutcome {
        self.config.require_role(&self.config.oracle, "oracle");
        let index = self.market_index(&asset).or_refuse();
        let price = versions::parse_price(&price_usd);
        let now = env::block_timestamp_ms();
        let market = self
            .markets
            .get_mut(index as usize)
            .unwrap_or_else(|| env::abort());
        market.accrue(now);
        market.parameters.price_usd = price;
        PriceOutcome {
            asset,
            price_usd: format_units(price, USD_DECIMALS, USD_DECIMALS),
        }
    }

    // ——— Views ———————————————————————————————————————————————————————————————————

    pub fn get_config(&self) -> ConfigView {
        ConfigView::of(&self.config)
    }

    /// The account at the block's time: its methods, and which are still in their security period.
    pub fn get_account(&self, account_id: String) -> Option<AccountView> {
        self.accounts
            .get(&account_id)
            .map(|account| account_view(&account_id, account, env::block_timestamp_ms()))
    }

    pub fn get_account_by_credential(&self, credential_id: String) -> Option<AccountView> {
        self.by_credential
            .get(&credential_id)
            .cloned()
            .and_then(|id| self.get_account(id))
    }

    /// Whether a credential id was removed and can never be registered again.
    pub fn is_credential_retired(&self, credential_id: String) -> RetiredStatus {
        RetiredStatus {
            retired: self.retired.contains(&credential_id),
        }
    }

    pub fn get_account_by_wallet(&self, chain: String, address: String) -> Option<AccountView> {
        let chain = Chain::parse(&chain)?;
        let address = addresses::normalize_address(chain, &address).ok()?;
        self.by_wallet
            .get(&wallet_key(chain, &address))
            .cloned()
            .and_then(|id| self.get_account(id))
    }

    /// The account's position with interest accrued to the block's time.
    pub fn get_position(&self, account_id: String) -> Option<PositionView> {
        let account = self.accounts.get(&account_id)?;
        Some(health::position_view(
            &account_id,
            &account.positions,
            &self.markets_at(env::block_timestamp_ms(), &[]),
        ))
    }

    pub fn get_markets(&self) -> Vec<MarketView> {
        self.markets_at(env::block_timestamp_ms(), &[])
            .iter()
            .map(market_view)
            .collect()
    }

    /// Whether a request with this nonce ran and its deadline has not passed (after it, the
    /// nonce is forgotten: the request could not run again anyway).
    pub fn get_nonce_status(&self, account_id: String, nonce: String) -> NonceStatus {
        let tag = nonce_tag(&nonce);
        let now = env::block_timestamp_ms();
        NonceStatus {
            used: self.accounts.get(&account_id).is_some_and(|account| {
                account
                    .nonces
                    .iter()
                    .any(|each| each.tag == tag && each.deadline_ms > now)
            }),
        }
    }

    pub fn get_request(&self, request_id: String) -> Option<ExecutedRequestView> {
        let id = json::parse_hex32(&request_id)?;
        let record = self.requests.get(&id)?;
        Some(self.executed_request_view(&id, record))
    }

    /// What a request's actions would do, without a signature and without changing anything:
    /// the same code as `execute`, on copies, at the block's time. Bindings and new passkeys are
    /// not previewed (they need proofs); a co-signature is assumed present.
    pub fn preview(&self, account_id: String, actions: Vec<Action>) -> PreviewView {
        let now = env::block_timestamp_ms();
        let account = self.account(&account_id);
        let before =
            health::position_view(&account_id, &account.positions, &self.markets_at(now, &[]));
        let failed = |before: PositionView, refusal: errors::Refusal| PreviewView {
            ok: false,
            before,
            after: None,
            transfers: None,
            error: Some(refusal.into()),
        };
        if actions.is_empty() || actions.len() > MAX_ACTIONS {
            return failed(
                before,
                errors::Refusal::new(
                    Code::InvalidRequest,
                    format!("Preview 1 to {MAX_ACTIONS} actions."),
                ),
            );
        }
        if actions
            .iter()
            .any(|action| matches!(action, Action::AddWallet { .. } | Action::AddPasskey { .. }))
        {
            return failed(
                before,
                errors::Refusal::new(
                    Code::InvalidRequest,
                    "Bindings and new passkeys are not previewed.",
                ),
            );
        }
        let amounts = match actions
            .iter()
            .enumerate()
            .map(|(index, action)| action.check(index))
            .collect::<errors::Checked<Vec<_>>>()
        {
            Ok(amounts) => amounts,
            Err(refusal) => return failed(before, refusal),
        };
        let mut working = Working::new(account.clone());
        let cosigner = account
            .wallets
            .first()
            .map(|wallet| (wallet.chain, wallet.address.clone()));
        let context = ApplyContext {
            account_id: &account_id,
            signer: None,
            cosigner,
            assumed_cosigner: true,
            bindings: &[],
            now_ms: now,
        };
        if let Err(refusal) = self.apply_all(&mut working, &actions, &amounts, &context) {
            return failed(before, refusal);
        }
        let after = health::position_view(
            &account_id,
            &working.account.positions,
            &self.markets_at(now, &working.markets),
        );
        let transfers = working
            .transfers
            .iter()
            .map(|t| PlannedTransferView {
                asset: t.asset.clone(),
                amount: t.amount.to_string(),
                chain: t.chain,
                address: t.address.clone(),
            })
            .collect();
        PreviewView {
            ok: true,
            before,
            after: Some(after),
            transfers: Some(transfers),
            error: None,
        }
    }

    /// Transfers out, newest first (of the last 256); filtered by recipient chain and address when given.
    pub fn get_transfers(
        &self,
        chain: Option<String>,
        address: Option<String>,
        limit: Option<u32>,
    ) -> Vec<TransferView> {
        let limit = limit.unwrap_or(50).clamp(1, 500) as usize;
        let newest = self.next_transfer_id.saturating_sub(1);
        let oldest = self
            .next_transfer_id
            .saturating_sub(MAX_KEPT_TRANSFERS)
            .max(1);
        (oldest..=newest)
            .rev()
            .filter_map(|id| self.transfers.get(&id).map(|transfer| (id, transfer)))
            .filter(|(_, transfer)| {
                chain.as_deref().is_none_or(|c| c == transfer.chain.id())
                    && address.as_deref().is_none_or(|a| a == transfer.address)
            })
            .take(limit)
            .map(|(id, transfer)| transfer_view(id, transfer))
            .collect()
    }

    /// An account's kept requests (the last 8), newest first: what each did, never its proofs.
    pub fn get_account_requests(
        &self,
        account_id: String,
        limit: Option<u32>,
    ) -> Vec<AccountRequestView> {
        let limit = limit.unwrap_or(20).clamp(1, 100) as usize;
        let Some(account) = self.accounts.get(&account_id) else {
            return vec![];
        };
        account
            .requests
            .iter()
            .rev()
            .take(limit)
            .filter_map(|id| self.requests.get(id).map(|record| (id, record)))
            .map(|(id, record)| AccountRequestView {
                request_id: json::hex(id),
                block_height: record.block_height,
                at_ms: record.at_ms,
                actions: record.actions.iter().map(summary_view).collect(),
            })
            .collect()
    }

    /// What each payer attaches (yoctoNEAR) and the caps that bound an account's storage.
    pub fn get_storage_costs(&self) -> StorageCosts {
        StorageCosts {
            byte_cost: stake_for(1).to_string(),
            account_stake: stake_for(ACCOUNT_STAKE_BYTES).to_string(),
            deposit_ref_stake: stake_for(DEPOSIT_REF_STAKE_BYTES).to_string(),
            max_passkeys: MAX_PASSKEYS as u8,
            max_wallets: MAX_WALLETS as u8,
            max_tombstones: MAX_TOMBSTONES,
            max_live_nonces: MAX_LIVE_NONCES as u8,
            max_kept_requests: MAX_KEPT_REQUESTS as u8,
        }
    }
}

impl Lending {
    fn executed_request_view(&self, id: &[u8; 32], record: &RequestRecord) -> ExecutedRequestView {
        let mut transfers = Vec::new();
        let mut next = record.first_transfer_id;
        for summary in &record.actions {
            if let state::ActionSummary::Borrow {
                asset,
                amount,
                chain,
                address,
            } = summary
            {
                // The kept transfer (its normalized address); past the ring, as the summary says.
                if let Some(transfer) = self.transfers.get(&next) {
                    transfers.push(transfer_view(next, transfer));
                    next += 1;
                    continue;
                }
                transfers.push(TransferView {
                    id: next,
                    request_id: json::hex(id),
                    account_id: record.account_id.clone(),
                    asset: asset.clone(),
                    amount: amount.clone(),
                    chain: *chain,
                    address: address.clone(),
                    at_ms: record.at_ms,
                    block_height: record.block_height,
                });
                next += 1;
            }
        }
        ExecutedRequestView {
            request_id: json::hex(id),
            account_id: record.account_id.clone(),
            nonce: record.nonce.clone(),
            block_height: record.block_height,
            at_ms: record.at_ms,
            actions: record
                .actions
                .iter()
                .map(|summary| summary.type_name().to_string())
                .collect(),
            summary: record.actions.iter().map(summary_view).collect(),
            transfers,
        }
    }
}
