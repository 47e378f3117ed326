//! Everything after verification: actions applied to working copies under the policy for who
//! signed, the health check, and the commit (nonce, indexes, records, transfers, storage
//! charge). Ported from `LendingContract#applyAll`, `#apply` and `execute`'s commit. Unit tests
//! call `apply_verified` with an already-verified signer; `execute` calls it after `signers.rs`.

use crate::Lending;
use crate::addresses::normalize_address;
use crate::chains::Chain;
use crate::errors::{Checked, Code, OrRefuse, Refusal, refusal, refuse};
use crate::fixed_point::{WAD, add, format_units, format_usd, mul_div_down, mul_div_up};
use crate::health::health;
use crate::markets::Market;
use crate::policy::{Decision, Row, SignerKind, decision};
use crate::probation::{Method, may_move_assets, may_remove, next_sign_count};
use crate::request::actions::Action;
use crate::request::envelope::RequestFields;
use crate::request::fields::Amount;
use crate::request::proofs::parse_p256_public_key;
use crate::signers::{Verified, VerifiedBinding, VerifiedSigner};
use crate::state::{
    Account, BoundWallet, Direction, LiveNonce, Passkey, RequestRecord, Transfer, wallet_key,
};
use crate::storage::{
    MAX_KEPT_REQUESTS, MAX_KEPT_TRANSFERS, MAX_LIVE_NONCES, MAX_PASSKEYS, MAX_TOMBSTONES,
    MAX_WALLETS, require_contract_can_stake, stake_for,
};
use crate::views::{ExecutionOutcome, TransferView, transfer_view};
use near_sdk::{borsh, env};

/// The signer as the rules name it: one of the account's passkeys or wallets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignerRef {
    Passkey(String),
    Wallet(Chain, String),
}

/// An index change a request makes, applied only if every action succeeds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IndexChange {
    Wallet { key: String, bound: bool },
    Credential { id: String, added: bool },
}

/// A Borrow's transfer before it has an id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedTransfer {
    pub market: u8,
    pub asset: String,
    pub amount: u128,
    pub chain: Chain,
    pub address: String,
}

/// Copies of what a request may change; a refusal drops them.
pub struct Working {
    pub account: Account,
    /// Markets touched, by index, accrued to the block time on first use.
    pub markets: Vec<(u8, Market)>,
    pub transfers: Vec<PlannedTransfer>,
    pub index_changes: Vec<IndexChange>,
    /// A Borrow or a collateral decrease happened: health is checked at the end.
    risk_increased: bool,
    /// The passkeys this request removed (each a tombstone).
    removed_passkeys: u8,
}

impl Working {
    pub fn new(account: Account) -> Working {
        Working {
            account,
            markets: Vec::new(),
            transfers: Vec::new(),
            index_changes: Vec::new(),
            risk_increased: false,
            removed_passkeys: 0,
        }
    }
}

/// Who signed, for one run of the actions.
pub struct ApplyContext<'a> {
    pub account_id: &'a str,
    /// None in a preview, which has no signature.
    pub signer: Option<SignerRef>,
    pub cosigner: Option<(Chain, String)>,
    /// A preview assumes a co-signature; its wallet's security period is checked at execution.
    pub assumed_cosigner: bool,
    pub bindings: &'a [(usize, VerifiedBinding)],
    pub now_ms: u64,
}

fn format_amount(market: &Market, amount: u128) -> String {
    format!(
        "{} {}",
        format_units(
            amount,
            market.parameters.decimals as u32,
            market.parameters.decimals as u32
        ),
        market.symbol()
    )
}

fn require_funds(have: u128, need: u128, market: &Market, what: &str, hint: &str) -> Checked<()> {
    if need > have {
        return refusal(
            Code::InsufficientFunds,
            format!(
                "Your {what} is {}, less than {}. {hint}",
                format_amount(market, have),
                format_amount(market, need)
            ),
        );
    }
    Ok(())
}

