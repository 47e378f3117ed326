;; Methods whose gas is computed by hand in gas.test.ts.
(module
  (import "env" "sha256" (func $sha256 (param i64 i64 i64)))
  (import "env" "used_gas" (func $used_gas (result i64)))
  (import "env" "value_return" (func $value_return (param i64 i64)))
  (import "env" "promise_batch_create" (func $promise_batch_create (param i64 i64) (result i64)))
  (import "env" "promise_batch_action_function_call" (func $function_call (param i64 i64 i64 i64 i64 i64 i64)))
  (memory 1)
  (data (i32.const 200) "bob.test")
  (data (i32.const 220) "go")

  (func (export "empty"))

  (func (export "arith") (drop (i32.add (i32.const 1) (i32.const 2))))

  (func (export "forever") (loop $again (br $again)))

  (func (export "count_to_ten") (local $i i32)
    (loop $again
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 10)))))

  (func $identity (param i32) (result i32) (local.get 0))
  (func (export "call_once") (drop (call $identity (i32.const 5))))

  (func (export "fill") (memory.fill (i32.const 0) (i32.const 1) (i32.const 1000)))

  (func (export "sha_100") (call $sha256 (i64.const 100) (i64.const 0) (i64.const 0)))

  (func (export "used")
    (i64.store (i32.const 0) (call $used_gas))
    (call $value_return (i64.const 8) (i64.const 0)))

  (func $recurse (param i32)
    (if (local.get 0) (then (call $recurse (i32.sub (local.get 0) (i32.const 1))))))
  (func (export "deep") (call $recurse (i32.const 1000000)))

  ;; A call to bob.test with 5 Tgas attached and no deposit (the amount at 300 is zero).
  (func (export "promise")
    (call $function_call
      (call $promise_batch_create (i64.const 8) (i64.const 200))
      (i64.const 2) (i64.const 220) (i64.const 0) (i64.const 0) (i64.const 300) (i64.const 5000000000000)))
)
