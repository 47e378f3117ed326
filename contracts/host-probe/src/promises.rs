//! Promises: a transfer, and a function call on another account followed by a callback on this
//! one that reads the call's result with `promise_result`.

use crate::{HostProbe, HostProbeExt};
use near_sdk::{AccountId, Gas, NearToken, Promise, PromiseError, env, near};

/// Gas for the called method and for the callback; the caller's prepaid gas must cover both plus
/// this call's own (30 Tgas is plenty).
const CALL_GAS: Gas = Gas::from_tgas(10);
const CALLBACK_GAS: Gas = Gas::from_tgas(5);
/// A callee's result longer than this fails the callback instead of costing unbounded gas.
const MAX_RESULT_BYTES: usize = 16 * 1024;

/// What the callback saw: how many results it was given and the first one.
#[near(serializers = [json])]
pub struct CallOutcome {
    pub promise_results_count: u64,
    pub succeeded: bool,
    /// The callee's return value as text; null when the call failed.
    pub value: Option<String>,
}

#[near]
impl HostProbe {
    /// Sends `amount` yoctoNEAR of the probe's own balance to `receiver_id`. Private: only the
    /// probe's own account may spend its balance.
    #[private]
    pub fn send_transfer(receiver_id: AccountId, amount: NearToken) -> Promise {
        Promise::new(receiver_id).transfer(amount)
    }

    /// Calls `method_name` on `receiver_id` with `args` (sent as its bytes, usually JSON) and no
    /// deposit, then `on_call_result` here; returns the callback's outcome.
    pub fn call_with_callback(
        receiver_id: AccountId,
        method_name: String,
        args: String,
    ) -> Promise {
        Promise::new(receiver_id)
            .function_call(
                method_name,
                args.into_bytes(),
                NearToken::from_yoctonear(0),
                CALL_GAS,
            )
            .then(
                Self::ext(env::current_account_id())
                    .with_static_gas(CALLBACK_GAS)
                    .on_call_result(),
            )
    }

    /// The callback of `call_with_callback`; private, so only this account's own receipts reach it.
    #[private]
    pub fn on_call_result() -> CallOutcome {
        let promise_results_count = env::promise_results_count();
        match env::promise_result_checked(0, MAX_RESULT_BYTES) {
            Ok(bytes) => CallOutcome {
                promise_results_count,
                succeeded: true,
                value: Some(
                    String::from_utf8(bytes)
                        .unwrap_or_else(|_| env::panic_str("the callee's result is not UTF-8")),
                ),
            },
            Err(PromiseError::Failed) => CallOutcome {
                promise_results_count,
                succeeded: false,
                value: None,
            },
            Err(PromiseError::TooLong(length)) => env::panic_str(&format!(
                "the callee's result is {length} bytes, more than {MAX_RESULT_BYTES}"
            )),
            // PromiseError is non-exhaustive: a kind this SDK version does not know fails closed.
            Err(_) => env::panic_str("the callee's result could not be read"),
        }
    }
}
