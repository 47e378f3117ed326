//! The account's storage and promises for nearcore's runner: near-vm-runner's `MockedExternal`,
//! plus the two storage charges nearcore's real External (`RuntimeExt` in the runtime crate, read
//! in nearcore's `runtime/runtime/src/ext.rs`) makes through the gas counter it is handed: the
//! bytes of a value a write evicts (`storage_write_evicted_byte`) and of a value a removal
//! returns (`storage_remove_ret_value_byte`). The mock makes neither. Trie-node charges
//! (`touching_trie_node`, `read_cached_trie_node`) depend on the shape of a real trie; neither
//! the mock nor the local chain makes them (docs/contracts.md, "What the local chain simplifies").
//! Everything else is the mock's.

use near_crypto::PublicKey;
use near_primitives_core::hash::{CryptoHash, YieldId};
use near_primitives_core::types::{AccountId, Balance, Gas, GasWeight, Nonce, NonceIndex};
use near_primitives_core::universal_state_init::{
    DecodeMode, RawStateInit, StateInitError, UniversalStateInitCounts,
};
use near_vm_runner::logic::mocks::mock_external::MockedExternal;
use near_vm_runner::logic::types::{
    ActionIndex, GlobalContractDeployMode, GlobalContractIdentifier, ReceiptIndex,
};
use near_vm_runner::logic::{External, StorageAccessTracker, VMLogicError, ValuePtr};

type Result<T> = std::result::Result<T, VMLogicError>;

pub struct ChargingExternal(pub MockedExternal);

impl External for ChargingExternal {
    fn storage_set(
        &mut self,
        tracker: &mut dyn StorageAccessTracker,
        key: &[u8],
        value: &[u8],
    ) -> Result<Option<Vec<u8>>> {
        // nearcore charges the evicted value before it writes; a charge past the gas limit
        // stops the call with the storage unchanged.
        if let Some(evicted) = self.0.fake_trie.get(key) {
            tracker.deref_write_evicted_value_bytes(evicted.len() as u64)?;
        }
        self.0.storage_set(tracker, key, value)
    }

