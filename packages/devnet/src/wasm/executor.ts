/**
 * Runs one function call of a contract, as nearcore's Wasmtime runner and the runtime around it
 * do: charge loading, link, instantiate on a clean memory, run the start function and the method,
 * then (if it succeeded) check that the account can still pay for its storage; what the call did
 * not use of its gas goes to weighted function calls in `distributeUnusedGas`, after it. State changes and receipts are returned, never applied:
 * the chain applies them when the call succeeds.
 */
import { CallState } from './call-state'
import { type PreparedContract, prepareContract } from './contract-cache'
import { type ExecutionError, type FunctionCallError, HostErrorSignal, WasmTrapSignal, hostError } from './errors'
import { MemoryAccess, type PooledMemory, acquireMemory, releaseMemory } from './guest-memory'
import { hostFunction, hostSignatures } from './host/imports'
import { internal, pageSize } from './instrument'
import { limits, storageAmountPerByte, zeroBalanceAccountStorageLimit } from './protocol-parameters'
import { classifyFailure } from './traps'
import type { ContractStorage, ExecutionContext, FunctionCallOutcome } from './types'

/** A call the runtime cannot run as asked: a fault of the caller, not of the contract. */
export class ExecutionInputError extends Error {}

export type FunctionCallInput = {
  /** The contract's wasm, or `contract` from `prepareContract`. */
  code?: Uint8Array
  contract?: PreparedContract
  method: string
  args: Uint8Array
  context: ExecutionContext
  storage: ContractStorage
}

/** The call host functions act on; calls do not nest (receipts run later), so one at a time. */
let activeCall: CallState | undefined
let activeMemory: PooledMemory | undefined

function current(): CallState {
  if (!activeCall) throw new Error('a NEAR host function was called outside a contract call')
  return activeCall
}

const wrappers = new Map<string, (...args: never[]) => unknown>()

/** A host function as the contract imports it: gas in step with the wasm global, u64 arguments unsigned. */
function importedHostFunction(name: string): (...args: never[]) => unknown {
  let wrapper = wrappers.get(name)
  if (wrapper) return wrapper
  const implementation = hostFunction(name)
  const signature = hostSignatures[name]!
  const unsigned = [...signature.params].map((letter) => letter === 'I')
  const returnsU32 = signature.results === 'i'
  wrapper = (...args: never[]) => {
    const call = current()
    call.syncGasFromWasm()
    const converted: unknown[] = args
    for (let i = 0; i < converted.length; i++) if (unsigned[i]) converted[i] = BigInt.asUintN(64, converted[i] as bigint)
    const result = implementation(call, ...converted)
    call.syncGasToWasm()
    return returnsU32 ? Number(result) : result
  }
  wrappers.set(name, wrapper)
  return wrapper
}

/** The running contract's page count global (`memory.grow` changes it). */
let pagesGlobal: WebAssembly.Global | undefined

function visibleBytes(): number {
  return (pagesGlobal!.value as number) * pageSize
}

/** The instrumentation's own imports (module `internal`, see `instrument.ts`). */
const internalFunctions = {
  [internal.chargeGas]: (gas: bigint) => {
    const call = current()
    call.syncGasFromWasm()
    call.gas.burn(Number(gas))
    // Only reached if the charge fit after all; the code traps right after the call.
    throw hostError({ type: 'GasExceeded' })
  },
  [internal.stackExhausted]: () => {
    throw hostError({ type: 'MemoryAccessViolation' })
  },
  [internal.outOfBounds]: () => {
    throw new WasmTrapSignal('MemoryOutOfBounds')
  },
  [internal.indirectCallToNull]: () => {
    throw new WasmTrapSignal('IndirectCallToNull')
  },
  [internal.touch]: (start: number, length: number) => {
    const from = start >>> 0
    const count = length >>> 0
    if (from + count > visibleBytes()) throw new WasmTrapSignal('MemoryOutOfBounds')
    activeMemory!.markDirty(from, count)
  },
  [internal.touchRead]: (start: number, length: number) => {
    if ((start >>> 0) + (length >>> 0) > visibleBytes()) throw new WasmTrapSignal('MemoryOutOfBounds')
  },
}

