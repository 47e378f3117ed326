;; Calls measured by scripts/bench-wasm.ts.
(module
  (import "env" "input" (func $input (param i64)))
  (import "env" "read_register" (func $read_register (param i64 i64)))
  (import "env" "register_len" (func $register_len (param i64) (result i64)))
  (import "env" "sha256" (func $sha256 (param i64 i64 i64)))
  (import "env" "p256_verify" (func $p256_verify (param i64 i64 i64 i64 i64 i64) (result i64)))
  (import "env" "storage_read" (func $storage_read (param i64 i64 i64) (result i64)))
  (import "env" "storage_write" (func $storage_write (param i64 i64 i64 i64 i64) (result i64)))
  (import "env" "log_utf8" (func $log_utf8 (param i64 i64)))
  (import "env" "value_return" (func $value_return (param i64 i64)))
  (import "env" "panic" (func $panic))
  (memory 1)
  (data (i32.const 100) "counter")
  (data (i32.const 120) "counted")

  (func (export "noop"))

  ;; Reads a key, writes it back, logs and returns the input: a typical small state change.
  (func (export "read_write")
    (call $input (i64.const 0))
    (drop (call $storage_read (i64.const 7) (i64.const 100) (i64.const 1)))
    (drop (call $storage_write (i64.const 7) (i64.const 100) (i64.const -1) (i64.const 0) (i64.const 2)))
    (call $log_utf8 (i64.const 7) (i64.const 120))
    (call $value_return (i64.const -1) (i64.const 0)))

  ;; Input: 64-byte signature, 33-byte key, then the signed data. Hashes the data, verifies, panics if invalid.
  (func (export "verify_webauthn")
    (call $input (i64.const 0))
    (call $read_register (i64.const 0) (i64.const 1000))
    (call $sha256 (i64.sub (call $register_len (i64.const 0)) (i64.const 97)) (i64.const 1097) (i64.const 1))
    (call $read_register (i64.const 1) (i64.const 900))
    (if (i64.eqz (call $p256_verify (i64.const 64) (i64.const 1000) (i64.const 32) (i64.const 900) (i64.const 33) (i64.const 1064)))
      (then (call $panic))))

  ;; Input: 64-byte signature, 33-byte key, 32-byte digest: verified as given, with no sha256 in the call.
  (func (export "verify_digest")
    (call $input (i64.const 0))
    (call $read_register (i64.const 0) (i64.const 1000))
    (if (i64.eqz (call $p256_verify (i64.const 64) (i64.const 1000) (i64.const 32) (i64.const 1097) (i64.const 33) (i64.const 1064)))
      (then (call $panic))))

  ;; One million iterations of a store and a load, and of arithmetic.
  (func (export "memory_loop") (local $i i32)
    (loop $again
      (i32.store (i32.and (local.get $i) (i32.const 0xfffc)) (local.get $i))
      (local.set $i (i32.add (i32.load (i32.and (local.get $i) (i32.const 0xfffc))) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 1000000)))))
  ;; The result is returned so that the loop cannot be optimized away.
  (func (export "arithmetic_loop") (local $i i32) (local $x i32)
    (loop $again
      (local.set $x (i32.xor (i32.mul (local.get $x) (i32.const 31)) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 1000000))))
    (i32.store (i32.const 0) (local.get $x))
    (call $value_return (i64.const 4) (i64.const 0)))
)