fn not_bound(what: &str) -> Refusal {
    Refusal::new(
        Code::WalletNotBound,
        format!(
            "{what} needs a bound wallet first. Passkeys are not recoverable: bind another blockchain wallet, then try again."
        ),
    )
}

fn wallet_only(what: &str) -> Refusal {
    Refusal::new(
        Code::ActionNotAllowed,
        format!("{what} needs the bound wallet's signature, not the passkey's."),
    )
}

fn allowed(row: Row, signer: SignerKind, why: impl FnOnce() -> Refusal) -> Checked<Decision> {
    match decision(row, signer) {
        Decision::Refuse => Err(why()),
        other => Ok(other),
    }
}

fn require_another_control_method(account: &Account) -> Checked<()> {
    if account.passkeys.len() + account.wallets.len() <= 1 {
        return refusal(
            Code::LastControlMethod,
            "This is the account's last way in; add another passkey or wallet before removing it.",
        );
    }
    Ok(())
}

fn method_of(account: &Account, signer: &SignerRef) -> Option<Method> {
    match signer {
        SignerRef::Passkey(id) => account.passkey(id).map(Method::passkey),
        SignerRef::Wallet(chain, address) => account.wallet(*chain, address).map(Method::wallet),
    }
}

impl Lending {
    pub(crate) fn market_index(&self, symbol: &str) -> Checked<u8> {
        for (index, market) in self.markets.iter().enumerate() {
            if market.symbol() == symbol {
                return Ok(index as u8);
            }
        }
        let names: Vec<&str> = self.markets.iter().map(Market::symbol).collect();
        refusal(
            Code::UnknownAsset,
            format!(
                "There is no {symbol} market. Markets: {}.",
                names.join(", ")
            ),
        )
    }