const envImportsCache = new WeakMap<WebAssembly.Module, WebAssembly.ModuleImports>()

function envImports(contract: Extract<PreparedContract, { ok: true }>): WebAssembly.ModuleImports {
  let env = envImportsCache.get(contract.module)
  if (!env) {
    env = Object.fromEntries(contract.info.imports.map((entry) => [entry.name, importedHostFunction(entry.name) as () => unknown]))
    envImportsCache.set(contract.module, env)
  }
  return env
}

function checkInput(input: FunctionCallInput): void {
  if ((input.code === undefined) === (input.contract === undefined)) throw new ExecutionInputError('give either the contract code or a prepared contract')
  const { prepaidGas, isView, randomSeed } = input.context
  if (!isView && (!Number.isSafeInteger(prepaidGas) || prepaidGas < 0 || prepaidGas > limits.maxTotalPrepaidGas)) {
    throw new ExecutionInputError(`prepaid gas must be a whole number from 0 to ${limits.maxTotalPrepaidGas}; got ${prepaidGas}`)
  }
  if (!(randomSeed instanceof Uint8Array)) throw new ExecutionInputError('randomSeed must be bytes')
}

export function executeFunctionCall(input: FunctionCallInput): FunctionCallOutcome {
  checkInput(input)
  const { context } = input
  if (activeCall) throw new ExecutionInputError('a contract call is already running')
  const call = new CallState(context, input.args, input.storage, context.isView ? limits.maxGasBurntView : limits.maxGasBurnt)

  if (input.method === '') return failed(call, { type: 'MethodResolveError', error: 'MethodEmptyName' })
  const contract = input.contract ?? prepareContract(input.code!)
  // Protocol 85 charges loading only for a contract that compiled (`fix_contract_loading_cost` is off).
  if (!contract.ok) return failed(call, { type: 'CompilationError', error: contract.error })
  try {
    call.gas.payPer('contract_loading_bytes', contract.codeLength)
    call.gas.payBase('contract_loading_base')
  } catch {
    return failed(call, { type: 'HostError', error: { type: 'GasExceeded' } })
  }
  if (contract.linkError) return failed(call, { type: 'LinkError', msg: contract.linkError })
  const method = contract.info.exportedFunctions.get(input.method)
  // Before protocol 86 a method that cannot be called leaves no trace: no gas, no logs.
  if (!method) return nop(call, { type: 'MethodResolveError', error: 'MethodNotFound' })
  if (method.params.length || method.results.length) return nop(call, { type: 'MethodResolveError', error: 'MethodInvalidSignature' })
  if (contract.dataOutOfBounds) return failed(call, { type: 'WasmTrap', trap: 'MemoryOutOfBounds' })

  const failure = run(call, contract, input.method)
  if (failure) return failed(call, failure)
  return succeeded(call)
}

/** Instantiates and runs the start function and the method; the failure that stopped them, if any. */
function run(call: CallState, contract: Extract<PreparedContract, { ok: true }>, method: string): FunctionCallError | undefined {
  const memory = acquireMemory()
  // Data segments are written at instantiation: their pages must be cleared afterwards.
  for (const { offset, length } of contract.info.dataExtents) memory.markDirty(offset, length)
  activeCall = call
  activeMemory = memory
  try {
    const instance = new WebAssembly.Instance(contract.module, {
      env: envImports(contract),
      internal: { ...internalFunctions, [internal.memory]: memory.memory },
    })
    const exports = instance.exports
    call.gasGlobal = exports[internal.gasGlobal] as WebAssembly.Global
    pagesGlobal = exports[internal.pagesGlobal] as WebAssembly.Global
    const pages = pagesGlobal
    call.memory = new MemoryAccess(memory, () => pages.value as number)
    if (contract.info.hasStart) runWasm(call, exports[internal.startExport] as () => void)
    runWasm(call, exports[internal.exportPrefix + method] as () => void)
    return undefined
  } catch (error) {
    return classifyFailure(error)
  } finally {
    activeCall = undefined
    activeMemory = undefined
    pagesGlobal = undefined
    releaseMemory(memory)
  }
}

