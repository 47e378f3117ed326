//! The execution context as the host reports it. Views may read only part of it (nearcore refuses
//! the signer, predecessor and gas functions in a view with `ProhibitedInView`), so the part a
//! view may read is its own method and its own struct.

use crate::{HostProbe, HostProbeExt};
use near_sdk::json_types::U64;
use near_sdk::{AccountId, Gas, NearToken, PublicKey, env, near};

#[near(serializers = [json])]
pub struct ViewContext {
    pub current_account_id: AccountId,
    pub block_height: u64,
    /// Nanoseconds, as a decimal string: the value exceeds JSON's exact integers (2^53).
    pub block_timestamp: U64,
    pub epoch_height: u64,
    pub account_balance: NearToken,
    pub account_locked_balance: NearToken,
    pub storage_usage: u64,
    /// The block's 32-byte random seed, hex.
    pub random_seed: String,
}

#[near(serializers = [json])]
pub struct CallContext {
    #[serde(flatten)]
    pub view: ViewContext,
    pub predecessor_account_id: AccountId,
    pub signer_account_id: AccountId,
    pub signer_account_pk: PublicKey,
    pub attached_deposit: NearToken,
    pub prepaid_gas: Gas,
    /// Read last, so it counts the gas of every other context read in this call.
    pub used_gas: Gas,
}

fn view_context() -> ViewContext {
    ViewContext {
        current_account_id: env::current_account_id(),
        block_height: env::block_height(),
        block_timestamp: U64(env::block_timestamp()),
        epoch_height: env::epoch_height(),
        account_balance: env::account_balance(),
        account_locked_balance: env::account_locked_balance(),
        storage_usage: env::storage_usage(),
        random_seed: hex::encode(env::random_seed_array()),
    }
}

#[near]
impl HostProbe {
    /// Everything a view may read.
    pub fn read_view_context() -> ViewContext {
        view_context()
    }

    /// Everything a function call may read. It accepts a deposit, so that `attached_deposit` can
    /// be non-zero, and near-sdk lets only a `&mut self` method do that: the call rewrites the
    /// (unchanged) `STATE` record.
    #[payable]
    pub fn read_call_context(&mut self) -> CallContext {
        let view = view_context();
        let predecessor_account_id = env::predecessor_account_id();
        let signer_account_id = env::signer_account_id();
        let signer_account_pk = env::signer_account_pk();
        let attached_deposit = env::attached_deposit();
        let prepaid_gas = env::prepaid_gas();
        CallContext {
            view,
            predecessor_account_id,
            signer_account_id,
            signer_account_pk,
            attached_deposit,
            prepaid_gas,
            used_gas: env::used_gas(),
        }
    }
}
