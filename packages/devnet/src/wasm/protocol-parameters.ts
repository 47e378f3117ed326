/**
 * NEAR's runtime parameters at one protocol version, the figures the wasm runtime charges.
 *
 * Values are nearcore's resolved configuration for protocol version 88, as its parameter
 * snapshot for that version lists them
 * (`core/parameters/src/snapshots/near_parameters__config_store__tests__88.json.snap`,
 * near-parameters 0.38.0: `parameters.yaml` with the diffs of every version up to `88.yaml`
 * applied). 85 is the first version with `p256_verify`; 88 is the first that links everything a
 * near-sdk 5.30 contract imports (`promise_batch_action_universal_state_init` comes with
 * universal accounts), so a contract built here deploys where the protocol is 88 or newer.
 * Between the two: sha3 and ML-DSA host functions, universal accounts, no gas reward for
 * contracts, at most one local per two bytes of code. Only the gas side of each cost is kept: compute costs affect chunk filling, not what a
 * call is charged.
 *
 * Note for the chain: at this version `max_total_prepaid_gas` and `max_gas_burnt` are 1 PGas
 * (raised from 300 Tgas by protocol 83); a chain that wants the older 300 Tgas cap per call passes
 * a smaller prepaid gas, which the runtime honours.
 */
export const protocolVersion = 88

/** Gas of one host-function cost unit (nearcore's `ExtCosts`). */
export const extCosts = {
  base: 264_768_111,
  contract_loading_base: 35_445_963,
  contract_loading_bytes: 1_089_295,
  read_memory_base: 2_609_863_200,
  read_memory_byte: 3_801_333,
  write_memory_base: 2_803_794_861,
  write_memory_byte: 2_723_772,
  read_register_base: 2_517_165_186,
  read_register_byte: 98_562,
  write_register_base: 2_865_522_486,
  write_register_byte: 3_801_564,
  utf8_decoding_base: 3_111_779_061,
  utf8_decoding_byte: 291_580_479,
  utf16_decoding_base: 3_543_313_050,
  utf16_decoding_byte: 163_577_493,
  sha256_base: 4_540_970_250,
  sha256_byte: 24_117_351,
  keccak256_base: 5_879_491_275,
  keccak256_byte: 21_471_105,
  keccak512_base: 5_811_388_236,
  sha3_256_base: 5_879_491_275,
  sha3_256_byte: 21_471_105,
  sha3_384_base: 5_811_388_236,
  sha3_384_byte: 36_649_701,
  sha3_512_base: 5_811_388_236,
  sha3_512_byte: 36_649_701,
  ml_dsa_verify_base: 540_000_000_000,
  ml_dsa_verify_byte: 11_000_000,
  universal_state_init_to_account_id_base: 8_900_000_000,
  universal_state_init_to_account_id_byte: 83_100_000,
  keccak512_byte: 36_649_701,
  ripemd160_base: 853_675_086,
  ripemd160_block: 680_107_584,
  ed25519_verify_base: 210_000_000_000,
  ed25519_verify_byte: 9_000_000,
  ecrecover_base: 278_821_988_457,
  p256_verify_base: 1_300_000_000_000,
  p256_verify_byte: 13_000_000,
  log_base: 3_543_313_050,
  log_byte: 13_198_791,
  storage_write_base: 64_196_736_000,
  storage_write_key_byte: 70_482_867,
  storage_write_value_byte: 31_018_539,
  storage_write_evicted_byte: 32_117_307,
  storage_read_base: 56_356_845_749,
  storage_read_key_byte: 30_952_533,
  storage_read_value_byte: 5_611_004,
  storage_large_read_overhead_base: 1,
  storage_large_read_overhead_byte: 1,
  storage_remove_base: 53_473_030_500,
  storage_remove_key_byte: 38_220_384,
  storage_remove_ret_value_byte: 11_531_556,
  storage_has_key_base: 54_039_896_625,
  storage_has_key_byte: 30_790_845,
  touching_trie_node: 2_280_000_000,
  read_cached_trie_node: 2_280_000_000,
  promise_and_base: 1_465_013_400,
  promise_and_per_promise: 5_452_176,
  promise_return: 560_152_386,
  validator_stake_base: 911_834_726_400,
  validator_total_stake_base: 911_834_726_400,
} as const satisfies Record<string, number>

export type ExtCost = keyof typeof extCosts

/** An action's fee: burnt when the receipt is sent (`sir`: sender is receiver) and when it executes. */
export type Fee = { readonly sendSir: number; readonly sendNotSir: number; readonly execution: number }

const fee = (sendSir: number, sendNotSir: number, execution: number): Fee => ({ sendSir, sendNotSir, execution })

