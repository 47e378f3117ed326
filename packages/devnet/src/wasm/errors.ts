/**
 * How a function call fails, with nearcore's names (`near-vm-runner` `FunctionCallError`,
 * `HostError`, `PrepareError`, `WasmTrap`) so outcomes read as NEAR's do. Values the contract chose
 * (register ids, promise indices, lengths it passed) are `bigint`, as they are any u64.
 */

export type PrepareErrorName =
  | 'Serialization'
  | 'Deserialization'
  | 'InternalMemoryDeclared'
  | 'GasInstrumentation'
  | 'StackHeightInstrumentation'
  | 'Instantiate'
  | 'Memory'
  | 'TooManyFunctions'
  | 'TooManyLocals'
  | 'TooManyTables'
  | 'TooManyTableElements'
  | 'FunctionBodyTooLarge'
  | 'InstrumentedCodeTooLarge'
  | 'TooManyBlocksPerFunction'
  | 'TooManyBlocksPerContract'
  | 'TooManyTypes'
  | 'TooManyParamsPerContract'
  | 'TooManyParamsPerFunction'
  | 'OperandStackTooLarge'
  | 'TooManyGlobals'

export type WasmTrapName =
  | 'Unreachable'
  | 'IncorrectCallIndirectSignature'
  | 'MemoryOutOfBounds'
  | 'CallIndirectOOB'
  | 'IllegalArithmetic'
  | 'MisalignedAtomicAccess'
  | 'IndirectCallToNull'
  | 'StackOverflow'
  | 'GenericTrap'

export type HostError =
  | { type: 'BadUTF16' }
  | { type: 'BadUTF8' }
  | { type: 'GasExceeded' }
  | { type: 'GasLimitExceeded' }
  | { type: 'BalanceExceeded' }
  | { type: 'EmptyMethodName' }
  | { type: 'GuestPanic'; panicMsg: string }
  | { type: 'IntegerOverflow' }
  | { type: 'InvalidPromiseIndex'; promiseIdx: bigint }
  | { type: 'CannotAppendActionToJointPromise' }
  | { type: 'CannotReturnJointPromise' }
  | { type: 'CannotSetRefundToOnJointPromise' }
  | { type: 'InvalidPromiseResultIndex'; resultIdx: bigint }
  | { type: 'InvalidRegisterId'; registerId: bigint }
  | { type: 'MemoryAccessViolation' }
  | { type: 'InvalidAccountId' }
  | { type: 'InvalidMethodName' }
  | { type: 'InvalidPublicKey' }
  | { type: 'ProhibitedInView'; methodName: string }
  | { type: 'NumberOfLogsExceeded'; limit: number }
  | { type: 'KeyLengthExceeded'; length: number; limit: number }
  | { type: 'ValueLengthExceeded'; length: number; limit: number }
  | { type: 'TotalLogLengthExceeded'; length: bigint; limit: number }
  | { type: 'NumberPromisesExceeded'; numberOfPromises: number; limit: number }
  | { type: 'NumberInputDataDependenciesExceeded'; numberOfInputDataDependencies: number; limit: number }
  | { type: 'ReturnedValueLengthExceeded'; length: number; limit: number }
  | { type: 'ContractSizeExceeded'; size: number; limit: number }
  | { type: 'Deprecated'; methodName: string }
  | { type: 'ECRecoverError'; msg: string }
  | { type: 'Ed25519VerifyInvalidInput'; msg: string }
  | { type: 'P256VerifyInvalidInput'; msg: string }
  /**
   * Not one of nearcore's: the contract called a NEAR host function this local runtime does not
   * implement (alt_bn128, BLS12-381, yield/resume, global contracts, state init, gas keys,
   * validator stake). It links, so such a contract deploys, and fails only when it calls one.
   */
  | { type: 'UnsupportedHostFunction'; name: string }

export type CompilationError = { type: 'PrepareError'; error: PrepareErrorName } | { type: 'WasmtimeCompileError'; msg: string }

export type MethodResolveErrorName = 'MethodEmptyName' | 'MethodNotFound' | 'MethodInvalidSignature'

