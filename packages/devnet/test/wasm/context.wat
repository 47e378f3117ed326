;; Registers, input and the call's context. Most methods return register 0 as their value
;; (value_return with length u64::MAX reads a register).
(module
  (import "env" "read_register" (func $read_register (param i64 i64)))
  (import "env" "register_len" (func $register_len (param i64) (result i64)))
  (import "env" "write_register" (func $write_register (param i64 i64 i64)))
  (import "env" "input" (func $input (param i64)))
  (import "env" "current_account_id" (func $current_account_id (param i64)))
  (import "env" "signer_account_id" (func $signer_account_id (param i64)))
  (import "env" "signer_account_pk" (func $signer_account_pk (param i64)))
  (import "env" "predecessor_account_id" (func $predecessor_account_id (param i64)))
  (import "env" "random_seed" (func $random_seed (param i64)))
  (import "env" "chain_id" (func $chain_id (param i64)))
  (import "env" "block_index" (func $block_index (result i64)))
  (import "env" "block_timestamp" (func $block_timestamp (result i64)))
  (import "env" "epoch_height" (func $epoch_height (result i64)))
  (import "env" "storage_usage" (func $storage_usage (result i64)))
  (import "env" "prepaid_gas" (func $prepaid_gas (result i64)))
  (import "env" "used_gas" (func $used_gas (result i64)))
  (import "env" "account_balance" (func $account_balance (param i64)))
  (import "env" "account_locked_balance" (func $account_locked_balance (param i64)))
  (import "env" "attached_deposit" (func $attached_deposit (param i64)))
  (import "env" "value_return" (func $value_return (param i64 i64)))
  (memory 1)
  (data (i32.const 100) "abc")

  (func $return_register_0 (call $value_return (i64.const -1) (i64.const 0)))

  (func (export "echo_input") (call $input (i64.const 0)) (call $return_register_0))
  (func (export "current") (call $current_account_id (i64.const 0)) (call $return_register_0))
  (func (export "signer") (call $signer_account_id (i64.const 0)) (call $return_register_0))
  (func (export "signer_pk") (call $signer_account_pk (i64.const 0)) (call $return_register_0))
  (func (export "predecessor") (call $predecessor_account_id (i64.const 0)) (call $return_register_0))
  (func (export "seed") (call $random_seed (i64.const 0)) (call $return_register_0))
  (func (export "chain") (call $chain_id (i64.const 0)) (call $return_register_0))

  (func (export "numbers")
    (i64.store (i32.const 0) (call $block_index))
    (i64.store (i32.const 8) (call $block_timestamp))
    (i64.store (i32.const 16) (call $epoch_height))
    (i64.store (i32.const 24) (call $storage_usage))
    (call $value_return (i64.const 32) (i64.const 0)))

  (func (export "prepaid")
    (i64.store (i32.const 0) (call $prepaid_gas))
    (call $value_return (i64.const 8) (i64.const 0)))
  (func (export "used")
    (i64.store (i32.const 0) (call $used_gas))
    (call $value_return (i64.const 8) (i64.const 0)))

  (func (export "balances")
    (call $account_balance (i64.const 0))
    (call $account_locked_balance (i64.const 16))
    (call $attached_deposit (i64.const 32))
    (call $value_return (i64.const 48) (i64.const 0)))

  ;; write_register 5 <- "abc"; returns its length (u64) then its bytes.
  (func (export "register_roundtrip")
    (call $write_register (i64.const 5) (i64.const 3) (i64.const 100))
    (i64.store (i32.const 0) (call $register_len (i64.const 5)))
    (call $read_register (i64.const 5) (i64.const 8))
    (call $value_return (i64.const 11) (i64.const 0)))

  (func (export "unset_register_len")
    (i64.store (i32.const 0) (call $register_len (i64.const 9)))
    (call $value_return (i64.const 8) (i64.const 0)))

  (func (export "read_unset_register") (call $read_register (i64.const 9) (i64.const 0)))

  ;; Reads register 0 (the input) to the last byte of the initial memory: fails unless the input is one byte.
  (func (export "read_register_past_memory")
    (call $input (i64.const 0))
    (call $read_register (i64.const 0) (i64.const 67108863)))

  (func (export "write_register_past_memory") (call $write_register (i64.const 1) (i64.const 2) (i64.const 67108863)))

  ;; Fills registers 0..100: the 101st is refused.
  (func (export "too_many_registers") (local $i i64)
    (loop $again
      (call $write_register (local.get $i) (i64.const 1) (i64.const 100))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br_if $again (i64.le_u (local.get $i) (i64.const 100)))))
)
