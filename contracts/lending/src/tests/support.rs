//! The mocked chain every test starts from, and helpers that act as the wallet would.

use crate::Lending;
use crate::chains::Chain;
use crate::config::{ChainId, ConfigArgs};
use crate::request::envelope::parse_request;
use crate::signers::{Verified, VerifiedBinding, VerifiedSigner};
use crate::views::{CreatedAccount, ExecutionOutcome};
use near_sdk::test_utils::VMContextBuilder;
use near_sdk::{AccountId, NearToken, serde_json, testing_env};
use serde_json::{Value, json};
use std::cell::Cell;

pub const START_MS: u64 = 1_800_000_000_000;
pub const WALLET_ORIGIN: &str = "http://localhost:5174";
pub const PARTNER: &str = "http://127.0.0.1:5173";
pub const SECURITY_PERIOD_MS: u64 = 48 * 60 * 60 * 1000;
pub const EVM_A: &str = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
pub const EVM_B: &str = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359";
pub const EVM_C: &str = "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB";

pub fn id(text: &str) -> AccountId {
    text.parse().unwrap()
}

pub fn contract_id() -> AccountId {
    id("lending.devnet")
}
pub fn owner() -> AccountId {
    id("owner.devnet")
}
pub fn oracle() -> AccountId {
    id("oracle.devnet")
}
pub fn bridge() -> AccountId {
    id("bridge.devnet")
}
pub fn relayer() -> AccountId {
    id("relayer.devnet")
}

thread_local! {
    static NOW_MS: Cell<u64> = const { Cell::new(START_MS) };
    static HEIGHT: Cell<u64> = const { Cell::new(1) };
    static NONCES: Cell<u64> = const { Cell::new(0) };
    /// Whether a context was set in this test: from then on each call starts at the storage
    /// usage the previous one left (near-sdk's builder would reset it).
    static STARTED: Cell<bool> = const { Cell::new(false) };
}

pub fn now() -> u64 {
    NOW_MS.with(Cell::get)
}

pub fn tick(ms: u64) {
    NOW_MS.with(|now| now.set(now.get() + ms));
}

/// A context at the test's clock, called by `caller` with `deposit` attached. Storage and
/// logs carry over from earlier calls of the test.
pub fn call_as(caller: AccountId, deposit: NearToken) {
    let height = HEIGHT.with(|h| {
        h.set(h.get() + 1);
        h.get()
    });
    let usage = if STARTED.with(Cell::get) {
        near_sdk::env::storage_usage()
    } else {
        10_000
    };
    STARTED.with(|started| started.set(true));
    let mut context = VMContextBuilder::new();
    context
        .storage_usage(usage)
        .current_account_id(contract_id())
        .predecessor_account_id(caller.clone())
        .signer_account_id(caller)
        .block_timestamp(now() * 1_000_000)
        .block_height(height)
        .attached_deposit(deposit)
        .account_balance(NearToken::from_near(100))
        .prepaid_gas(near_sdk::Gas::from_tgas(300));
    testing_env!(context.build());
}

pub fn call_by(caller: AccountId) {
    call_as(caller, NearToken::from_yoctonear(0));
}

pub fn config_args() -> ConfigArgs {
    serde_json::from_value(json!({
        "chainId": "devnet",
        "owner": "owner.devnet",
        "oracle": "oracle.devnet",
        "bridge": "bridge.devnet",
        "rpId": "localhost",
        "walletOrigins": [WALLET_ORIGIN],
        "maxDeadlineWindowMs": 3_600_000,
        "partnerOrigins": [PARTNER],
        "securityPeriodMs": SECURITY_PERIOD_MS,
    }))
    .unwrap()
}

pub fn contract() -> Lending {
    call_by(owner());
    let _ = ChainId::Devnet;
    Lending::new(config_args(), None)
}

/// A 33-byte compressed key, distinct per seed (its curve membership is the host's to check).
pub fn public_key(seed: u8) -> [u8; 33] {
    let mut key = [seed; 33];
    key[0] = 2;
    key
}

pub fn credential(seed: u8) -> String {
    format!("cred{seed:0>20}")
}

pub fn p256_text(seed: u8) -> String {
    crate::request::proofs::format_p256_public_key(&public_key(seed))
}