export type FunctionCallError =
  | { type: 'CompilationError'; error: CompilationError }
  | { type: 'LinkError'; msg: string }
  | { type: 'MethodResolveError'; error: MethodResolveErrorName }
  | { type: 'WasmTrap'; trap: WasmTrapName }
  | { type: 'HostError'; error: HostError }

/**
 * Why a call's effects were not kept: the call failed (`FunctionCallError`), or it succeeded but
 * left the account unable to pay for its storage (nearcore's `ActionErrorKind::LackBalanceForState`,
 * `amount` being what is missing).
 */
export type ExecutionError = FunctionCallError | { type: 'LackBalanceForState'; accountId: string; amount: bigint }

/** Thrown by a host function to stop the call with a `HostError`, as nearcore's host functions return `Err`. */
export class HostErrorSignal extends Error {
  constructor(readonly error: HostError) {
    super(`NEAR host error ${error.type}`)
  }
}

/** Thrown by the runtime's own instrumentation imports to stop the call with a `WasmTrap`. */
export class WasmTrapSignal extends Error {
  constructor(readonly trap: WasmTrapName) {
    super(`WebAssembly trap ${trap}`)
  }
}

export const hostError = (error: HostError): HostErrorSignal => new HostErrorSignal(error)

const prepareMessages: Record<PrepareErrorName, string> = {
  Serialization: 'Error happened while serializing the module.',
  Deserialization: 'Error happened while deserializing the module.',
  InternalMemoryDeclared: 'Internal memory declaration has been found in the module.',
  GasInstrumentation: 'Gas instrumentation failed.',
  StackHeightInstrumentation: 'Stack instrumentation failed.',
  Instantiate: 'Error happened during instantiation.',
  Memory: 'Error creating memory.',
  TooManyFunctions: 'Too many functions in contract.',
  TooManyLocals: 'Too many locals declared in the contract.',
  TooManyTables: 'Too many tables declared in the contract.',
  TooManyTableElements: 'Too many table elements declared in the contract.',
  FunctionBodyTooLarge: 'A function body in the contract exceeds the size limit.',
  InstrumentedCodeTooLarge: 'The instrumented code exceeds the size limit.',
  TooManyBlocksPerFunction: 'Too many basic blocks in a function.',
  TooManyBlocksPerContract: 'Too many basic blocks in a contract.',
  TooManyTypes: 'Too many type-section entries declared in the contract.',
  TooManyParamsPerContract: 'Too many function parameters in the contract',
  TooManyParamsPerFunction: 'Too many parameters in a single function',
  OperandStackTooLarge: 'A function uses too much operand stack.',
  TooManyGlobals: 'Too many globals declared in the contract.',
}

const trapMessages: Record<WasmTrapName, string> = {
  Unreachable: 'An `unreachable` opcode was executed.',
  IncorrectCallIndirectSignature: 'Call indirect incorrect signature trap.',
  MemoryOutOfBounds: 'Memory out of bounds trap.',
  CallIndirectOOB: 'Call indirect out of bounds trap.',
  IllegalArithmetic: 'An arithmetic exception, e.g. divided by zero.',
  MisalignedAtomicAccess: 'Misaligned atomic access trap.',
  GenericTrap: 'Generic trap.',
  StackOverflow: 'Stack overflow.',
  IndirectCallToNull: 'Indirect call to null.',
}

