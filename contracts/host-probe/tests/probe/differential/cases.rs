//! The calls the differential test makes, each under nearcore's runner here and under the local
//! chain's runtime in `packages/devnet/test/differential.test.ts`, which reads them back from the
//! report. Each names what nearcore must answer, so this side fails too when a case stops
//! exercising what it was written for.

use crate::crypto_signatures::{
    EIP155_SIGNATURE, EIP155_SIGNING_HASH, SEP53_ADDRESS, SEP53_CASES, chrome_assertions,
    high_s_twin, sep53_digest, stellar_account_key,
};
use near_sdk::serde_json::{Value, json};

/// The protocol version whose parameters both runtimes charge (`protocol-parameters.ts`).
pub const PROTOCOL_VERSION: u32 = 88;
const TGAS: u64 = 1_000_000_000_000;
const NEAR: u128 = 1_000_000_000_000_000_000_000_000;
/// What a view may burn at this protocol version (`max_gas_burnt_view`); a view's prepaid gas.
const VIEW_GAS: u64 = 1_000 * TGAS;
const PROBE: &str = "probe.test.near";

/// nearcore's `VMContext`, in the fields a case sets.
#[derive(Clone)]
pub struct ContextFields {
    pub current_account_id: String,
    pub signer_account_id: String,
    /// Borsh `PublicKey`: key type 0 (Ed25519), then the 32 key bytes.
    pub signer_account_pk: Vec<u8>,
    pub predecessor_account_id: String,
    pub block_height: u64,
    pub block_timestamp_ns: u64,
    pub epoch_height: u64,
    pub account_balance: u128,
    pub account_locked_balance: u128,
    pub storage_usage: u64,
    pub attached_deposit: u128,
    pub prepaid_gas: u64,
    pub random_seed: [u8; 32],
    pub is_view: bool,
}

