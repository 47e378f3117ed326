use crate::support::{call_by_alice, probe_account, start};
use host_probe::{CallOutcome, HostProbe};
use near_sdk::mock::MockAction;
use near_sdk::test_utils::get_created_receipts;
use near_sdk::{AccountId, Gas, NearToken, PromiseResult, testing_env};

fn bob() -> AccountId {
    "bob.test.near".parse().unwrap()
}

/// A receipt's actions, in the order the contract added them.
fn actions_of(receipt: usize) -> Vec<MockAction> {
    get_created_receipts()[receipt].actions.clone()
}

#[test]
fn behavior_send_transfer_from_the_probe_itself_creates_one_transfer_receipt() {
    start(call_by_alice().predecessor_account_id(probe_account()));
    drop(HostProbe::send_transfer(
        bob(),
        NearToken::from_millinear(250),
    ));
    let receipts = get_created_receipts();
    assert_eq!(receipts.len(), 1);
    assert_eq!(receipts[0].receiver_id, bob());
    assert!(
        matches!(actions_of(0)[..], [MockAction::Transfer { deposit, .. }] if deposit == NearToken::from_millinear(250))
    );
}

#[test]
fn behavior_call_with_callback_calls_the_callee_then_the_probe() {
    start(&call_by_alice());
    drop(HostProbe::call_with_callback(
        bob(),
        "echo".into(),
        r#"{"value":"ping"}"#.into(),
    ));
    let receipts = get_created_receipts();
    assert_eq!(receipts.len(), 2);
    assert_eq!(
        (
            receipts[0].receiver_id.clone(),
            receipts[1].receiver_id.clone()
        ),
        (bob(), probe_account())
    );
    assert_eq!(
        receipts[1].receipt_indices,
        [0],
        "the callback waits for the call"
    );
    let [
        MockAction::FunctionCallWeight {
            method_name,
            args,
            attached_deposit,
            prepaid_gas,
            ..
        },
    ] = &actions_of(0)[..]
    else {
        panic!("the call is one function call: {:?}", actions_of(0));
    };
    assert_eq!(
        (method_name.as_slice(), args.as_slice()),
        (b"echo".as_slice(), br#"{"value":"ping"}"#.as_slice())
    );
    assert_eq!(
        (*attached_deposit, *prepaid_gas),
        (NearToken::from_yoctonear(0), Gas::from_tgas(10))
    );
    let [
        MockAction::FunctionCallWeight {
            method_name,
            prepaid_gas,
            ..
        },
    ] = &actions_of(1)[..]
    else {
        panic!("the callback is one function call: {:?}", actions_of(1));
    };
    assert_eq!(
        (method_name.as_slice(), *prepaid_gas),
        (b"on_call_result".as_slice(), Gas::from_tgas(5))
    );
}

/// The callback as the chain runs it: from the probe itself, with the call's result.
fn callback_with(result: PromiseResult) -> CallOutcome {
    let context = call_by_alice()
        .predecessor_account_id(probe_account())
        .build();
    testing_env!(
        context,
        near_sdk::test_vm_config(),
        near_sdk::RuntimeFeesConfig::test(),
        Default::default(),
        vec![result]
    );
    HostProbe::on_call_result()
}

#[test]
fn behavior_on_call_result_reports_a_successful_call_and_its_value() {
    let outcome = callback_with(PromiseResult::Successful(br#""ping""#.to_vec()));
    assert_eq!(
        (
            outcome.promise_results_count,
            outcome.succeeded,
            outcome.value.as_deref()
        ),
        (1, true, Some(r#""ping""#))
    );
}

#[test]
fn behavior_on_call_result_reports_a_failed_call_without_a_value() {
    let outcome = callback_with(PromiseResult::Failed);
    assert_eq!(
        (
            outcome.promise_results_count,
            outcome.succeeded,
            outcome.value
        ),
        (1, false, None)
    );
}

#[test]
#[should_panic(expected = "the callee's result is 16385 bytes, more than 16384")]
fn error_on_call_result_refuses_a_result_longer_than_16_kib() {
    callback_with(PromiseResult::Successful(vec![b'x'; 16 * 1024 + 1]));
}
