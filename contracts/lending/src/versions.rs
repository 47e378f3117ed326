//! State layouts and migration. Version 1 is the layout of the TypeScript contract's single
//! host role: one `owner` set prices and credited deposits. Version 2 splits it into owner
//! (upgrades), oracle (prices) and bridge (deposits) and writes its version first. The
//! collections keep their prefixes across versions, so a migration rewrites only the root.

use crate::chains::asset_decimals;
use crate::config::{ChainId, Config};
use crate::errors::{Code, refuse};
use crate::markets::{Market, MarketParameters};
use crate::state::{Account, RequestRecord, Transfer};
use crate::{Lending, STATE_VERSION};
use near_sdk::borsh::BorshDeserialize;
use near_sdk::store::{LookupMap, LookupSet, Vector, key::Sha256};
use near_sdk::{AccountId, env, near};

#[near(serializers = [borsh])]
pub struct ConfigV1 {
    pub chain_id: ChainId,
    pub owner: AccountId,
    pub rp_id: String,
    pub wallet_origins: Vec<String>,
    pub partner_origins: Vec<String>,
    pub max_deadline_window_ms: u64,
    pub security_period_ms: u64,
}

#[near(serializers = [borsh])]
pub struct LendingV1 {
    pub config: ConfigV1,
    pub markets: Vector<Market>,
    pub accounts: LookupMap<String, Account>,
    pub by_credential: LookupMap<String, String, Sha256>,
    pub retired: LookupSet<String, Sha256>,
    pub by_wallet: LookupMap<String, String, Sha256>,
    pub requests: LookupMap<[u8; 32], RequestRecord>,
    pub deposit_refs: LookupSet<String, Sha256>,
    pub transfers: LookupMap<u64, Transfer>,
    pub next_transfer_id: u64,
}

const STATE_KEY: &[u8] = b"STATE";

fn require_migrator(owner: &str) {
    let caller = env::predecessor_account_id();
    if caller.as_str() != owner && caller != env::current_account_id() {
        refuse(
            Code::Unauthorized,
            format!("Only {owner} (the owner) or the contract account may migrate its state."),
        );
    }
}

pub fn migrate() -> Lending {
    let Some(bytes) = env::storage_read(STATE_KEY) else {
        refuse(
            Code::InvalidConfiguration,
            "There is no state to migrate: call new instead.",
        )
    };
    if let Ok(current) = Lending::try_from_slice(&bytes)
        && current.version == STATE_VERSION
    {
        require_migrator(&current.config.owner);
        refuse(
            Code::InvalidConfiguration,
            format!("The state is already at version {STATE_VERSION}; nothing to migrate."),
        );
    }
    let Ok(old) = LendingV1::try_from_slice(&bytes) else {
        refuse(
            Code::InvalidConfiguration,
            "The stored state is in no layout this version can migrate from.",
        )
    };
    require_migrator(old.config.owner.as_str());
    // Version 1 kept markets in a collection; version 2 keeps them in the root (see `Lending`).
    let mut old_markets = old.markets;
    let markets = old_markets.iter().cloned().collect();
    old_markets.clear();
    old_markets.flush();
    let c = old.config;
    Lending {
        version: STATE_VERSION,
        config: Config {
            chain_id: c.chain_id,
            oracle: c.owner.to_string(),
            bridge: c.owner.to_string(),
            owner: c.owner.into(),
            rp_id: c.rp_id,
            wallet_origins: c.wallet_origins,
            partner_origins: c.partner_origins,
            max_deadline_window_ms: c.max_deadline_window_ms,
            security_period_ms: c.security_period_ms,
        },
        markets,
        accounts: old.accounts,
        by_credential: old.by_credential,
        retired: old.retired,
        by_wallet: old.by_wallet,
        requests: old.requests,
        deposit_refs: old.deposit_refs,
        transfers: old.transfers,
        next_transfer_id: old.next_transfer_id,
    }
}

/// At most this many markets: positions name them by a byte, and health reads each.
pub const MAX_MARKETS: usize = 16;

/// A market the contract may list: a known asset with the protocol's decimals, chains, a price.
pub fn check_market<'a>(parameters: &MarketParameters, mut listed: impl Iterator<Item = &'a str>) {
    let bad = |why: String| -> ! { refuse(Code::InvalidConfiguration, why) };
    match asset_decimals(&parameters.symbol) {
        None => bad(format!(
            "The asset \"{}\" is not one the protocol knows, so no amount of it can be shown or signed.",
            parameters.symbol
        )),
        Some(decimals) if decimals != parameters.decimals => bad(format!(
            "The {} market has {} decimals, but the protocol's asset table (which every wallet message uses) has {decimals}.",
            parameters.symbol, parameters.decimals
        )),
        Some(_) => {}
    }
    if listed.any(|symbol| symbol == parameters.symbol) {
        bad(format!("The {} market is listed twice.", parameters.symbol));
    }
    if parameters.chains.is_empty()
        || parameters.price_usd == 0
        || parameters.collateral_factor_bps > 10_000
        || parameters.reserve_factor_bps > 10_000
    {
        bad(format!(
            "The {} market needs chains, a positive price, and factors of at most 10000 bps.",
            parameters.symbol
        ));
    }
}

/// A USD price as the oracle writes it: `^(0|[1-9][0-9]{0,15})(\.[0-9]{1,8})?$`, above zero.
pub fn parse_price(text: &str) -> u128 {
    let invalid = || -> ! {
        refuse(
            Code::InvalidRequest,
            "The argument price_usd is missing or malformed.",
        )
    };
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let whole_ok = !whole.is_empty()
        && whole.len() <= 16
        && digits(whole)
        && (whole == "0" || !whole.starts_with('0'));
    let fraction_ok =
        (!text.contains('.') || !fraction.is_empty()) && fraction.len() <= 8 && digits(fraction);
    if !whole_ok || !fraction_ok {
        invalid();
    }
    let price = whole.parse::<u128>().unwrap_or_else(|_| invalid()) * 100_000_000
        + format!("{fraction:0<8}")
            .parse::<u128>()
            .unwrap_or_else(|_| invalid());
    if price == 0 {
        refuse(Code::InvalidRequest, "A price must be greater than zero.");
    }
    price
}