/// An account as create_account records it once its passkey proved possession.
pub fn create(contract: &mut Lending, seed: u8) -> String {
    call_as(relayer(), stake());
    let account_id = crate::creation::account_id_for(&public_key(seed), &credential(seed));
    let created: CreatedAccount = contract.record_account(
        &account_id,
        &credential(seed),
        public_key(seed),
        0,
        stake().as_yoctonear(),
    );
    assert!(created.created);
    account_id
}

pub fn stake() -> NearToken {
    NearToken::from_yoctonear(crate::storage::stake_for(
        crate::storage::ACCOUNT_STAKE_BYTES,
    ))
}

pub fn next_nonce() -> String {
    NONCES.with(|n| {
        n.set(n.get() + 1);
        format!("{:0>43}", n.get())
    })
}

/// A payload as the wallet encodes it.
pub fn payload(
    account_id: &str,
    signer: Value,
    nonce: &str,
    deadline: u64,
    actions: Value,
) -> String {
    json!({
        "domain": "crosschain-lending/request/v2",
        "chainId": "devnet",
        "contractId": "lending.devnet",
        "accountId": account_id,
        "site": PARTNER,
        "signer": signer,
        "nonce": nonce,
        "deadline": deadline,
        "actions": actions,
    })
    .to_string()
}

pub fn passkey_signer(seed: u8) -> Value {
    credential_signer(&credential(seed))
}

pub fn credential_signer(credential_id: &str) -> Value {
    json!({ "type": "passkey", "credentialId": credential_id })
}

pub fn wallet_signer(address: &str) -> Value {
    json!({ "type": "wallet", "chain": "evm", "address": address })
}

