;; Storage: the key is "k" unless said otherwise, values come from the input (register 0).
;; Methods return a u64 flag (what the host function returned), then, for read/write/remove,
;; the register the host filled (the value read, evicted or removed) when there is one.
(module
  (import "env" "input" (func $input (param i64)))
  (import "env" "register_len" (func $register_len (param i64) (result i64)))
  (import "env" "read_register" (func $read_register (param i64 i64)))
  (import "env" "storage_write" (func $storage_write (param i64 i64 i64 i64 i64) (result i64)))
  (import "env" "storage_read" (func $storage_read (param i64 i64 i64) (result i64)))
  (import "env" "storage_remove" (func $storage_remove (param i64 i64 i64) (result i64)))
  (import "env" "storage_has_key" (func $storage_has_key (param i64 i64) (result i64)))
  (import "env" "storage_usage" (func $storage_usage (result i64)))
  (import "env" "value_return" (func $value_return (param i64 i64)))
  (import "env" "panic" (func $panic))
  (memory 1)
  (data (i32.const 100) "k")

  ;; Returns the flag at 0 and register 1 (if set) after it.
  (func $return_flag_and_register_1 (param $flag i64)
    (local $length i64)
    (i64.store (i32.const 0) (local.get $flag))
    (local.set $length (call $register_len (i64.const 1)))
    (if (i64.eq (local.get $length) (i64.const -1))
      (then (local.set $length (i64.const 0)))
      (else (call $read_register (i64.const 1) (i64.const 8))))
    (call $value_return (i64.add (i64.const 8) (local.get $length)) (i64.const 0)))

  (func (export "write")
    (call $input (i64.const 0))
    (call $return_flag_and_register_1
      (call $storage_write (i64.const 1) (i64.const 100) (i64.const -1) (i64.const 0) (i64.const 1))))

  (func (export "read")
    (call $return_flag_and_register_1 (call $storage_read (i64.const 1) (i64.const 100) (i64.const 1))))

  (func (export "remove")
    (call $return_flag_and_register_1 (call $storage_remove (i64.const 1) (i64.const 100) (i64.const 1))))

  (func (export "has")
    (i64.store (i32.const 0) (call $storage_has_key (i64.const 1) (i64.const 100)))
    (call $value_return (i64.const 8) (i64.const 0)))

  (func (export "usage")
    (i64.store (i32.const 0) (call $storage_usage))
    (call $value_return (i64.const 8) (i64.const 0)))

  (func (export "write_then_panic")
    (call $input (i64.const 0))
    (drop (call $storage_write (i64.const 1) (i64.const 100) (i64.const -1) (i64.const 0) (i64.const 1)))
    (call $panic))

  ;; A key of 2049 bytes, one more than NEAR allows.
  (func (export "long_key")
    (drop (call $storage_write (i64.const 2049) (i64.const 1000) (i64.const 1) (i64.const 100) (i64.const 1))))
)
