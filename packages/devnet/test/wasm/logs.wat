;; Logs, panics and returned values. The input is copied to memory at 1000.
(module
  (import "env" "input" (func $input (param i64)))
  (import "env" "register_len" (func $register_len (param i64) (result i64)))
  (import "env" "read_register" (func $read_register (param i64 i64)))
  (import "env" "log_utf8" (func $log_utf8 (param i64 i64)))
  (import "env" "log_utf16" (func $log_utf16 (param i64 i64)))
  (import "env" "panic" (func $panic))
  (import "env" "panic_utf8" (func $panic_utf8 (param i64 i64)))
  (import "env" "abort" (func $abort (param i32 i32 i32 i32)))
  (import "env" "value_return" (func $value_return (param i64 i64)))
  (memory 1)
  (data (i32.const 100) "hi\00")
  ;; AssemblyScript strings: UTF-16 with their byte length in the 4 bytes before them.
  (data (i32.const 200) "\04\00\00\00h\00i\00")
  (data (i32.const 300) "\06\00\00\00a\00.\00t\00")

  (func $input_length (result i64)
    (call $input (i64.const 0))
    (call $read_register (i64.const 0) (i64.const 1000))
    (call $register_len (i64.const 0)))

  (func (export "log") (call $log_utf8 (call $input_length) (i64.const 1000)))
  (func (export "log_utf16") (call $log_utf16 (call $input_length) (i64.const 1000)))
  (func (export "log_nul_terminated") (call $log_utf8 (i64.const -1) (i64.const 100)))

  ;; Logs the input 101 times.
  (func (export "log_101_times") (local $i i32) (local $length i64)
    (local.set $length (call $input_length))
    (loop $again
      (call $log_utf8 (local.get $length) (i64.const 1000))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 101)))))

  (func (export "log_then_panic")
    (call $log_utf8 (call $input_length) (i64.const 1000))
    (call $panic))
  (func (export "panic_with_input") (call $panic_utf8 (call $input_length) (i64.const 1000)))
  (func (export "abort") (call $abort (i32.const 204) (i32.const 304) (i32.const 7) (i32.const 9)))
  (func (export "return_input") (call $value_return (call $input_length) (i64.const 1000)))
)