/// Who signs a test request, as verification would have established it.
pub enum By<'a> {
    Passkey(u8),
    PasskeyCount(u8, u32),
    /// A passkey by its credential id (an account created from another contract's fixture).
    Credential(&'a str),
    Wallet(&'a str),
}

/// Applies a request as `execute` does once its proofs verified; panics with its refusal.
pub fn run(contract: &mut Lending, account_id: &str, by: By, actions: Value) -> ExecutionOutcome {
    run_with(contract, account_id, by, actions, None, &next_nonce())
}

pub fn run_with(
    contract: &mut Lending,
    account_id: &str,
    by: By,
    actions: Value,
    cosigner: Option<&str>,
    nonce: &str,
) -> ExecutionOutcome {
    call_by(relayer());
    let (signer_json, signer) = match by {
        By::Passkey(seed) => (
            passkey_signer(seed),
            VerifiedSigner::Passkey {
                credential_id: credential(seed),
                sign_count: 0,
            },
        ),
        By::PasskeyCount(seed, count) => (
            passkey_signer(seed),
            VerifiedSigner::Passkey {
                credential_id: credential(seed),
                sign_count: count,
            },
        ),
        By::Credential(id) => (
            credential_signer(id),
            VerifiedSigner::Passkey {
                credential_id: id.to_string(),
                sign_count: 0,
            },
        ),
        By::Wallet(address) => (
            wallet_signer(address),
            VerifiedSigner::Wallet {
                chain: Chain::Evm,
                address: address.to_string(),
            },
        ),
    };
    let text = payload(
        account_id,
        signer_json,
        nonce,
        now() + 5 * 60 * 1000,
        actions,
    );
    let fields = parse_request(&text).unwrap();
    let bindings = fields
        .actions
        .iter()
        .enumerate()
        .filter_map(|(index, action)| match action {
            crate::Action::AddWallet { wallet, .. } => Some((
                index,
                VerifiedBinding {
                    chain: wallet.chain,
                    address: wallet.address.clone(),
                    public_key: None,
                },
            )),
            _ => None,
        })
        .collect();
    let verified = Verified {
        signer,
        cosigner: cosigner.map(|address| (Chain::Evm, address.to_string())),
        bindings,
    };
    contract.apply_verified(&text, &fields, verified)
}

pub fn add_wallet(address: &str) -> Value {
    json!({ "type": "add_wallet", "wallet": { "chain": "evm", "address": address }, "proof": { "message": "bind", "signature": "0x00" } })
}

/// Binds an EVM wallet with the account's passkey `seed`.
pub fn bind(contract: &mut Lending, account_id: &str, seed: u8, address: &str) {
    run(
        contract,
        account_id,
        By::Passkey(seed),
        json!([add_wallet(address)]),
    );
}

pub fn deposit(
    contract: &mut Lending,
    account_id: &str,
    asset: &str,
    amount: &str,
    reference: &str,
) {
    call_as(
        bridge(),
        NearToken::from_yoctonear(crate::storage::stake_for(
            crate::storage::DEPOSIT_REF_STAKE_BYTES,
        )),
    );
    let chain = if asset == "SOL" { "solana" } else { "evm" };
    contract.deposit(
        account_id.into(),
        asset.into(),
        amount.into(),
        chain.into(),
        reference.into(),
    );
}

/// A user with a bound wallet (EVM_A, its first) and 2 ETH and 1000 USDC deposited.
pub fn funded_user(contract: &mut Lending, seed: u8) -> String {
    let account_id = create(contract, seed);
    bind(contract, &account_id, seed, EVM_A);
    deposit(
        contract,
        &account_id,
        "ETH",
        "2000000000000000000",
        &format!("eth-{seed}"),
    );
    deposit(
        contract,
        &account_id,
        "USDC",
        "1000000000",
        &format!("usdc-{seed}"),
    );
    account_id
}

/// Another user who supplies 100,000 USDC, so there is liquidity to borrow.
pub fn liquidity(contract: &mut Lending) {
    let lender = create(contract, 200);
    bind(contract, &lender, 200, EVM_C);
    deposit(contract, &lender, "USDC", "100000000000", "lender");
    run(
        contract,
        &lender,
        By::Passkey(200),
        json!([{ "type": "supply", "asset": "USDC", "amount": "100000000000", "collateral": false }]),
    );
}

pub fn supply(asset: &str, amount: &str, collateral: bool) -> Value {
    json!({ "type": "supply", "asset": asset, "amount": amount, "collateral": collateral })
}

pub fn borrow(asset: &str, amount: &str, address: &str) -> Value {
    json!({ "type": "borrow", "asset": asset, "amount": amount, "recipient": { "chain": "evm", "address": address } })
}

/// The code a refused preview-style run returns.
pub fn refused_code(contract: &Lending, account_id: &str, actions: Value) -> String {
    call_by(relayer());
    let actions: Vec<crate::Action> = serde_json::from_value(actions).unwrap();
    let preview = contract.preview(account_id.into(), actions);
    preview
        .error
        .map(|error| error.code)
        .unwrap_or_else(|| "accepted".into())
}

pub fn to_json<T: near_sdk::serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

/// Runs `call`, which must be refused with `code`, and returns the refusal's message. Unlike
/// `#[should_panic]`, the test goes on: it can check that the refusal changed nothing, or try the
/// next mutation. A panic without that code (a bug, not a refusal) fails the test.
pub fn assert_refused(code: &str, call: impl FnOnce()) -> String {
    let silent = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(call));
    std::panic::set_hook(silent);
    let Err(payload) = outcome else {
        panic!("expected a refusal with {code}, but the call was accepted")
    };
    let text = payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|text| text.to_string()))
        .unwrap_or_default();
    // near-sdk's mocked host reports `env::panic_str` as `HostError(GuestPanic { panic_msg: "…" })`.
    let refusal = text
        .split_once("panic_msg: \"")
        .and_then(|(_, rest)| rest.rsplit_once("\" })"))
        .map_or(text.clone(), |(message, _)| message.replace("\\\"", "\""));
    match refusal
        .strip_prefix(code)
        .and_then(|rest| rest.strip_prefix(": "))
    {
        Some(message) => message.to_string(),
        None => panic!("expected a refusal with {code}, got {text:?}"),
    }
}

/// `run` by `by` on `account_id`, which must be refused with `code` and a message starting
/// with `message`: the shape most refusal tests share.
pub fn assert_run_refused(
    contract: &mut Lending,
    account_id: &str,
    by: By,
    actions: Value,
    code: &str,
    message: &str,
) {
    let refusal = assert_refused(code, || {
        run(contract, account_id, by, actions);
    });
    assert!(refusal.starts_with(message), "{code}: {refusal}");
}