    fn storage_get<'a>(
        &'a self,
        tracker: &mut dyn StorageAccessTracker,
        key: &[u8],
    ) -> Result<Option<Box<dyn ValuePtr + 'a>>> {
        self.0.storage_get(tracker, key)
    }

    fn storage_remove(
        &mut self,
        tracker: &mut dyn StorageAccessTracker,
        key: &[u8],
    ) -> Result<Option<Vec<u8>>> {
        if let Some(removed) = self.0.fake_trie.get(key) {
            tracker.deref_removed_value_bytes(removed.len() as u64)?;
        }
        self.0.storage_remove(tracker, key)
    }

    fn storage_has_key(
        &mut self,
        tracker: &mut dyn StorageAccessTracker,
        key: &[u8],
    ) -> Result<bool> {
        self.0.storage_has_key(tracker, key)
    }

    fn generate_data_id(&mut self) -> CryptoHash {
        self.0.generate_data_id()
    }

    fn get_recorded_storage_size(&self) -> usize {
        self.0.get_recorded_storage_size()
    }

    fn storage_proof_size_before_receipt(&self) -> usize {
        self.0.storage_proof_size_before_receipt()
    }

    fn validator_stake(&self, account_id: &AccountId) -> Result<Option<Balance>> {
        self.0.validator_stake(account_id)
    }

    fn validator_total_stake(&self) -> Result<Balance> {
        self.0.validator_total_stake()
    }

    fn chain_id(&self) -> String {
        self.0.chain_id()
    }

    fn create_action_receipt(
        &mut self,
        receipt_indices: Vec<ReceiptIndex>,
        receiver_id: AccountId,
    ) -> Result<ReceiptIndex> {
        self.0.create_action_receipt(receipt_indices, receiver_id)
    }

    fn create_promise_yield_receipt(
        &mut self,
        receiver_id: AccountId,
    ) -> Result<(ReceiptIndex, CryptoHash)> {
        self.0.create_promise_yield_receipt(receiver_id)
    }

    fn create_promise_yield_receipt_with_id(
        &mut self,
        receiver_id: AccountId,
        user_yield_id: YieldId,
    ) -> Result<Option<(ReceiptIndex, CryptoHash)>> {
        self.0
            .create_promise_yield_receipt_with_id(receiver_id, user_yield_id)
    }

    fn submit_promise_resume_data(&mut self, data_id: CryptoHash, data: Vec<u8>) -> Result<bool> {
        self.0.submit_promise_resume_data(data_id, data)
    }

    fn submit_promise_resume_data_with_yield_id(
        &mut self,
        user_yield_id: YieldId,
        data: Vec<u8>,
    ) -> Result<bool> {
        self.0
            .submit_promise_resume_data_with_yield_id(user_yield_id, data)
    }

    fn append_action_create_account(&mut self, receipt_index: ReceiptIndex) {
        self.0.append_action_create_account(receipt_index)
    }

    fn append_action_deploy_contract(&mut self, receipt_index: ReceiptIndex, code: Vec<u8>) {
        self.0.append_action_deploy_contract(receipt_index, code)
    }

    fn append_action_deploy_global_contract(
        &mut self,
        receipt_index: ReceiptIndex,
        code: Vec<u8>,
        mode: GlobalContractDeployMode,
    ) {
        self.0
            .append_action_deploy_global_contract(receipt_index, code, mode)
    }

    fn append_action_use_global_contract(
        &mut self,
        receipt_index: ReceiptIndex,
        contract_id: GlobalContractIdentifier,
    ) {
        self.0
            .append_action_use_global_contract(receipt_index, contract_id)
    }

    fn append_action_deterministic_state_init(
        &mut self,
        receipt_index: ReceiptIndex,
        contract_id: GlobalContractIdentifier,
        amount: Balance,
    ) -> ActionIndex {
        self.0
            .append_action_deterministic_state_init(receipt_index, contract_id, amount)
    }

    fn set_deterministic_state_init_data_entry(
        &mut self,
        receipt_index: ReceiptIndex,
        action_index: ActionIndex,
        key: Vec<u8>,
        value: Vec<u8>,
    ) -> Result<()> {
        self.0
            .set_deterministic_state_init_data_entry(receipt_index, action_index, key, value)
    }

    fn check_state_init(
        &self,
        state_init: &RawStateInit,
    ) -> std::result::Result<(), StateInitError> {
        self.0.check_state_init(state_init)
    }

    fn state_init_send_counts(
        &self,
        state_init: &RawStateInit,
        mode: DecodeMode,
    ) -> UniversalStateInitCounts {
        self.0.state_init_send_counts(state_init, mode)
    }

    fn append_action_universal_state_init(
        &mut self,
        receipt_index: ReceiptIndex,
        state_init: RawStateInit,
        amount: Balance,
    ) {
        self.0
            .append_action_universal_state_init(receipt_index, state_init, amount)
    }

    fn append_action_function_call_weight(
        &mut self,
        receipt_index: ReceiptIndex,
        method_name: Vec<u8>,
        args: Vec<u8>,
        attached_deposit: Balance,
        prepaid_gas: Gas,
        gas_weight: GasWeight,
    ) -> Result<()> {
        self.0.append_action_function_call_weight(
            receipt_index,
            method_name,
            args,
            attached_deposit,
            prepaid_gas,
            gas_weight,
        )
    }

    fn append_action_transfer(&mut self, receipt_index: ReceiptIndex, deposit: Balance) {
        self.0.append_action_transfer(receipt_index, deposit)
    }

    fn append_action_transfer_to_gas_key(
        &mut self,
        receipt_index: ReceiptIndex,
        public_key: PublicKey,
        deposit: Balance,
    ) {
        self.0
            .append_action_transfer_to_gas_key(receipt_index, public_key, deposit)
    }

    fn append_action_add_gas_key_with_full_access(
        &mut self,
        receipt_index: ReceiptIndex,
        public_key: PublicKey,
        num_nonces: NonceIndex,
    ) {
        self.0
            .append_action_add_gas_key_with_full_access(receipt_index, public_key, num_nonces)
    }

    fn append_action_add_gas_key_with_function_call(
        &mut self,
        receipt_index: ReceiptIndex,
        public_key: PublicKey,
        num_nonces: NonceIndex,
        allowance: Option<Balance>,
        receiver_id: AccountId,
        method_names: Vec<Vec<u8>>,
    ) -> Result<()> {
        self.0.append_action_add_gas_key_with_function_call(
            receipt_index,
            public_key,
            num_nonces,
            allowance,
            receiver_id,
            method_names,
        )
    }

    fn append_action_stake(
        &mut self,
        receipt_index: ReceiptIndex,
        stake: Balance,
        public_key: PublicKey,
    ) {
        self.0.append_action_stake(receipt_index, stake, public_key)
    }

    fn append_action_add_key_with_full_access(
        &mut self,
        receipt_index: ReceiptIndex,
        public_key: PublicKey,
        nonce: Nonce,
    ) {
        self.0
            .append_action_add_key_with_full_access(receipt_index, public_key, nonce)
    }

    fn append_action_add_key_with_function_call(
        &mut self,
        receipt_index: ReceiptIndex,
        public_key: PublicKey,
        nonce: Nonce,
        allowance: Option<Balance>,
        receiver_id: AccountId,
        method_names: Vec<Vec<u8>>,
    ) -> Result<()> {
        self.0.append_action_add_key_with_function_call(
            receipt_index,
            public_key,
            nonce,
            allowance,
            receiver_id,
            method_names,
        )
    }

    fn append_action_delete_key(&mut self, receipt_index: ReceiptIndex, public_key: PublicKey) {
        self.0.append_action_delete_key(receipt_index, public_key)
    }

    fn append_action_delete_account(
        &mut self,
        receipt_index: ReceiptIndex,
        beneficiary_id: AccountId,
    ) {
        self.0
            .append_action_delete_account(receipt_index, beneficiary_id)
    }

    fn get_receipt_receiver(&self, receipt_index: ReceiptIndex) -> &AccountId {
        self.0.get_receipt_receiver(receipt_index)
    }

    fn set_refund_to(&mut self, receipt_index: ReceiptIndex, refund_to: AccountId) {
        self.0.set_refund_to(receipt_index, refund_to)
    }

    fn post_quantum_keys_enabled(&self) -> bool {
        self.0.post_quantum_keys_enabled()
    }
}
