;; Hashes and signature checks. Hashes take the input (register 0) and return the digest.
;; Verifications take an input laid out as: u32 signature length, u32 message length,
;; u32 key length, then the three, copied to memory at 1000.
(module
  (import "env" "input" (func $input (param i64)))
  (import "env" "read_register" (func $read_register (param i64 i64)))
  (import "env" "register_len" (func $register_len (param i64) (result i64)))
  (import "env" "sha256" (func $sha256 (param i64 i64 i64)))
  (import "env" "keccak256" (func $keccak256 (param i64 i64 i64)))
  (import "env" "keccak512" (func $keccak512 (param i64 i64 i64)))
  (import "env" "ripemd160" (func $ripemd160 (param i64 i64 i64)))
  (import "env" "ed25519_verify" (func $ed25519_verify (param i64 i64 i64 i64 i64 i64) (result i64)))
  (import "env" "p256_verify" (func $p256_verify (param i64 i64 i64 i64 i64 i64) (result i64)))
  (import "env" "ecrecover" (func $ecrecover (param i64 i64 i64 i64 i64 i64 i64) (result i64)))
  (import "env" "value_return" (func $value_return (param i64 i64)))
  (memory 1)

  (func $return_register_1 (call $value_return (i64.const -1) (i64.const 1)))
  (func (export "sha256") (call $input (i64.const 0)) (call $sha256 (i64.const -1) (i64.const 0) (i64.const 1)) (call $return_register_1))
  (func (export "keccak256") (call $input (i64.const 0)) (call $keccak256 (i64.const -1) (i64.const 0) (i64.const 1)) (call $return_register_1))
  (func (export "keccak512") (call $input (i64.const 0)) (call $keccak512 (i64.const -1) (i64.const 0) (i64.const 1)) (call $return_register_1))
  (func (export "ripemd160") (call $input (i64.const 0)) (call $ripemd160 (i64.const -1) (i64.const 0) (i64.const 1)) (call $return_register_1))

  (func $load_input (call $input (i64.const 0)) (call $read_register (i64.const 0) (i64.const 1000)))
  (func $signature_length (result i64) (i64.load32_u (i32.const 1000)))
  (func $message_length (result i64) (i64.load32_u (i32.const 1004)))
  (func $key_length (result i64) (i64.load32_u (i32.const 1008)))
  (func $signature (result i64) (i64.const 1012))
  (func $message (result i64) (i64.add (call $signature) (call $signature_length)))
  (func $key (result i64) (i64.add (call $message) (call $message_length)))
  (func $return_u64 (param i64) (i64.store (i32.const 0) (local.get 0)) (call $value_return (i64.const 8) (i64.const 0)))

  (func (export "ed25519")
    (call $load_input)
    (call $return_u64 (call $ed25519_verify
      (call $signature_length) (call $signature) (call $message_length) (call $message) (call $key_length) (call $key))))

  (func (export "p256")
    (call $load_input)
    (call $return_u64 (call $p256_verify
      (call $signature_length) (call $signature) (call $message_length) (call $message) (call $key_length) (call $key))))

  ;; As a WebAuthn verifier does: hash the signed data, then verify the digest.
  (func (export "p256_of_sha256")
    (call $load_input)
    (call $sha256 (call $message_length) (call $message) (i64.const 1))
    (call $read_register (i64.const 1) (i64.const 500))
    (call $return_u64 (call $p256_verify
      (call $signature_length) (call $signature) (i64.const 32) (i64.const 500) (call $key_length) (call $key))))

  ;; Input: 32-byte hash, 64-byte signature, v, malleability flag. Returns the result, then the key.
  (func (export "ecrecover") (local $length i64)
    (call $load_input)
    (i64.store (i32.const 0) (call $ecrecover
      (i64.const 32) (i64.const 1000) (i64.const 64) (i64.const 1032)
      (i64.load8_u (i32.const 1096)) (i64.load8_u (i32.const 1097)) (i64.const 1)))
    (local.set $length (call $register_len (i64.const 1)))
    (if (i64.eq (local.get $length) (i64.const -1))
      (then (local.set $length (i64.const 0)))
      (else (call $read_register (i64.const 1) (i64.const 8))))
    (call $value_return (i64.add (i64.const 8) (local.get $length)) (i64.const 0)))
)