/** Action fees (nearcore's `ActionCosts`), in gas. */
export const actionFees = {
  new_action_receipt: fee(108_059_500_000, 108_059_500_000, 108_059_500_000),
  new_data_receipt_base: fee(36_486_732_312, 36_486_732_312, 36_486_732_312),
  new_data_receipt_byte: fee(17_212_011, 47_683_715, 17_212_011),
  create_account: fee(500_000_000_000, 500_000_000_000, 7_200_000_000_000),
  deploy_contract_base: fee(184_765_750_000, 184_765_750_000, 184_765_750_000),
  deploy_contract_byte: fee(6_812_999, 47_683_715, 64_572_944),
  function_call_base: fee(200_000_000_000, 200_000_000_000, 780_000_000_000),
  function_call_byte: fee(2_235_934, 47_683_715, 2_235_934),
  transfer: fee(115_123_062_500, 115_123_062_500, 115_123_062_500),
  stake: fee(141_715_687_500, 141_715_687_500, 102_217_625_000),
  add_full_access_key: fee(101_765_125_000, 101_765_125_000, 101_765_125_000),
  add_function_call_key_base: fee(102_217_625_000, 102_217_625_000, 102_217_625_000),
  add_function_call_key_byte: fee(1_925_331, 47_683_715, 1_925_331),
  delete_key: fee(94_946_625_000, 94_946_625_000, 94_946_625_000),
  delete_account: fee(147_489_000_000, 147_489_000_000, 147_489_000_000),
  delegate: fee(200_000_000_000, 200_000_000_000, 200_000_000_000),
} as const satisfies Record<string, Fee>

export type ActionCost = keyof typeof actionFees

/** Wasm execution costs: every instruction but `block`, `else` and `end` costs `regularOp`. */
export const wasmCosts = {
  regularOp: 822_756,
  /** Bulk memory and table instructions (`memory.fill`, `memory.grow`, ...): base plus unit per byte, page or element. */
  linearOpBase: 26_328_192,
  linearOpUnit: 822_756,
} as const

/** Limits nearcore enforces on a contract and on one call (`limit_config`). */
export const limits = {
  maxGasBurnt: 1_000_000_000_000_000,
  maxGasBurntView: 1_000_000_000_000_000,
  maxTotalPrepaidGas: 1_000_000_000_000_000,
  maxStackHeight: 262_144,
  initialMemoryPages: 1_024,
  maxMemoryPages: 2_048,
  registersMemoryLimit: 1_073_741_824,
  maxRegisterSize: 104_857_600,
  maxNumberRegisters: 100,
  maxNumberLogs: 100,
  maxTotalLogLength: 16_384,
  maxActionsPerReceipt: 100,
  maxNumberBytesMethodNames: 2_000,
  maxLengthMethodName: 256,
  maxArgumentsLength: 4_194_304,
  maxLengthReturnedData: 4_194_304,
  maxContractSize: 4_194_304,
  maxLengthStorageKey: 2_048,
  maxLengthStorageValue: 4_194_304,
  maxPromisesPerFunctionCallAction: 1_024,
  maxNumberInputDataDependencies: 128,
  maxFunctionsNumberPerContract: 10_000,
  maxLocalsPerContract: 1_000_000,
  /** And at most one local per this many bytes of the contract's code (from protocol 87). */
  minContractSizePerLocal: 2,
  maxParamsPerContract: 50_000,
  maxParamsPerFunction: 64,
  maxOperandStackBytesPerFunction: 8_192,
  maxTablesPerContract: 1,
  maxElementsPerContractTable: 10_000,
  maxFunctionBodySize: 196_608,
  maxInstrumentedCodeSize: 16_777_216,
  maxBlocksPerFunction: 5_000,
  maxBlocksPerContract: 50_000,
  maxTypesPerContract: 1_024,
} as const

/** Storage staking: each byte of an account's state locks this many yoctoNEAR. */
export const storageAmountPerByte = 10_000_000_000_000_000_000n
/** Bytes a storage record costs beyond its key and value. */
export const storageNumExtraBytesRecord = 40
/** Bytes the account record itself costs. */
export const storageNumBytesAccount = 100
/**
 * An account whose storage usage is at most this many bytes needs no balance for it (nearcore's
 * zero-balance accounts, `ZERO_BALANCE_ACCOUNT_STORAGE_LIMIT`).
 */
export const zeroBalanceAccountStorageLimit = 770

/** Feature switches at this version that change what a contract may import or how it runs. */
export const features = {
  p256VerifyHostFn: true,
  chainIdHostFn: true,
  oneYoctoOnPromise: true,
  ethImplicitAccounts: true,
  referenceTypesAndBulkMemory: true,
  discardCustomSections: true,
  sha3HostFns: true,
  mlDsaVerifyHostFn: true,
  universalAccounts: true,
  fixContractLoadingCost: false,
} as const
