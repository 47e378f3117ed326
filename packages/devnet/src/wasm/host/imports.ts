/**
 * NEAR's host functions at protocol 88 (nearcore's `imports.rs` with this version's feature
 * switches): each import a contract may declare from `env`, with its signature. A contract that
 * imports any other name, or one of these with another signature, fails to link (`LinkError`), as
 * on NEAR. The ones this runtime does not implement still link, and stop the call if called.
 */
import type { CallState } from '../call-state'
import { hostError } from '../errors'
import { wasmCosts } from '../protocol-parameters'
import * as context from './context'
import * as crypto from './crypto'
import * as logs from './logs'
import * as promises from './promises'
import * as storage from './storage'

/** `I` a u64 (i64 in wasm), `i` a u32 (i32 in wasm). */
export type Signature = { params: string; results: string }

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- host functions take the wasm arguments as they come
export type HostFunction = (call: CallState, ...args: any[]) => bigint | void

const sig = (params: string, results = ''): Signature => ({ params, results })

/** Every `env` import NEAR links at this version. */
export const hostSignatures: Record<string, Signature> = {
  read_register: sig('II'),
  register_len: sig('I', 'I'),
  write_register: sig('III'),
  current_account_id: sig('I'),
  chain_id: sig('I'),
  signer_account_id: sig('I'),
  signer_account_pk: sig('I'),
  predecessor_account_id: sig('I'),
  input: sig('I'),
  block_index: sig('', 'I'),
  block_timestamp: sig('', 'I'),
  epoch_height: sig('', 'I'),
  storage_usage: sig('', 'I'),
  account_balance: sig('I'),
  account_locked_balance: sig('I'),
  attached_deposit: sig('I'),
  prepaid_gas: sig('', 'I'),
  used_gas: sig('', 'I'),
  random_seed: sig('I'),
  sha256: sig('III'),
  keccak256: sig('III'),
  keccak512: sig('III'),
  sha3_256: sig('III'),
  sha3_384: sig('III'),
  sha3_512: sig('III'),
  ml_dsa_verify: sig('IIIIII', 'I'),
  universal_state_init_to_account_id: sig('III', 'I'),
  promise_batch_action_universal_state_init: sig('IIII'),
  ed25519_verify: sig('IIIIII', 'I'),
  p256_verify: sig('IIIIII', 'I'),
  ripemd160: sig('III'),
  ecrecover: sig('IIIIIII', 'I'),
  value_return: sig('II'),
  panic: sig(''),
  panic_utf8: sig('II'),
  log_utf8: sig('II'),
  log_utf16: sig('II'),
  abort: sig('iiii'),
  promise_create: sig('IIIIIIII', 'I'),
  promise_then: sig('IIIIIIIII', 'I'),
  promise_and: sig('II', 'I'),
  promise_batch_create: sig('II', 'I'),
  promise_batch_then: sig('III', 'I'),
  promise_set_refund_to: sig('III'),
  promise_batch_action_state_init: sig('IIII', 'I'),
  promise_batch_action_state_init_by_account_id: sig('IIII', 'I'),
  set_state_init_data_entry: sig('IIIIII'),
  current_contract_code: sig('I', 'I'),
  refund_to_account_id: sig('I'),
  promise_batch_action_create_account: sig('I'),
  promise_batch_action_deploy_contract: sig('III'),
  promise_batch_action_deploy_global_contract: sig('III'),
  promise_batch_action_deploy_global_contract_by_account_id: sig('III'),
  promise_batch_action_use_global_contract: sig('III'),
  promise_batch_action_use_global_contract_by_account_id: sig('III'),
  promise_batch_action_function_call: sig('IIIIIII'),
  promise_batch_action_function_call_weight: sig('IIIIIIII'),
  promise_batch_action_transfer: sig('II'),
  promise_batch_action_stake: sig('IIII'),
  promise_batch_action_add_key_with_full_access: sig('IIII'),
  promise_batch_action_add_key_with_function_call: sig('IIIIIIIII'),
  promise_batch_action_delete_key: sig('III'),
  promise_batch_action_delete_account: sig('III'),
  promise_batch_action_transfer_to_gas_key: sig('IIII'),
  promise_batch_action_add_gas_key_with_full_access: sig('IIII'),
  promise_batch_action_add_gas_key_with_function_call: sig('IIIIIIIII'),
  promise_yield_create: sig('IIIIIII', 'I'),
  promise_yield_create_with_id: sig('IIIIIIIII', 'I'),
  promise_yield_resume: sig('IIII', 'i'),
  promise_yield_resume_with_yield_id: sig('IIII', 'i'),
  promise_results_count: sig('', 'I'),
  promise_result: sig('II', 'I'),
  promise_return: sig('I'),
  storage_write: sig('IIIII', 'I'),
  storage_read: sig('III', 'I'),
  storage_remove: sig('III', 'I'),
  storage_has_key: sig('II', 'I'),
  storage_iter_prefix: sig('II', 'I'),
  storage_iter_range: sig('IIII', 'I'),
  storage_iter_next: sig('III', 'I'),
  gas: sig('i'),
  validator_stake: sig('III'),
  validator_total_stake: sig('I'),
  alt_bn128_g1_multiexp: sig('III'),
  alt_bn128_g1_sum: sig('III'),
  alt_bn128_pairing_check: sig('II', 'I'),
  bls12381_p1_sum: sig('III', 'I'),
  bls12381_p2_sum: sig('III', 'I'),
  bls12381_g1_multiexp: sig('III', 'I'),
  bls12381_g2_multiexp: sig('III', 'I'),
  bls12381_map_fp_to_g1: sig('III', 'I'),
  bls12381_map_fp2_to_g2: sig('III', 'I'),
  bls12381_pairing_check: sig('II', 'I'),
  bls12381_p1_decompress: sig('III', 'I'),
  bls12381_p2_decompress: sig('III', 'I'),
}

/** nearcore's legacy gas counter import (`gas_seen_from_wasm`): burns `opcodes` regular operations. */
function gas(call: CallState, opcodes: number): void {
  call.gas.burn((opcodes >>> 0) * wasmCosts.regularOp)
}

const implemented: Record<string, HostFunction> = {
  ...context,
  ...crypto,
  ...logs,
  ...promises,
  storage_write: storage.storage_write,
  storage_read: storage.storage_read,
  storage_remove: storage.storage_remove,
  storage_has_key: storage.storage_has_key,
  storage_iter_prefix: storage.deprecatedIterator('storage_iter_prefix'),
  storage_iter_range: storage.deprecatedIterator('storage_iter_range'),
  storage_iter_next: storage.deprecatedIterator('storage_iter_next'),
  gas,
}

/** The host functions this runtime implements, by import name (helpers the modules export are left out). */
export const hostFunctions: Record<string, HostFunction> = Object.fromEntries(Object.entries(implemented).filter(([name]) => name in hostSignatures))

/** The implementation of `name`, or one that stops the call for NEAR functions this runtime lacks. */
export function hostFunction(name: string): HostFunction {
  const implementation = hostFunctions[name]
  if (implementation) return implementation
  return () => {
    throw hostError({ type: 'UnsupportedHostFunction', name })
  }
}

/** The wasm signature an import declares, written as `hostSignatures` does. */
export function signatureOf(params: number[], results: number[]): Signature | undefined {
  const letter = (type: number) => (type === 0x7e ? 'I' : type === 0x7f ? 'i' : undefined)
  const p = params.map(letter)
  const r = results.map(letter)
  if (p.includes(undefined) || r.includes(undefined)) return undefined
  return { params: p.join(''), results: r.join('') }
}
