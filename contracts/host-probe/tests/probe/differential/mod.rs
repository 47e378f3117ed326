//! The differential test's nearcore side: every call of `cases.rs` on the built probe wasm
//! (`contracts/dist/host_probe.wasm`, from `pnpm build`) under nearcore's own runner, written
//! with what nearcore answered to `contracts/target/differential/host-probe.json`. The devnet's
//! `test/differential.test.ts` runs the same calls on the same wasm through the local runtime and
//! compares: results, logs, errors, storage and receipts exactly, the gas of each host-function
//! cost exactly, the total within the tolerance docs/contracts.md justifies.

mod cases;
mod external;
mod nearcore;

use crate::support::{call_by_alice, start};
use cases::{Expect, PROTOCOL_VERSION};
use near_sdk::serde_json::{self, Value, json};
use std::path::PathBuf;

fn contracts_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn built_probe() -> (PathBuf, Vec<u8>) {
    let path = contracts_dir().join("dist/host_probe.wasm");
    let wasm = std::fs::read(&path).unwrap_or_else(|error| {
        panic!(
            "{} cannot be read ({error}): run `pnpm build` first; the differential test runs the built wasm",
            path.display()
        )
    });
    (path, wasm)
}

/// The return value as JSON, when it is a value.
fn returned_json(outcome: &Value) -> Option<Value> {
    let hex_text = outcome["returnData"]["valueHex"].as_str()?;
    serde_json::from_slice(&hex::decode(hex_text).unwrap()).ok()
}

fn check_expectation(name: &str, expect: &Expect, outcome: &Value) {
    let error = outcome["error"]["message"].as_str();
    match expect {
        Expect::FailsWith(text) => assert!(
            error.is_some_and(|message| message.contains(text)),
            "{name}: nearcore answered {outcome}, not a failure with {text:?}"
        ),
        Expect::ReturnsNothing => {
            assert!(error.is_none(), "{name}: nearcore failed: {error:?}");
            assert_eq!(outcome["returnData"]["kind"], "none", "{name}");
        }
        Expect::Returns(value) => {
            assert!(error.is_none(), "{name}: nearcore failed: {error:?}");
            if let Some(value) = value {
                assert_eq!(returned_json(outcome).as_ref(), Some(value), "{name}");
            }
        }
    }
}

#[test]
fn behavior_each_differential_call_runs_under_nearcores_runner_and_is_written_for_the_devnet() {
    // Some cases' arguments are digests computed through the probe's own hash methods.
    start(&call_by_alice());
    let (wasm_path, wasm) = built_probe();
    let calls = cases::all();
    let wasm_sha256 = hex::encode(near_sdk::env::sha256_array(&wasm));
    let runner = nearcore::Runner::new(wasm);
    let mut names = std::collections::HashSet::new();
    let reports: Vec<Value> = calls
        .iter()
        .map(|call| {
            assert!(
                names.insert(call.name),
                "two cases are named {:?}",
                call.name
            );
            let outcome = runner.run(call);
            check_expectation(call.name, &call.expect, &outcome);
            json!({ "call": call.json(), "nearcore": outcome })
        })
        .collect();
    let report = json!({
        "protocolVersion": PROTOCOL_VERSION,
        "runner": "near-vm-runner 0.38 (Wasmtime), parameters from near-parameters 0.38",
        "wasm": wasm_path.canonicalize().unwrap(),
        "wasmSha256": wasm_sha256,
        "cases": reports,
    });
    let out = contracts_dir().join("target/differential");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(
        out.join("host-probe.json"),
        serde_json::to_string_pretty(&report).unwrap(),
    )
    .unwrap();
}
