//! One call of the built probe wasm under nearcore's own runner: near-vm-runner's Wasmtime VM
//! (its preparation, finite-wasm gas instrumentation and host functions) with the protocol's
//! parameters from near-parameters, against near-vm-runner's `MockedExternal` as the account's
//! storage (with the storage charges of nearcore's real External: `external.rs`). What it reports is `VMOutcome`, before the runtime around the VM acts on it (gas
//! distribution to weighted calls, the storage-stake check, rolling back a failed receipt).

use super::cases::{Call, ContextFields, PROTOCOL_VERSION};
use super::external::ChargingExternal;
use near_parameters::{RuntimeConfig, RuntimeConfigStore};
use near_primitives_core::account::AccountContract;
use near_primitives_core::config::ViewConfig;
use near_primitives_core::types::{Balance, Gas};
use near_sdk::serde_json::{Map, Value, json};
use near_vm_runner::logic::mocks::mock_external::{MockAction, MockedExternal};
use near_vm_runner::logic::types::PromiseResult;
use near_vm_runner::logic::{ReturnData, VMContext, VMOutcome};
use near_vm_runner::{ContractCode, MockContractRuntimeCache, prepare, run};
use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::Arc;

/// nearcore's runner for one contract at the protocol version of the cases; the contract is
/// compiled once (the cache) and run on a fresh External per call.
pub struct Runner {
    config: Arc<RuntimeConfig>,
    code: ContractCode,
    cache: MockContractRuntimeCache,
}

impl Runner {
    pub fn new(wasm: Vec<u8>) -> Self {
        let config = RuntimeConfigStore::new(None)
            .get_config(PROTOCOL_VERSION)
            .clone();
        Self {
            config,
            code: ContractCode::new(wasm, None),
            cache: MockContractRuntimeCache::default(),
        }
    }

    /// What nearcore reported for one call, as JSON the devnet's differential test reads.
    pub fn run(&self, call: &Call) -> Value {
        let wasm_config = self.config.wasm_config.clone();
        let mut external = ChargingExternal(MockedExternal::with_code(self.code.clone_for_tests()));
        external.0.fake_trie = call.storage.iter().cloned().collect();
        let context = vm_context(call);
        let gas_counter = context.make_gas_counter(&wasm_config);
        let prepared = prepare(
            &external.0,
            wasm_config,
            Some(&self.cache),
            gas_counter,
            call.method,
        );
        let outcome = run(prepared, &mut external, &context, self.config.fees.clone())
            .unwrap_or_else(|error| panic!("{}: nearcore's runner failed: {error:?}", call.name));
        outcome_json(&outcome, &external.0)
    }
}

fn vm_context(call: &Call) -> VMContext {
    let fields: &ContextFields = &call.context;
    VMContext {
        current_account_id: fields.current_account_id.parse().unwrap(),
        signer_account_id: fields.signer_account_id.parse().unwrap(),
        signer_account_pk: fields.signer_account_pk.clone(),
        predecessor_account_id: fields.predecessor_account_id.parse().unwrap(),
        refund_to_account_id: fields.predecessor_account_id.parse().unwrap(),
        input: Rc::from(call.args.as_bytes()),
        promise_results: call
            .promise_results
            .iter()
            .map(|result| match result {
                Some(bytes) => PromiseResult::Successful(Rc::from(bytes.as_slice())),
                None => PromiseResult::Failed,
            })
            .collect::<Vec<_>>()
            .into(),
        block_height: fields.block_height,
        block_timestamp: fields.block_timestamp_ns,
        epoch_height: fields.epoch_height,
        account_balance: Balance::from_yoctonear(fields.account_balance),
        account_locked_balance: Balance::from_yoctonear(fields.account_locked_balance),
        storage_usage: fields.storage_usage,
        account_contract: AccountContract::None,
        attached_deposit: Balance::from_yoctonear(fields.attached_deposit),
        prepaid_gas: Gas::from_gas(fields.prepaid_gas),
        random_seed: fields.random_seed.to_vec(),
        view_config: fields.is_view.then(|| ViewConfig {
            max_gas_burnt: Gas::from_gas(fields.prepaid_gas),
        }),
        output_data_receivers: vec![],
    }
}

