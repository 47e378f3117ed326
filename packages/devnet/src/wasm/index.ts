/**
 * A NEAR wasm runtime for Node: runs one function call of a NEAR contract with nearcore's host
 * interface (module `env`), preparation rules, gas and errors at protocol version 88
 * (`protocol-parameters.ts`), and returns what the chain needs to apply it: return value, logs,
 * gas burnt and used, storage changes, the receipts the call created, or the error with NEAR's name.
 * It reads the account's storage and never writes it; the chain applies the changes on success.
 * The outcome is the VM's, as nearcore's runner reports it (`distributeUnusedGas` is the runtime's
 * step after it); `packages/devnet/test/differential.test.ts` compares it with nearcore's own on
 * the probe contract, and docs/contracts.md lists what the chain around it simplifies.
 *
 * Where this runtime can differ from nearcore (a contract's gas here predicts its gas on NEAR
 * except for these):
 * - Trie-node charges are not made: on NEAR every storage operation also pays
 *   `touching_trie_node` (2.28 Ggas) per trie node on its path, which depends on the shape of
 *   the state trie; the per-operation, per-key-byte, per-value-byte and evicted/removed-value
 *   charges are all made. The per-receipt storage-proof size limit is not enforced either.
 * - Wasm gas follows nearcore's model (every instruction but `block`/`else`/`end`, bulk operations
 *   by size, function frames on entry, finite-wasm's stack budget) and charges per straight-line
 *   segment as finite-wasm does, so totals match; its instrumented code is its own, so the
 *   `InstrumentedCodeTooLarge` limit is measured on a different encoding. V8's own call stack
 *   could in principle overflow before NEAR's stack budget (`WasmTrap::StackOverflow` then).
 * - Compilation is V8's: a module with several faults may be refused for another of them than
 *   nearcore would report, and V8 caps locals at 50,000 per function. Float NaN payloads are not
 *   canonicalized as nearcore's Wasmtime does, so float results that are NaN may differ in bits.
 * - Memory is one reused 128 MiB memory that the contract sees as 1024 pages growing to 2048;
 *   its accesses are bounds-checked in the instrumented code. The semantics are NEAR's.
 * - V8 traps are named by their message (a table index out of bounds is `MemoryOutOfBounds`, as
 *   nearcore maps Wasmtime's).
 * - Not implemented, though they link: alt_bn128, BLS12-381, yield/resume, global contracts,
 *   state init, gas keys, validator stake; calling one stops the call with the local error
 *   `UnsupportedHostFunction`. ML-DSA public keys are not accepted in key actions.
 * - Ed25519 goes through OpenSSL and P-256 through OpenSSL or @noble/curves, not ed25519-dalek and
 *   RustCrypto: they agree on valid signatures; crafted edge cases (small-order keys) may not.
 * - The storage-stake check is made when the call ends; nearcore makes it when the whole receipt
 *   ends, after its other actions. Receipt validation (actions per receipt, method name lengths,
 *   zero gas on a call) is the chain's, when it takes the receipts.
 * - At protocol 85 a call may burn and attach up to 1 PGas (raised from 300 Tgas at 83); the chain
 *   decides the prepaid gas it passes.
 */
export { distributeUnusedGas, executeFunctionCall, ExecutionInputError, type FunctionCallInput } from './executor'
export { prepareContract, codeHashOf, type PreparedContract } from './contract-cache'
export {
  describeFunctionCallError,
  describeHostError,
  rpcFunctionCallError,
  type CompilationError,
  type ExecutionError,
  type FunctionCallError,
  type HostError,
  type MethodResolveErrorName,
  type PrepareErrorName,
  type WasmTrapName,
} from './errors'
export type * from './types'
export * as protocolParameters from './protocol-parameters'