function runWasm(call: CallState, fn: () => void): void {
  call.syncGasToWasm()
  try {
    fn()
  } catch (error) {
    // Gas the code spent before it stopped is burnt, unless the stop was running out of it.
    if (!(error instanceof HostErrorSignal && (error.error.type === 'GasExceeded' || error.error.type === 'GasLimitExceeded'))) {
      try {
        call.syncGasFromWasm()
      } catch {
        // Already stopping with `error`.
      }
    }
    throw error
  }
  call.syncGasFromWasm()
}

function profileOf(call: CallState): Record<string, number> {
  return { ...call.gas.profile, wasm_execution: call.gas.wasmGas }
}

function failed(call: CallState, error: ExecutionError): FunctionCallOutcome {
  return {
    error,
    returnData: { kind: 'none' },
    logs: call.logs,
    gasBurnt: call.gas.burntGas,
    gasUsed: call.gas.usedGas,
    balance: call.context.accountBalance,
    subsidizedAmount: 0n,
    storageUsage: call.context.storageUsage,
    storageChanges: [],
    receipts: [],
    weightedCalls: [],
    profile: profileOf(call),
  }
}

function nop(call: CallState, error: FunctionCallError): FunctionCallOutcome {
  return { ...failed(call, error), logs: [], gasBurnt: 0, gasUsed: 0, profile: {} }
}

function succeeded(call: CallState): FunctionCallOutcome {
  const { context } = call
  const outcome: FunctionCallOutcome = {
    error: undefined,
    returnData: call.returnData,
    logs: call.logs,
    gasBurnt: call.gas.burntGas,
    gasUsed: call.gas.usedGas,
    balance: call.balance,
    subsidizedAmount: call.subsidizedAmount,
    storageUsage: call.storageUsage,
    storageChanges: call.storage.list(),
    receipts: call.receipts,
    weightedCalls: call.gasWeights,
    profile: profileOf(call),
  }
  if (context.isView) return outcome
  const required = BigInt(call.storageUsage) * storageAmountPerByte
  const available = call.balance + context.accountLockedBalance
  if (available < required && call.storageUsage > zeroBalanceAccountStorageLimit) {
    return failed(call, { type: 'LackBalanceForState', accountId: context.currentAccountId, amount: required - available })
  }
  return outcome
}

/**
 * Gives the gas a successful call did not use to its function calls with a weight, in
 * proportion, each share rounded down and the last weighted call getting the remainder
 * (nearcore's `ReceiptManager::distribute_gas`). nearcore's runtime does this after the VM has
 * returned, so it is a step of its own: the outcome of `executeFunctionCall` is the VM's, as
 * nearcore's runner reports it (the differential test compares exactly that).
 */
export function distributeUnusedGas(outcome: FunctionCallOutcome, prepaidGas: number): FunctionCallOutcome {
  const weightSum = outcome.weightedCalls.reduce((sum, { weight }) => sum + weight, 0n)
  const unused = prepaidGas - outcome.gasUsed
  if (outcome.error || weightSum === 0n || unused <= 0) return outcome
  const receipts = outcome.receipts.map((receipt) => ({ ...receipt, actions: [...receipt.actions] }))
  let distributed = 0
  outcome.weightedCalls.forEach(({ receipt, action, weight }, index) => {
    const share = index === outcome.weightedCalls.length - 1 ? unused - distributed : Number((BigInt(unused) * weight) / weightSum)
    distributed += share
    const target = receipts[receipt]!.actions[action]!
    if (target.kind === 'FunctionCall') receipts[receipt]!.actions[action] = { ...target, gas: target.gas + share }
  })
  return { ...outcome, receipts, gasUsed: outcome.gasUsed + distributed }
}