fn outcome_json(outcome: &VMOutcome, external: &MockedExternal) -> Value {
    // Every cost that was charged, by nearcore's name for it; zero entries are left out.
    let mut profile = Map::new();
    for (cost, gas) in outcome.profile.wasm_ext_profile.iter() {
        if gas.as_gas() > 0 {
            profile.insert(cost.to_string(), json!(gas.as_gas()));
        }
    }
    for (cost, gas) in outcome.profile.actions_profile.iter() {
        if gas.as_gas() > 0 {
            profile.insert(cost.to_string(), json!(gas.as_gas()));
        }
    }
    let (receipts, log_positions) = receipts(&external.action_log);
    let return_data = match &outcome.return_data {
        ReturnData::Value(bytes) => json!({ "kind": "value", "valueHex": hex::encode(bytes) }),
        ReturnData::ReceiptIndex(index) => json!({
            "kind": "receipt",
            "receiptIndex": ordinal(&log_positions, *index),
        }),
        ReturnData::None => json!({ "kind": "none" }),
    };
    let error = outcome.aborted.as_ref().map(|error| {
        let kind: &'static str = error.into();
        json!({ "kind": kind, "message": error.to_string(), "debug": format!("{error:?}") })
    });
    let storage: BTreeMap<String, String> = external
        .fake_trie
        .iter()
        .map(|(key, value)| (hex::encode(key), hex::encode(value)))
        .collect();
    json!({
        "returnData": return_data,
        "logs": outcome.logs,
        "error": error,
        "gasBurnt": outcome.burnt_gas.as_gas(),
        "gasUsed": outcome.used_gas.as_gas(),
        "wasmGas": outcome.profile.get_wasm_cost().as_gas(),
        "profile": profile,
        "balance": outcome.balance.as_yoctonear().to_string(),
        "storageUsage": outcome.storage_usage,
        // The storage as the call left it in the External; a failed call's writes are there too
        // (rolling them back is the runtime's job, after the VM).
        "storage": storage,
        "receipts": receipts,
    })
}

/// A receipt's number among the call's receipts (0, 1, ...), as the local runtime numbers them:
/// the mock External numbers a receipt by its position in its log of actions.
fn ordinal(log_positions: &[u64], log_position: u64) -> usize {
    log_positions
        .iter()
        .position(|position| *position == log_position)
        .expect("a receipt index names a receipt the call created")
}

/// The receipts the call created, from the External's log of promise actions, in order, and
/// each one's position in that log.
fn receipts(log: &[MockAction]) -> (Vec<Value>, Vec<u64>) {
    let mut receipts: Vec<(u64, Value, Vec<Value>)> = vec![];
    for (index, action) in log.iter().enumerate() {
        let (receipt_index, described) = match action {
            MockAction::CreateReceipt {
                receipt_indices,
                receiver_id,
            } => {
                receipts.push((
                    index as u64,
                    json!({ "receiverId": receiver_id.as_str(), "dependsOn": receipt_indices }),
                    vec![],
                ));
                continue;
            }
            MockAction::Transfer {
                receipt_index,
                deposit,
            } => (
                *receipt_index,
                json!({ "kind": "Transfer", "deposit": deposit.as_yoctonear().to_string() }),
            ),
            MockAction::FunctionCallWeight {
                receipt_index,
                method_name,
                args,
                attached_deposit,
                prepaid_gas,
                gas_weight,
            } => (
                *receipt_index,
                json!({
                    "kind": "FunctionCall",
                    "methodName": String::from_utf8_lossy(method_name),
                    "argsHex": hex::encode(args),
                    "deposit": attached_deposit.as_yoctonear().to_string(),
                    "gas": prepaid_gas.as_gas(),
                    "gasWeight": gas_weight.0.to_string(),
                }),
            ),
            other => {
                panic!("the probe creates no {other:?}; describe it here before a case uses it")
            }
        };
        let (_, _, actions) = receipts
            .iter_mut()
            .find(|(log_index, ..)| *log_index == receipt_index)
            .expect("an action belongs to a receipt created before it");
        actions.push(described);
    }
    let positions: Vec<u64> = receipts.iter().map(|(index, ..)| *index).collect();
    let described = receipts
        .into_iter()
        .map(|(_, mut receipt, actions)| {
            let depends_on: Vec<usize> = receipt["dependsOn"]
                .as_array()
                .unwrap()
                .iter()
                .map(|log_position| ordinal(&positions, log_position.as_u64().unwrap()))
                .collect();
            receipt["dependsOn"] = json!(depends_on);
            receipt["actions"] = json!(actions);
            receipt
        })
        .collect();
    (described, positions)
}
