//! The markets' arithmetic replayed against the TypeScript contract's, figure for figure.
//! `tests/fixtures.ts` walks the TypeScript contract through seeded sequences (Supply, Repay,
//! Adjust, Borrow, deposits, prices, time from seconds to years, pools empty and full, amounts of
//! one unit and of 10^33) and records every figure after each step; this replays each step here
//! and compares: the markets as stored and as accrued (index, reserves, utilization, rates,
//! totals), each user's raw position and health, the refusal codes, and the views' JSON.

use super::support::*;
use crate::health::health;
use crate::request::proofs::parse_p256_public_key;
use near_sdk::NearToken;
use near_sdk::serde_json::{self, Value, json};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// A fixture's users as this contract knows them.
struct User {
    account_id: String,
    credential_id: String,
    wallet: String,
}

struct Replay {
    contract: crate::Lending,
    assets: Vec<String>,
    users: Vec<User>,
}

fn text(value: &Value) -> &str {
    value
        .as_str()
        .unwrap_or_else(|| panic!("expected a string, got {value}"))
}

fn number(value: &Value) -> u64 {
    value
        .as_u64()
        .unwrap_or_else(|| panic!("expected a number, got {value}"))
}

/// The first place two JSON values differ, as a path, or None when they are equal.
fn first_difference(expected: &Value, actual: &Value, path: &str) -> Option<String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            let keys = e.keys().chain(a.keys().filter(|key| !e.contains_key(*key)));
            keys.into_iter().find_map(|key| {
                let missing = Value::String("<missing>".into());
                first_difference(
                    e.get(key).unwrap_or(&missing),
                    a.get(key).unwrap_or(&missing),
                    &format!("{path}.{key}"),
                )
            })
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => e
            .iter()
            .zip(a)
            .enumerate()
            .find_map(|(index, (e, a))| first_difference(e, a, &format!("{path}[{index}]"))),
        _ if expected == actual => None,
        _ => Some(format!(
            "{path}: the TypeScript has {expected}, Rust {actual}"
        )),
    }
}

impl Replay {
    fn user(&self, step: &Value) -> &User {
        &self.users[number(&step["user"]) as usize]
    }

    fn apply(&mut self, step: &Value) -> String {
        match text(&step["op"]) {
            "create" => {
                let credential_id = text(&step["credentialId"]).to_string();
                let key = parse_p256_public_key(text(&step["publicKey"])).unwrap();
                let account_id = crate::creation::account_id_for(&key, &credential_id);
                assert_eq!(account_id, text(&step["accountId"]), "account id");
                call_as(relayer(), stake());
                self.contract.record_account(
                    &account_id,
                    &credential_id,
                    key,
                    0,
                    stake().as_yoctonear(),
                );
                self.users.push(User {
                    account_id,
                    credential_id,
                    wallet: String::new(),
                });
            }
            "bind" => {
                let index = number(&step["user"]) as usize;
                let address = text(&step["address"]).to_string();
                let user = &self.users[index];
                let (account_id, credential_id) =
                    (user.account_id.clone(), user.credential_id.clone());
                run(
                    &mut self.contract,
                    &account_id,
                    By::Credential(&credential_id),
                    json!([add_wallet(&address)]),
                );
                self.users[index].wallet = address;
            }
            "deposit" => {
                let account_id = self.user(step).account_id.clone();
                call_as(
                    bridge(),
                    NearToken::from_yoctonear(crate::storage::stake_for(
                        crate::storage::DEPOSIT_REF_STAKE_BYTES,
                    )),
                );
                self.contract.deposit(
                    account_id,
                    text(&step["asset"]).into(),
                    text(&step["amount"]).into(),
                    text(&step["chain"]).into(),
                    text(&step["ref"]).into(),
                );
            }
            "price" => {
                call_by(oracle());
                self.contract
                    .set_price(text(&step["asset"]).into(), text(&step["priceUsd"]).into());
            }
            "tick" => tick(number(&step["ms"])),
            "execute" => {
                let user = self.user(step);
                let (account_id, credential_id) =
                    (user.account_id.clone(), user.credential_id.clone());
                let cosigner = step["cosigned"]
                    .as_bool()
                    .unwrap()
                    .then(|| user.wallet.clone());
                let actions = step["actions"].clone();
                let code = refused_code(&self.contract, &account_id, actions.clone());
                if code != "accepted" {
                    return code;
                }
                run_with(
                    &mut self.contract,
                    &account_id,
                    By::Credential(&credential_id),
                    actions,
                    cosigner.as_deref(),
                    &next_nonce(),
                );
            }
            other => panic!("unknown op {other}"),
        }
        "ok".into()
    }