    /// The working copy of a market, accrued to now on first use.
    fn working_market<'w>(
        &self,
        working: &'w mut Working,
        index: u8,
        now_ms: u64,
    ) -> &'w mut Market {
        let at = match working.markets.iter().position(|(each, _)| *each == index) {
            Some(at) => at,
            None => {
                let mut copy = self.markets[index as usize].clone();
                copy.accrue(now_ms);
                working.markets.push((index, copy));
                working.markets.len() - 1
            }
        };
        &mut working.markets[at].1
    }

    /// Applies the actions in order, each under the policy for who signed, then checks health
    /// if any added risk.
    pub(crate) fn apply_all(
        &self,
        working: &mut Working,
        actions: &[Action],
        amounts: &[Option<Amount>],
        context: &ApplyContext,
    ) -> Checked<()> {
        for (index, action) in actions.iter().enumerate() {
            // Per action: an add_wallet earlier in the same request makes the passkey a bound one.
            let kind = match (&context.signer, working.account.wallets.is_empty()) {
                (Some(SignerRef::Wallet(..)), _) => SignerKind::Wallet,
                (_, false) => SignerKind::PasskeyBound,
                (_, true) => SignerKind::PasskeyUnbound,
            };
            let amount = amounts
                .get(index)
                .cloned()
                .flatten()
                .map_or(0, |amount| amount.value);
            let binding = context
                .bindings
                .iter()
                .find(|(at, _)| *at == index)
                .map(|(_, binding)| binding);
            self.apply(working, action, amount, kind, binding, context)?;
        }
        if working.risk_increased {
            self.check_healthy(working, context.now_ms)?;
        }
        Ok(())
    }

    fn apply(
        &self,
        working: &mut Working,
        action: &Action,
        amount: u128,
        kind: SignerKind,
        binding: Option<&VerifiedBinding>,
        context: &ApplyContext,
    ) -> Checked<()> {
        let now = context.now_ms;
        match action {
            Action::Supply {
                asset, collateral, ..
            } => {
                allowed(Row::Supply, kind, || not_bound("Supply"))?;
                let index = self.market_index(asset)?;
                let market = self.working_market(working, index, now).clone();
                let position = working.account.position_mut(index);
                require_funds(
                    position.balance,
                    amount,
                    &market,
                    "wallet balance",
                    "Deposit more from another chain first.",
                )?;
                let shares = market.shares_for_deposit(amount);
                if shares == 0 {
                    return refusal(
                        Code::AmountTooSmall,
                        format!("{} is too small to supply.", format_amount(&market, amount)),
                    );
                }
                position.balance -= amount;
                if *collateral {
                    position.collateral_shares = add(position.collateral_shares, shares);
                } else {
                    position.supply_shares = add(position.supply_shares, shares);
                }
                let market = self.working_market(working, index, now);
                market.cash = add(market.cash, amount);
                market.total_shares = add(market.total_shares, shares);
                Ok(())
            }
            Action::Repay { asset, .. } => {
                allowed(Row::Repay, kind, || not_bound("Repay"))?;
                let index = self.market_index(asset)?;
                let market = self.working_market(working, index, now).clone();
                let position = working.account.position_mut(index);
                let debt = market.debt_of(position.debt_scaled);
                if debt == 0 {
                    return refusal(
                        Code::NothingToRepay,
                        format!("There is no {} debt to repay.", market.symbol()),
                    );
                }
                let pay = amount.min(debt);
                require_funds(
                    position.balance,
                    pay,
                    &market,
                    "wallet balance",
                    "Deposit more from another chain first.",
                )?;
                // A partial payment burns scaled debt rounded down: never more relief than paid for.
                let burned = if pay == debt {
                    position.debt_scaled
                } else {
                    mul_div_down(pay, WAD, market.borrow_index)
                };
                position.debt_scaled -= burned;
                position.balance -= pay;
                let market = self.working_market(working, index, now);
                market.total_debt_scaled = market.total_debt_scaled.saturating_sub(burned);
                market.cash = add(market.cash, pay);
                Ok(())
            }
            Action::Adjust {
                asset, direction, ..
            } => {
                allowed(Row::Adjust, kind, || not_bound("Adjust"))?;
                let index = self.market_index(asset)?;
                let market = self.working_market(working, index, now).clone();
                let position = working.account.position_mut(index);
                let to_collateral = *direction == Direction::ToCollateral;
                let available = if to_collateral {
                    position.supply_shares
                } else {
                    position.collateral_shares
                };
                let shares = market
                    .shares_for_amount(amount)
                    .filter(|shares| *shares <= available);
                let Some(shares) = shares else {
                    let have = market.amount_for_shares(available);
                    return refusal(
                        Code::InsufficientFunds,
                        format!(
                            "Only {} is {}; move at most that.",
                            format_amount(&market, have),
                            if to_collateral {
                                "supplied"
                            } else {
                                "in collateral"
                            }
                        ),
                    );
                };
                if to_collateral {
                    position.supply_shares -= shares;
                    position.collateral_shares = add(position.collateral_shares, shares);
                } else {
                    position.collateral_shares -= shares;
                    position.supply_shares = add(position.supply_shares, shares);
                    working.risk_increased = true;
                }
                Ok(())
            }
            Action::Borrow {
                asset, recipient, ..
            } => {
                let index = self.market_index(asset)?;
                let market = self.working_market(working, index, now).clone();
                let address = normalize_address(recipient.chain, &recipient.address)?;
                if !market.parameters.chains.contains(&recipient.chain) {
                    let chains: Vec<&str> = market
                        .parameters
                        .chains
                        .iter()
                        .map(|chain| chain.id())
                        .collect();
                    return refusal(
                        Code::UnsupportedDestination,
                        format!(
                            "{} cannot be sent to {}; choose {}.",
                            market.symbol(),
                            recipient.chain.id(),
                            chains.join(", ")
                        ),
                    );
                }
                let bound_recipient = working.account.wallet(recipient.chain, &address).cloned();
                let row = if bound_recipient.is_some() {
                    Row::BorrowToBoundWallet
                } else {
                    Row::BorrowToOtherAddress
                };
                if allowed(row, kind, || not_bound("Borrow"))? == Decision::WithCosignature
                    && context.cosigner.is_none()
                {
                    return refusal(
                        Code::CosignatureRequired,
                        "Borrowing to an address that is not your bound wallet needs your bound wallet to co-sign.",
                    );
                }
                // Nothing added within the security period moves assets: not as signer, co-signer or recipient.
                if let Some(method) = context
                    .signer
                    .as_ref()
                    .and_then(|signer| method_of(&working.account, signer))
                {
                    may_move_assets(&method, now, "sign a Borrow")?;
                }
                if let (Some((chain, address)), false) =
                    (&context.cosigner, context.assumed_cosigner)
                    && let Some(wallet) = working.account.wallet(*chain, address)
                {
                    may_move_assets(&Method::wallet(wallet), now, "co-sign a Borrow")?;
                }
                if let Some(wallet) = &bound_recipient {
                    may_move_assets(&Method::wallet(wallet), now, "receive a Borrow")?;
                }
                if amount > market.cash {
                    return refusal(
                        Code::InsufficientLiquidity,
                        format!(
                            "The {} pool can lend at most {} right now.",
                            market.symbol(),
                            format_amount(&market, market.cash)
                        ),
                    );
                }
                // New debt is scaled rounding up: the borrower owes at least what was sent.
                let scaled = mul_div_up(amount, WAD, market.borrow_index);
                let position = working.account.position_mut(index);
                position.debt_scaled = add(position.debt_scaled, scaled);
                let market = self.working_market(working, index, now);
                market.total_debt_scaled = add(market.total_debt_scaled, scaled);
                market.cash -= amount;
                working.transfers.push(PlannedTransfer {
                    market: index,
                    asset: asset.clone(),
                    amount,
                    chain: recipient.chain,
                    address,
                });
                working.risk_increased = true;
                Ok(())
            }
            Action::AddWallet { .. } => {
                allowed(Row::AddWallet, kind, || not_bound("Binding"))?;
                let Some(binding) = binding else {
                    return refusal(
                        Code::InvalidBindingProof,
                        "The wallet binding was not verified.",
                    );
                };
                let key = wallet_key(binding.chain, &binding.address);
                let owner = self.by_wallet.get(&key);
                if owner.is_some()
                    || working
                        .account
                        .wallet(binding.chain, &binding.address)
                        .is_some()
                {
                    let elsewhere = owner.is_some_and(|owner| owner != context.account_id);
                    return refusal(
                        Code::WalletAlreadyBound,
                        if elsewhere {
                            "This wallet is already bound to another account."
                        } else {
                            "This wallet is already bound to this account."
                        },
                    );
                }
                if working.account.wallets.len() >= MAX_WALLETS {
                    return refusal(
                        Code::LimitReached,
                        format!(
                            "An account binds at most {MAX_WALLETS} wallets; remove one before binding another."
                        ),
                    );
                }
                // The account's first wallet, bound by its passkey, may borrow at once; every later
                // one, and every wallet a wallet adds, waits out the security period for that.
                let first = working.account.wallets.is_empty()
                    && matches!(context.signer, Some(SignerRef::Passkey(_)));
                working.account.wallets.push(BoundWallet {
                    chain: binding.chain,
                    address: binding.address.clone(),
                    public_key: binding.public_key.clone(),
                    bound_at_ms: now,
                    matures_at_ms: Some(now + self.config.security_period_ms),
                    first,
                });
                working
                    .index_changes
                    .push(IndexChange::Wallet { key, bound: true });
                Ok(())
            }
            Action::AddPasskey { passkey } => {
                allowed(Row::AddPasskey, kind, || not_bound("Adding a passkey"))?;
                let public_key = parse_p256_public_key(&passkey.public_key)?;
                let id = &passkey.credential_id;
                if self.retired.contains(id) {
                    return refusal(
                        Code::CredentialRetired,
                        "This passkey was removed from an account, and a removed passkey can never be added again. Create a new passkey.",
                    );
                }
                let added_here = working.index_changes.contains(&IndexChange::Credential {
                    id: id.clone(),
                    added: true,
                });
                if self.by_credential.contains_key(id)
                    || working.account.passkey(id).is_some()
                    || added_here
                {
                    return refusal(
                        Code::CredentialInUse,
                        "This passkey already controls an account.",
                    );
                }
                if working.account.passkeys.len() >= MAX_PASSKEYS {
                    return refusal(
                        Code::LimitReached,
                        format!(
                            "An account has at most {MAX_PASSKEYS} passkeys; remove one before adding another."
                        ),
                    );
                }
                // Probationary: a wallet recovering the account (or an attacker's) cannot lock out the older passkey at once.
                working.account.passkeys.push(Passkey {
                    credential_id: id.clone(),
                    public_key,
                    added_at_ms: now,
                    matures_at_ms: Some(now + self.config.security_period_ms),
                    sign_count: 0,
                });
                working.index_changes.push(IndexChange::Credential {
                    id: id.clone(),
                    added: true,
                });
                Ok(())
            }
            Action::RemovePasskey { credential_id } => {
                let target = working.account.passkey(credential_id).map(Method::passkey);
                self.check_may_remove(
                    working,
                    context,
                    target.as_ref(),
                    Row::RemovePasskey,
                    kind,
                    "Removing a passkey",
                )?;
                let Some(at) = working
                    .account
                    .passkeys
                    .iter()
                    .position(|passkey| &passkey.credential_id == credential_id)
                else {
                    return refusal(Code::UnknownSigner, "That passkey is not on this account.");
                };
                require_another_control_method(&working.account)?;
                if working.account.tombstones + working.removed_passkeys >= MAX_TOMBSTONES {
                    return refusal(
                        Code::LimitReached,
                        format!(
                            "An account may remove at most {MAX_TOMBSTONES} passkeys over its life (each removal is kept forever)."
                        ),
                    );
                }
                working.account.passkeys.remove(at);
                working.removed_passkeys += 1;
                working.index_changes.push(IndexChange::Credential {
                    id: credential_id.clone(),
                    added: false,
                });
                Ok(())
            }
            Action::RemoveWallet { wallet } => {
                let address = normalize_address(wallet.chain, &wallet.address)?;
                let target = working
                    .account
                    .wallet(wallet.chain, &address)
                    .map(Method::wallet);
                self.check_may_remove(
                    working,
                    context,
                    target.as_ref(),
                    Row::RemoveWallet,
                    kind,
                    "Removing a wallet",
                )?;
                let Some(at) = working
                    .account
                    .wallets
                    .iter()
                    .position(|each| each.chain == wallet.chain && each.address == address)
                else {
                    return refusal(
                        Code::UnknownSigner,
                        "That wallet is not bound to this account.",
                    );
                };
                require_another_control_method(&working.account)?;
                working.account.wallets.remove(at);
                working.index_changes.push(IndexChange::Wallet {
                    key: wallet_key(wallet.chain, &address),
                    bound: false,
                });
                Ok(())
            }
        }
    }

    /// Who may remove `target`: an older method cancelling one still in its security period (a
    /// passkey too); otherwise the policy table (a bound wallet), and then only a wallet out of
    /// its own security period, or one removing a method newer than itself.
    fn check_may_remove(
        &self,
        working: &Working,
        context: &ApplyContext,
        target: Option<&Method>,
        row: Row,
        kind: SignerKind,
        what: &str,
    ) -> Checked<()> {
        let signer = context
            .signer
            .as_ref()
            .and_then(|signer| method_of(&working.account, signer));
        if let (Some(signer), Some(target)) = (&signer, target)
            && signer.times.cancels(&target.times, context.now_ms)
        {
            return Ok(());
        }
        allowed(row, kind, || wallet_only(what))?;
        if let (Some(signer), Some(target)) = (&signer, target) {
            may_remove(signer, target, context.now_ms)?;
        }
        Ok(())
    }

    fn check_healthy(&self, working: &mut Working, now_ms: u64) -> Checked<()> {
        // Every market the account has a position in, accrued to now, so the check sees today's debt.
        let indexes: Vec<u8> = working
            .account
            .positions
            .iter()
            .map(|(index, _)| *index)
            .collect();
        for index in &indexes {
            self.working_market(working, *index, now_ms);
        }
        let pairs = working.account.positions.iter().map(|(index, position)| {
            (
                position,
                &working
                    .markets
                    .iter()
                    .find(|(each, _)| each == index)
                    .expect("accrued above")
                    .1,
            )
        });
        let standing = health(pairs);
        if standing.is_healthy() {
            return Ok(());
        }
        let short = standing.debt_usd - standing.borrow_limit_usd;
        let factor = standing.health_factor.map_or_else(
            || "no debt".to_string(),
            |factor| format_units(factor, 18, 2),
        );
        refusal(
            Code::HealthFactorTooLow,
            format!(
                "This would leave the health factor at {factor}; it must stay at or above 1.00. You would be ${} short of borrowing power: borrow less or add collateral.",
                format_usd(short)
            ),
        )
    }

    /// Applies a verified request and commits it: the second half of `execute`, callable by
    /// tests with a signer they name. Refusals panic (rolling back the receipt).
    pub(crate) fn apply_verified(
        &mut self,
        payload: &str,
        fields: &RequestFields,
        verified: Verified,
    ) -> ExecutionOutcome {
        let storage_before = env::storage_usage();
        let now = env::block_timestamp_ms();
        let id = env::sha256_array(payload.as_bytes());
        let account_id = fields.account_id.clone();
        let account = self.accounts.get(&account_id).cloned().unwrap_or_else(|| {
            refuse(
                Code::AccountNotFound,
                format!("No account {account_id}. Create one with a passkey first."),
            )
        });
        let account_bytes_before = borsh::to_vec(&account)
            .map(|bytes| bytes.len())
            .unwrap_or_default() as i64;
        let tag = nonce_tag(&fields.nonce);
        check_fresh_nonce(&account, &tag, self.requests.contains_key(&id));

        let signer = match &verified.signer {
            VerifiedSigner::Passkey { credential_id, .. } => {
                SignerRef::Passkey(credential_id.clone())
            }
            VerifiedSigner::Wallet { chain, address } => SignerRef::Wallet(*chain, address.clone()),
        };
        let sign_count = match &verified.signer {
            VerifiedSigner::Passkey {
                credential_id,
                sign_count,
            } => {
                let stored = account
                    .passkey(credential_id)
                    .map_or(0, |passkey| passkey.sign_count);
                Some((
                    credential_id.clone(),
                    next_sign_count(stored, *sign_count).or_refuse(),
                ))
            }
            VerifiedSigner::Wallet { .. } => None,
        };
        let mut working = Working::new(account);
        let context = ApplyContext {
            account_id: &account_id,
            signer: Some(signer),
            cosigner: verified.cosigner.clone(),
            assumed_cosigner: false,
            bindings: &verified.bindings,
            now_ms: now,
        };
        self.apply_all(&mut working, &fields.actions, &fields.amounts, &context)
            .or_refuse();
        if let Some((credential_id, count)) = sign_count
            && let Some(passkey) = working
                .account
                .passkeys
                .iter_mut()
                .find(|passkey| passkey.credential_id == credential_id)
        {
            passkey.sign_count = count;
        }

        // ——— Commit.
        let Working {
            mut account,
            markets,
            transfers,
            index_changes,
            removed_passkeys,
            ..
        } = working;
        account.nonces.retain(|nonce| nonce.deadline_ms > now);
        if account.nonces.len() >= MAX_LIVE_NONCES {
            refuse(
                Code::LimitReached,
                format!(
                    "This account has {MAX_LIVE_NONCES} requests whose deadline has not passed; wait a few minutes, or sign with a nearer deadline."
                ),
            );
        }
        account.nonces.push(LiveNonce {
            tag,
            deadline_ms: fields.deadline,
        });
        account.tombstones += removed_passkeys;
        for (index, market) in markets {
            self.markets[index as usize] = market;
        }
        for change in index_changes {
            match change {
                IndexChange::Wallet { key, bound: true } => {
                    self.by_wallet.insert(key, account_id.clone());
                }
                IndexChange::Wallet { key, bound: false } => {
                    self.by_wallet.remove(&key);
                }
                IndexChange::Credential { id, added: true } => {
                    self.by_credential.insert(id, account_id.clone());
                }
                IndexChange::Credential { id, added: false } => {
                    // A removed passkey's id is public (history): retired for good.
                    self.by_credential.remove(&id);
                    self.retired.insert(id);
                }
            }
        }
        let first_transfer_id = if transfers.is_empty() {
            0
        } else {
            self.next_transfer_id
        };
        let record = RequestRecord {
            account_id: account_id.clone(),
            nonce: fields.nonce.clone(),
            block_height: env::block_height(),
            at_ms: now,
            actions: fields.actions.iter().map(Action::summary).collect(),
            first_transfer_id,
        };
        self.requests.insert(id, record);
        account.requests.push(id);
        if account.requests.len() > MAX_KEPT_REQUESTS {
            let oldest = account.requests.remove(0);
            self.requests.remove(&oldest);
        }

        // Charge the bytes this request added to the account's stake.
        self.by_wallet.flush();
        self.by_credential.flush();
        self.requests.flush();
        let account_bytes_after = borsh::to_vec(&account)
            .map(|bytes| bytes.len())
            .unwrap_or_default() as i64;
        let delta = env::storage_usage() as i64 - storage_before as i64 + account_bytes_after
            - account_bytes_before;
        account.storage.used_bytes = (account.storage.used_bytes as i64 + delta).max(0) as u64;
        if stake_for(account.storage.used_bytes) > account.storage.paid {
            refuse(
                Code::InsufficientStorageDeposit,
                format!(
                    "This account's storage stake covers {} bytes and the request would bring it to {}: add to it with add_storage_stake.",
                    account.storage.paid / stake_for(1),
                    account.storage.used_bytes
                ),
            );
        }
        self.accounts.insert(account_id.clone(), account);

        // Transfers out: the contract's bounded ring, and one NEP-297 event for the bridge.
        let mut views: Vec<TransferView> = Vec::new();
        for planned in transfers {
            let transfer_id = self.next_transfer_id;
            self.next_transfer_id += 1;
            let transfer = Transfer {
                request_id: id,
                account_id: account_id.clone(),
                asset: planned.asset.clone(),
                amount: planned.amount,
                chain: planned.chain,
                address: planned.address,
                at_ms: now,
                block_height: env::block_height(),
            };
            views.push(transfer_view(transfer_id, &transfer));
            if let Some(market) = self.markets.get_mut(planned.market as usize) {
                market.sent_out = add(market.sent_out, planned.amount);
            }
            self.transfers.insert(transfer_id, transfer);
            if transfer_id >= MAX_KEPT_TRANSFERS {
                self.transfers.remove(&(transfer_id - MAX_KEPT_TRANSFERS));
            }
        }
        crate::events::transfers_out(&views);
        self.flush_all();
        require_contract_can_stake();
        ExecutionOutcome {
            request_id: crate::json::hex(&id),
            account_id,
            block_height: env::block_height(),
            transfers: views,
        }
    }
}

/// 16 bytes of sha256(nonce): what the account keeps of a nonce until its deadline.
pub fn nonce_tag(nonce: &str) -> [u8; 16] {
    let hash = env::sha256_array(nonce.as_bytes());
    let mut tag = [0u8; 16];
    tag.copy_from_slice(&hash[..16]);
    tag
}

pub fn check_fresh_nonce(account: &Account, tag: &[u8; 16], recorded: bool) {
    if recorded || account.nonces.iter().any(|nonce| &nonce.tag == tag) {
        refuse(
            Code::NonceAlreadyUsed,
            "This request was already executed; a replay is refused. Sign a new request.",
        );
    }
}