/** nearcore's `Display` of a host error: the text NEAR's RPC shows in `ExecutionError`. */
export function describeHostError(error: HostError): string {
  switch (error.type) {
    case 'BadUTF8':
      return 'String encoding is bad UTF-8 sequence.'
    case 'BadUTF16':
      return 'String encoding is bad UTF-16 sequence.'
    case 'GasExceeded':
      return 'Exceeded the prepaid gas.'
    case 'GasLimitExceeded':
      return 'Exceeded the maximum amount of gas allowed to burn per contract.'
    case 'BalanceExceeded':
      return 'Exceeded the account balance.'
    case 'EmptyMethodName':
      return 'Tried to call an empty method name.'
    case 'GuestPanic':
      return `Smart contract panicked: ${error.panicMsg}`
    case 'IntegerOverflow':
      return 'Integer overflow.'
    case 'InvalidPromiseIndex':
      return `${error.promiseIdx} does not correspond to existing promises`
    case 'CannotAppendActionToJointPromise':
      return 'Actions can only be appended to non-joint promise.'
    case 'CannotReturnJointPromise':
      return 'Returning joint promise is currently prohibited.'
    case 'CannotSetRefundToOnJointPromise':
      return 'Setting refund_to on a joint promise is prohibited.'
    case 'InvalidPromiseResultIndex':
      return `Accessed invalid promise result index: ${error.resultIdx}`
    case 'InvalidRegisterId':
      return `Accessed invalid register id: ${error.registerId}`
    case 'MemoryAccessViolation':
      return 'Accessed memory outside the bounds.'
    case 'InvalidAccountId':
      return 'VM Logic returned an invalid account id'
    case 'InvalidMethodName':
      return 'VM Logic returned an invalid method name'
    case 'InvalidPublicKey':
      return 'VM Logic provided an invalid public key'
    case 'ProhibitedInView':
      return `${error.methodName} is not allowed in view calls`
    case 'NumberOfLogsExceeded':
      return `The number of logs will exceed the limit ${error.limit}`
    case 'KeyLengthExceeded':
      return `The length of a storage key ${error.length} exceeds the limit ${error.limit}`
    case 'ValueLengthExceeded':
      return `The length of a storage value ${error.length} exceeds the limit ${error.limit}`
    case 'TotalLogLengthExceeded':
      return `The length of a log message ${error.length} exceeds the limit ${error.limit}`
    case 'NumberPromisesExceeded':
      return `The number of promises within a FunctionCall ${error.numberOfPromises} exceeds the limit ${error.limit}`
    case 'NumberInputDataDependenciesExceeded':
      return `The number of input data dependencies ${error.numberOfInputDataDependencies} exceeds the limit ${error.limit}`
    case 'ReturnedValueLengthExceeded':
      return `The length of a returned value ${error.length} exceeds the limit ${error.limit}`
    case 'ContractSizeExceeded':
      return `The size of a contract code in DeployContract action ${error.size} exceeds the limit ${error.limit}`
    case 'Deprecated':
      return `Attempted to call deprecated host function ${error.methodName}`
    case 'ECRecoverError':
      return `ECDSA recover error: ${error.msg}`
    case 'Ed25519VerifyInvalidInput':
      return `ED25519 signature verification error: ${error.msg}`
    case 'P256VerifyInvalidInput':
      return `P256 signature verification error: ${error.msg}`
    case 'UnsupportedHostFunction':
      return `The local runtime does not implement the host function ${error.name}`
  }
}

/** nearcore's `Display` of a function-call error. */
export function describeFunctionCallError(error: FunctionCallError): string {
  switch (error.type) {
    case 'CompilationError':
      return error.error.type === 'PrepareError' ? `PrepareError: ${prepareMessages[error.error.error]}` : `Wasmtime compilation error: ${error.error.msg}`
    case 'LinkError':
      return error.msg
    case 'MethodResolveError':
      return error.error
    case 'WasmTrap':
      return `WebAssembly trap: ${trapMessages[error.trap]}`
    case 'HostError':
      return describeHostError(error.error)
  }
}

/**
 * A function-call error as NEAR's RPC reports it (the `FunctionCallError` of an `ActionError`):
 * compilation and method errors keep their structure; host errors, traps and link errors are
 * collapsed into `ExecutionError` with their text, as nearcore's runtime conversion does.
 */
export function rpcFunctionCallError(error: FunctionCallError): Record<string, unknown> {
  switch (error.type) {
    case 'CompilationError':
      return {
        CompilationError: error.error.type === 'PrepareError' ? { PrepareError: error.error.error } : { WasmerCompileError: { msg: error.error.msg } },
      }
    case 'MethodResolveError':
      return { MethodResolveError: error.error }
    case 'LinkError':
      return { ExecutionError: `Link Error: ${error.msg}` }
    case 'WasmTrap':
    case 'HostError':
      return { ExecutionError: describeFunctionCallError(error) }
  }
}