    /// Every figure the fixture records after a step, computed by this contract.
    fn snapshot(&self, outcome: &str, only: Option<usize>) -> Value {
        call_by(relayer());
        let contract = &self.contract;
        let accrued = contract.markets_at(now(), &[]);
        let views = contract.get_markets();
        let mut markets = serde_json::Map::new();
        for symbol in &self.assets {
            let index = contract.market_index(symbol).unwrap() as usize;
            let stored = &contract.markets[index];
            let at_now = &accrued[index];
            markets.insert(
                symbol.clone(),
                json!({
                    "stored": {
                        "cash": stored.cash.to_string(),
                        "totalShares": stored.total_shares.to_string(),
                        "totalDebtScaled": stored.total_debt_scaled.to_string(),
                        "borrowIndex": stored.borrow_index.to_string(),
                        "reserves": stored.reserves.to_string(),
                        "lastAccrualMs": stored.last_accrual_ms,
                        "priceUsd": stored.parameters.price_usd.to_string(),
                    },
                    "accrued": {
                        "borrowIndex": at_now.borrow_index.to_string(),
                        "reserves": at_now.reserves.to_string(),
                        "totalDebt": at_now.total_debt().to_string(),
                        "supplierAssets": at_now.supplier_assets().to_string(),
                        "utilization": at_now.utilization().to_string(),
                        "borrowRate": at_now.borrow_rate_per_year().to_string(),
                        "supplyRate": at_now.supply_rate_per_year().to_string(),
                    },
                    "view": to_json(&views[index]),
                }),
            );
        }
        let users: Vec<Value> = self
            .users
            .iter()
            .enumerate()
            .filter(|(index, _)| only.is_none_or(|only| only == *index))
            .map(|(index, user)| {
                let account = contract.accounts.get(&user.account_id).unwrap();
                let positions: serde_json::Map<String, Value> = account
                    .positions
                    .iter()
                    .map(|(market, position)| {
                        (
                            accrued[*market as usize].symbol().to_string(),
                            json!({
                                "balance": position.balance.to_string(),
                                "supplyShares": position.supply_shares.to_string(),
                                "collateralShares": position.collateral_shares.to_string(),
                                "debtScaled": position.debt_scaled.to_string(),
                            }),
                        )
                    })
                    .collect();
                let standing = health(
                    account
                        .positions
                        .iter()
                        .map(|(market, position)| (position, &accrued[*market as usize])),
                );
                json!({
                    "user": index,
                    "positions": positions,
                    "health": {
                        "collateralUsd": standing.collateral_usd.to_string(),
                        "borrowLimitUsd": standing.borrow_limit_usd.to_string(),
                        "debtUsd": standing.debt_usd.to_string(),
                        "healthFactor": standing.health_factor.map(|factor| factor.to_string()),
                    },
                    "view": to_json(&contract.get_position(user.account_id.clone())),
                })
            })
            .collect();
        json!({ "at": now(), "outcome": outcome, "markets": markets, "users": users })
    }
}

/// The one figure whose domain differs: a raw health factor past u128 (bigints have no bound)
/// is held as u128::MAX here (see `Health`); its view string is still exact.
fn saturated(mut snapshot: Value) -> Value {
    for user in snapshot["users"].as_array_mut().into_iter().flatten() {
        let factor = &mut user["health"]["healthFactor"];
        if factor
            .as_str()
            .is_some_and(|text| text.parse::<u128>().is_err())
        {
            *factor = Value::String(u128::MAX.to_string());
        }
    }
    snapshot
}

/// Replays one fixture and fails at the first figure that differs from the TypeScript's.
fn replay(name: &str) {
    let path = format!("{FIXTURES}/{name}.json");
    let fixture: Value = serde_json::from_str(
        &std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}")),
    )
    .unwrap();
    let assets = fixture["assets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|asset| text(asset).to_string())
        .collect();
    let mut replay = Replay {
        contract: contract(),
        assets,
        users: vec![],
    };
    assert_eq!(number(&fixture["startMs"]), now(), "{name}: start time");
    let steps = fixture["steps"].as_array().unwrap();
    for (index, step) in steps.iter().enumerate() {
        let outcome = replay.apply(step);
        let Some(expected) = step.get("expect") else {
            continue;
        };
        let only = step.get("user").map(|user| number(user) as usize);
        let actual = replay.snapshot(&outcome, only);
        let expected = &saturated(expected.clone());
        if let Some(difference) = first_difference(expected, &actual, "") {
            panic!("{name}, step {index} ({}): {difference}", step["op"]);
        }
    }
}

macro_rules! replays {
    ($($test:ident => $name:literal,)*) => {
        $(
            #[test]
            fn $test() {
                replay($name);
            }
        )*

        #[test]
        fn behavior_every_fixture_is_replayed() {
            let mut committed: Vec<String> = std::fs::read_dir(FIXTURES)
                .unwrap()
                .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|file| file.ends_with(".json"))
                .collect();
            committed.sort();
            let mut replayed = vec![$(format!("{}.json", $name)),*];
            replayed.sort();
            assert_eq!(committed, replayed);
        }
    };
}

replays! {
    behavior_usdc_against_eth_over_minutes_to_months_matches_the_typescript => "usdc-eth-mixed",
    behavior_usdt_against_sol_over_seconds_matches_the_typescript => "usdt-sol-seconds",
    behavior_eth_against_usdc_over_years_matches_the_typescript => "eth-usdc-years",
    behavior_a_sol_pool_lent_out_fully_matches_the_typescript => "sol-usdt-full-pool",
    behavior_near_with_amounts_of_10_to_the_33_matches_the_typescript => "near-huge-amounts",
    behavior_an_xlm_pool_barely_used_matches_the_typescript => "xlm-usdc-empty-pool",
    behavior_amounts_of_a_few_units_match_the_typescript => "usdc-tiny-amounts",
    behavior_all_six_markets_together_match_the_typescript => "all-markets",
    behavior_an_eth_pool_lent_out_for_years_matches_the_typescript => "eth-full-pool-decade",
    behavior_xlm_and_near_under_moving_prices_match_the_typescript => "xlm-near-prices",
}
