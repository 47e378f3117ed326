;; Promises: receipts, their actions, callbacks and results.
(module
  (import "env" "promise_batch_create" (func $batch_create (param i64 i64) (result i64)))
  (import "env" "promise_and" (func $and (param i64 i64) (result i64)))
  (import "env" "promise_create" (func $create (param i64 i64 i64 i64 i64 i64 i64 i64) (result i64)))
  (import "env" "promise_then" (func $then (param i64 i64 i64 i64 i64 i64 i64 i64 i64) (result i64)))
  (import "env" "promise_set_refund_to" (func $set_refund_to (param i64 i64 i64)))
  (import "env" "promise_batch_action_create_account" (func $create_account (param i64)))
  (import "env" "promise_batch_action_deploy_contract" (func $deploy_contract (param i64 i64 i64)))
  (import "env" "promise_batch_action_function_call" (func $function_call (param i64 i64 i64 i64 i64 i64 i64)))
  (import "env" "promise_batch_action_function_call_weight" (func $function_call_weight (param i64 i64 i64 i64 i64 i64 i64 i64)))
  (import "env" "promise_batch_action_transfer" (func $transfer (param i64 i64)))
  (import "env" "promise_batch_action_add_key_with_full_access" (func $add_full_access_key (param i64 i64 i64 i64)))
  (import "env" "promise_batch_action_add_key_with_function_call" (func $add_function_call_key (param i64 i64 i64 i64 i64 i64 i64 i64 i64)))
  (import "env" "promise_batch_action_delete_key" (func $delete_key (param i64 i64 i64)))
  (import "env" "promise_batch_action_delete_account" (func $delete_account (param i64 i64 i64)))
  (import "env" "promise_results_count" (func $results_count (result i64)))
  (import "env" "promise_result" (func $result (param i64 i64) (result i64)))
  (import "env" "promise_return" (func $return (param i64)))
  (import "env" "read_register" (func $read_register (param i64 i64)))
  (import "env" "register_len" (func $register_len (param i64) (result i64)))
  (import "env" "value_return" (func $value_return (param i64 i64)))
  (memory 1)
  (data (i32.const 100) "bob.test")
  (data (i32.const 120) "carol.test")
  (data (i32.const 140) "contract.test")
  (data (i32.const 160) "go")
  (data (i32.const 170) "{}")
  (data (i32.const 180) "a,b")
  (data (i32.const 200) "\05")                ;; u128 5
  (data (i32.const 220) "\07")                ;; u128 7
  (data (i32.const 240) "\00\11\11\11\11\11\11\11\11\11\11\11\11\11\11\11\11\11\11\11\11\11\11\11\11\11\11\11\11\11\11\11\11")
  (data (i32.const 300) "\64")                ;; u128 100
  (data (i32.const 320) "\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff\ff")
  (data (i32.const 340) "Bad!")
  (data (i32.const 360) "\00asm")
  (data (i32.const 520) "\01")                ;; u128 1
  ;; 500..515: u128 zero

  (func $to_bob (result i64) (call $batch_create (i64.const 8) (i64.const 100)))

  (func (export "batch") (local $p i64)
    (local.set $p (call $to_bob))
    (call $create_account (local.get $p))
    (call $deploy_contract (local.get $p) (i64.const 4) (i64.const 360))
    (call $function_call (local.get $p) (i64.const 2) (i64.const 160) (i64.const 2) (i64.const 170) (i64.const 200) (i64.const 10000000000000))
    (call $transfer (local.get $p) (i64.const 220))
    (call $add_full_access_key (local.get $p) (i64.const 33) (i64.const 240) (i64.const 1))
    (call $add_function_call_key (local.get $p) (i64.const 33) (i64.const 240) (i64.const 2) (i64.const 300) (i64.const 10) (i64.const 120) (i64.const 3) (i64.const 180))
    (call $delete_key (local.get $p) (i64.const 33) (i64.const 240))
    (call $delete_account (local.get $p) (i64.const 10) (i64.const 120))
    (call $return (local.get $p)))

  ;; Calls bob and carol, then a callback on this account once both are done.
  (func (export "then_and")
    (i64.store (i32.const 400)
      (call $create (i64.const 8) (i64.const 100) (i64.const 2) (i64.const 160) (i64.const 2) (i64.const 170) (i64.const 200) (i64.const 5000000000000)))
    (i64.store (i32.const 408)
      (call $create (i64.const 10) (i64.const 120) (i64.const 2) (i64.const 160) (i64.const 2) (i64.const 170) (i64.const 220) (i64.const 5000000000000)))
    (call $return
      (call $then (call $and (i64.const 400) (i64.const 2))
        (i64.const 13) (i64.const 140) (i64.const 2) (i64.const 160) (i64.const 2) (i64.const 170) (i64.const 500) (i64.const 5000000000000))))

  ;; Returns the number of results, the status of the first two, then the first one's data.
  (func (export "results") (local $length i64)
    (i64.store (i32.const 0) (call $results_count))
    (i64.store (i32.const 8) (call $result (i64.const 0) (i64.const 1)))
    (i64.store (i32.const 16) (call $result (i64.const 1) (i64.const 2)))
    (local.set $length (call $register_len (i64.const 1)))
    (call $read_register (i64.const 1) (i64.const 24))
    (call $value_return (i64.add (i64.const 24) (local.get $length)) (i64.const 0)))

  (func (export "result_out_of_range") (drop (call $result (i64.const 5) (i64.const 1))))
  (func (export "transfer_everything") (call $transfer (call $to_bob) (i64.const 320)))
  (func (export "invalid_account") (drop (call $batch_create (i64.const 4) (i64.const 340))))
  (func (export "bad_index") (call $transfer (i64.const 7) (i64.const 220)))
  (func (export "short_key") (call $add_full_access_key (call $to_bob) (i64.const 32) (i64.const 240) (i64.const 0)))
  (func (export "empty_method_name")
    (call $function_call (call $to_bob) (i64.const 0) (i64.const 160) (i64.const 0) (i64.const 170) (i64.const 500) (i64.const 0)))

  (func $joint (result i64)
    (i64.store (i32.const 400) (call $to_bob))
    (call $and (i64.const 400) (i64.const 1)))
  (func (export "append_to_joint") (call $transfer (call $joint) (i64.const 220)))
  (func (export "return_joint") (call $return (call $joint)))

  ;; Two calls sharing the unused gas 1:3, the second with 1 Tgas of its own.
  (func (export "weights") (local $p i64)
    (local.set $p (call $to_bob))
    (call $function_call_weight (local.get $p) (i64.const 2) (i64.const 160) (i64.const 0) (i64.const 170) (i64.const 500) (i64.const 0) (i64.const 1))
    (call $function_call_weight (local.get $p) (i64.const 2) (i64.const 160) (i64.const 0) (i64.const 170) (i64.const 500) (i64.const 1000000000000) (i64.const 3)))

  ;; Attaches 1 yoctoNEAR to a call.
  (func (export "call_with_one_yocto")
    (call $function_call (call $to_bob) (i64.const 2) (i64.const 160) (i64.const 0) (i64.const 170) (i64.const 520) (i64.const 0)))

  (func (export "refund_to") (call $set_refund_to (call $to_bob) (i64.const 10) (i64.const 120)))

  ;; A transfer to this account itself: sender is receiver.
  (func (export "transfer_to_self") (call $transfer (call $batch_create (i64.const 13) (i64.const 140)) (i64.const 220)))
  (func (export "transfer_to_bob") (call $transfer (call $to_bob) (i64.const 220)))
)