/// What nearcore must answer for the case to test what it says.
pub enum Expect {
    /// Success with this return value (JSON); with any value, or a promise, when `None`.
    Returns(Option<Value>),
    /// Success with no return value.
    ReturnsNothing,
    /// Failure whose message contains this text.
    FailsWith(&'static str),
}

pub struct Call {
    pub name: &'static str,
    pub method: &'static str,
    pub args: String,
    pub context: ContextFields,
    /// The account's storage before the call.
    pub storage: Vec<(Vec<u8>, Vec<u8>)>,
    /// `promise_result`s: `Some(bytes)` succeeded with them, `None` failed.
    pub promise_results: Vec<Option<Vec<u8>>>,
    pub expect: Expect,
}

impl Call {
    pub fn json(&self) -> Value {
        let context = &self.context;
        json!({
            "name": self.name,
            "method": self.method,
            "args": self.args,
            "context": {
                "currentAccountId": context.current_account_id,
                "signerAccountId": context.signer_account_id,
                "signerAccountPkHex": hex::encode(&context.signer_account_pk),
                "predecessorAccountId": context.predecessor_account_id,
                "blockHeight": context.block_height.to_string(),
                "blockTimestampNs": context.block_timestamp_ns.to_string(),
                "epochHeight": context.epoch_height.to_string(),
                "accountBalance": context.account_balance.to_string(),
                "accountLockedBalance": context.account_locked_balance.to_string(),
                "storageUsage": context.storage_usage,
                "attachedDeposit": context.attached_deposit.to_string(),
                "prepaidGas": context.prepaid_gas,
                "randomSeedHex": hex::encode(context.random_seed),
                "isView": context.is_view,
            },
            "storage": self.storage.iter().map(|(key, value)| [hex::encode(key), hex::encode(value)]).collect::<Vec<_>>(),
            "promiseResults": self.promise_results.iter().map(|result| match result {
                Some(bytes) => json!({ "status": "successful", "dataHex": hex::encode(bytes) }),
                None => json!({ "status": "failed" }),
            }).collect::<Vec<_>>(),
        })
    }
}

/// A function call by alice on the probe with 300 Tgas (NEAR's usual limit per call).
fn by_alice() -> ContextFields {
    let mut signer_account_pk = vec![0u8];
    signer_account_pk.extend((1..=32).collect::<Vec<u8>>());
    ContextFields {
        current_account_id: PROBE.into(),
        signer_account_id: "alice.test.near".into(),
        signer_account_pk,
        predecessor_account_id: "alice.test.near".into(),
        block_height: 1_234,
        block_timestamp_ns: 1_764_633_600_123_456_789,
        epoch_height: 17,
        account_balance: 10 * NEAR,
        account_locked_balance: 0,
        storage_usage: 1_000,
        attached_deposit: 0,
        prepaid_gas: 300 * TGAS,
        random_seed: [0xab; 32],
        is_view: false,
    }
}

fn view() -> ContextFields {
    ContextFields {
        is_view: true,
        prepaid_gas: VIEW_GAS,
        ..by_alice()
    }
}

/// The probe calling itself (its own receipts: `#[private]` methods and callbacks).
fn by_probe() -> ContextFields {
    ContextFields {
        predecessor_account_id: PROBE.into(),
        ..by_alice()
    }
}

fn call(name: &'static str, method: &'static str, args: Value, expect: Expect) -> Call {
    Call {
        name,
        method,
        args: args.to_string(),
        context: by_alice(),
        storage: vec![],
        promise_results: vec![],
        expect,
    }
}

fn returns(value: Value) -> Expect {
    Expect::Returns(Some(value))
}

fn with_context(mut call: Call, context: ContextFields) -> Call {
    call.context = context;
    call
}

fn with_storage(mut call: Call, entries: &[(&[u8], &[u8])]) -> Call {
    call.storage = entries
        .iter()
        .map(|(key, value)| (key.to_vec(), value.to_vec()))
        .collect();
    call
}

/// The probe's borsh state (its counter) under near-sdk's `STATE` key.
const STATE_41: (&[u8], &[u8]) = (b"STATE", &[41, 0, 0, 0, 0, 0, 0, 0]);

fn hex_of(text: &str) -> String {
    hex::encode(text)
}

fn storage_cases() -> Vec<Call> {
    let colour: &[(&[u8], &[u8])] = &[(b"colour", b"blue")];
    vec![
        call(
            "write_value: a new key",
            "write_value",
            json!({ "key": "colour", "value": "blue" }),
            returns(json!(false)),
        ),
        with_storage(
            call(
                "write_value: an overwrite evicts the old value",
                "write_value",
                json!({ "key": "colour", "value": "green" }),
                returns(json!(true)),
            ),
            colour,
        ),
        with_storage(
            with_context(
                call(
                    "read_value: a present key, in a view",
                    "read_value",
                    json!({ "key": "colour" }),
                    returns(json!("blue")),
                ),
                view(),
            ),
            colour,
        ),
        with_context(
            call(
                "read_value: an absent key, in a view",
                "read_value",
                json!({ "key": "colour" }),
                returns(Value::Null),
            ),
            view(),
        ),
        with_storage(
            call(
                "remove_value: a present key",
                "remove_value",
                json!({ "key": "colour" }),
                returns(json!(true)),
            ),
            colour,
        ),
        call(
            "remove_value: an absent key",
            "remove_value",
            json!({ "key": "colour" }),
            returns(json!(false)),
        ),
        with_storage(
            with_context(
                call(
                    "has_value: in a view",
                    "has_value",
                    json!({ "key": "colour" }),
                    returns(json!(true)),
                ),
                view(),
            ),
            colour,
        ),
        call(
            "increment: from the default state",
            "increment",
            json!({}),
            returns(json!(1)),
        ),
        with_storage(
            call(
                "increment: from a stored counter",
                "increment",
                json!({}),
                returns(json!(42)),
            ),
            &[STATE_41],
        ),
        with_storage(
            with_context(
                call(
                    "get_counter: in a view",
                    "get_counter",
                    json!({}),
                    returns(json!(41)),
                ),
                view(),
            ),
            &[STATE_41],
        ),
        with_storage(
            call(
                "write_then_fail: the panic after a write",
                "write_then_fail",
                json!({ "key": "colour", "value": "red" }),
                Expect::FailsWith("the write must not persist"),
            ),
            colour,
        ),
        with_context(
            call(
                "error: write_value in a view",
                "write_value",
                json!({ "key": "colour", "value": "blue" }),
                Expect::FailsWith("storage_write is not allowed in view calls"),
            ),
            view(),
        ),
        with_context(
            call(
                "error: remove_value in a view",
                "remove_value",
                json!({ "key": "colour" }),
                Expect::FailsWith("storage_remove is not allowed in view calls"),
            ),
            view(),
        ),
    ]
}

fn log_and_panic_cases() -> Vec<Call> {
    vec![
        call(
            "echo: nested JSON",
            "echo",
            json!({ "value": { "nested": [1, "two", { "three": null }], "big": "340282366920938463463374607431768211455", "text": "ü𝄞" } }),
            returns(
                json!({ "nested": [1, "two", { "three": null }], "big": "340282366920938463463374607431768211455", "text": "ü𝄞" }),
            ),
        ),
        call(
            "log_text: UTF-8",
            "log_text",
            json!({ "message": "plain ✓ text" }),
            Expect::ReturnsNothing,
        ),
        call(
            "log_text_utf16: a surrogate pair",
            "log_text_utf16",
            json!({ "message": "héllo 𝄞" }),
            Expect::ReturnsNothing,
        ),
        call(
            "emit_event: a NEP-297 event",
            "emit_event",
            json!({ "note": "first" }),
            Expect::ReturnsNothing,
        ),
        call(
            "fail_with_message: a guest panic",
            "fail_with_message",
            json!({ "message": "refused: ✗ on purpose" }),
            Expect::FailsWith("Smart contract panicked: refused: ✗ on purpose"),
        ),
        call(
            "fail_with_rust_panic: near-sdk's panic hook",
            "fail_with_rust_panic",
            json!({}),
            Expect::FailsWith("host-probe: a Rust panic on purpose"),
        ),
        call(
            "error: a method the probe does not have",
            "no_such_method",
            json!({}),
            Expect::FailsWith("MethodNotFound"),
        ),
        Call {
            args: "{not json".into(),
            ..call(
                "error: arguments that are not JSON",
                "echo",
                json!({}),
                Expect::FailsWith("Failed to deserialize input from JSON"),
            )
        },
        with_context(
            call(
                "error: a deposit on a method that takes none",
                "increment",
                json!({}),
                Expect::FailsWith("doesn't accept deposit"),
            ),
            ContextFields {
                attached_deposit: 1,
                ..by_alice()
            },
        ),
    ]
}

fn context_cases() -> Vec<Call> {
    let relayed = ContextFields {
        signer_account_id: "relayer.test.near".into(),
        attached_deposit: 5_000_000_000_000_000_000_000,
        account_locked_balance: 2 * NEAR,
        ..by_alice()
    };
    vec![
        with_context(
            call(
                "read_view_context: in a view",
                "read_view_context",
                json!({}),
                Expect::Returns(None),
            ),
            view(),
        ),
        // Its result carries `used_gas`, so it matches only if every gas charge before that read does.
        with_context(
            call(
                "read_call_context: a relayed call with a deposit",
                "read_call_context",
                json!({}),
                Expect::Returns(None),
            ),
            relayed,
        ),
        with_context(
            call(
                "error: read_call_context in a view",
                "read_call_context",
                json!({}),
                Expect::FailsWith("predecessor_account_id is not allowed in view calls"),
            ),
            view(),
        ),
    ]
}

fn hash_cases() -> Vec<Call> {
    let long = hex_of(&"the quick brown fox ".repeat(10));
    vec![
        call(
            "hash_sha256: abc",
            "hash_sha256",
            json!({ "data": hex_of("abc") }),
            returns(json!(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
            )),
        ),
        call(
            "hash_sha256: 200 bytes",
            "hash_sha256",
            json!({ "data": long }),
            Expect::Returns(None),
        ),
        call(
            "hash_keccak256: abc",
            "hash_keccak256",
            json!({ "data": hex_of("abc") }),
            returns(json!(
                "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"
            )),
        ),
        call(
            "hash_keccak256: 200 bytes",
            "hash_keccak256",
            json!({ "data": long }),
            Expect::Returns(None),
        ),
        call(
            "hash_keccak512: empty",
            "hash_keccak512",
            json!({ "data": "" }),
            returns(json!(
                "0eab42de4c3ceb9235fc91acffe746b29c29a8c366b7c60e4e67c466f36a4304c00fa9caf9d87976ba469bcbe06713b435f091ef2769fb160cdab33d3670680e"
            )),
        ),
        call(
            "hash_ripemd160: 200 bytes (several blocks)",
            "hash_ripemd160",
            json!({ "data": long }),
            Expect::Returns(None),
        ),
        call(
            "error: data that is not hex",
            "hash_sha256",
            json!({ "data": "0xab" }),
            Expect::FailsWith("data: not hex"),
        ),
    ]
}

fn signature_cases() -> Vec<Call> {
    let assertions = chrome_assertions();
    let low_s = assertions.iter().find(|case| !case.high_s).unwrap();
    let high_s = assertions.iter().find(|case| case.high_s).unwrap();
    let p256 = |signature: &str, digest: &str, key: &str| json!({ "signature": signature, "digest": digest, "public_key": key });
    let mut tampered = hex::decode(&low_s.digest).unwrap();
    tampered[31] ^= 1;
    let key = stellar_account_key(SEP53_ADDRESS);
    let (message, signature) = SEP53_CASES[0];
    let ed25519 =
        |digest: String| json!({ "signature": signature, "message": digest, "public_key": key });
    let secp = |signature: String, v: u8, flag: bool| json!({ "hash": EIP155_SIGNING_HASH, "signature": signature, "v": v, "malleability_flag": flag });
    let uncompressed = format!("04{}{}", &low_s.public_key[2..], "00".repeat(32));
    vec![
        call(
            "verify_p256: a Chrome assertion (low S)",
            "verify_p256",
            p256(&low_s.signature, &low_s.digest, &low_s.public_key),
            returns(json!(true)),
        ),
        call(
            "verify_p256: a Chrome assertion (high S)",
            "verify_p256",
            p256(&high_s.signature, &high_s.digest, &high_s.public_key),
            returns(json!(true)),
        ),
        call(
            "verify_p256: another digest",
            "verify_p256",
            p256(&low_s.signature, &hex::encode(tampered), &low_s.public_key),
            returns(json!(false)),
        ),
        call(
            "error: verify_p256 with an uncompressed key",
            "verify_p256",
            p256(&low_s.signature, &low_s.digest, &uncompressed),
            Expect::FailsWith("public_key: expected 33 bytes, got 65"),
        ),
        with_context(
            call(
                "error: verify_p256 with 1 Tgas prepaid",
                "verify_p256",
                p256(&low_s.signature, &low_s.digest, &low_s.public_key),
                Expect::FailsWith("Exceeded the prepaid gas"),
            ),
            ContextFields {
                prepaid_gas: TGAS,
                ..by_alice()
            },
        ),
        call(
            "verify_ed25519: a SEP-53 case",
            "verify_ed25519",
            ed25519(sep53_digest(message)),
            returns(json!(true)),
        ),
        call(
            "verify_ed25519: another message",
            "verify_ed25519",
            ed25519(sep53_digest(b"Hello, World?")),
            returns(json!(false)),
        ),
        call(
            "recover_secp256k1: EIP-155's signer",
            "recover_secp256k1",
            secp(EIP155_SIGNATURE.into(), 0, true),
            Expect::Returns(None),
        ),
        call(
            "recover_secp256k1: the high-S twin, refused when asked",
            "recover_secp256k1",
            secp(high_s_twin(EIP155_SIGNATURE), 1, true),
            returns(Value::Null),
        ),
        call(
            "recover_secp256k1: the high-S twin, recovered otherwise",
            "recover_secp256k1",
            secp(high_s_twin(EIP155_SIGNATURE), 1, false),
            Expect::Returns(None),
        ),
    ]
}

fn promise_cases() -> Vec<Call> {
    let callback = |name: &'static str, result: Option<Vec<u8>>, expect: Expect| Call {
        promise_results: vec![result],
        ..with_context(call(name, "on_call_result", json!({}), expect), by_probe())
    };
    vec![
        with_context(
            call(
                "send_transfer: from the probe itself",
                "send_transfer",
                json!({ "receiver_id": "bob.test.near", "amount": "250000000000000000000000" }),
                Expect::Returns(None),
            ),
            by_probe(),
        ),
        call(
            "error: send_transfer by another account",
            "send_transfer",
            json!({ "receiver_id": "bob.test.near", "amount": "1" }),
            Expect::FailsWith("Method send_transfer is private"),
        ),
        call(
            "call_with_callback: a call, then the probe",
            "call_with_callback",
            json!({ "receiver_id": "bob.test.near", "method_name": "echo", "args": "{\"value\":\"ping\"}" }),
            Expect::Returns(None),
        ),
        callback(
            "on_call_result: a successful call",
            Some(br#""ping""#.to_vec()),
            returns(json!({ "promise_results_count": 1, "succeeded": true, "value": "\"ping\"" })),
        ),
        callback(
            "on_call_result: a failed call",
            None,
            returns(json!({ "promise_results_count": 1, "succeeded": false, "value": null })),
        ),
        callback(
            "error: on_call_result with a result over 16 KiB",
            Some(vec![b'x'; 16 * 1024 + 1]),
            Expect::FailsWith("16385 bytes, more than 16384"),
        ),
    ]
}

pub fn all() -> Vec<Call> {
    [
        storage_cases(),
        log_and_panic_cases(),
        context_cases(),
        hash_cases(),
        signature_cases(),
        promise_cases(),
    ]
    .into_iter()
    .flatten()
    .collect()
}
