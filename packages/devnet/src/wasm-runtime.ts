import { fromBase58 } from '@crosschain-lending/protocol'
import type { ContractCallInput, ContractCallOutcome, ContractRuntime } from './contract-runtime'
import { devnetChainId } from './genesis'
import { type ExecutionContext, distributeUnusedGas, executeFunctionCall, prepareContract, rpcFunctionCallError } from './wasm'

/**
 * The chain's bridge to the NEAR wasm runtime (`./wasm`): the chain's accounts and receipts in
 * the runtime's context, the runtime's outcome in the chain's terms. Compiled modules are
 * cached by code hash inside the runtime, so a contract is prepared once per process.
 */
export const wasmRuntime: ContractRuntime = {
  call(input: ContractCallInput): ContractCallOutcome {
    if (!input.code) return { ok: false, error: { CompilationError: { CodeDoesNotExist: { account_id: input.accountId } } }, logs: [], gasBurnt: 0n, gasUsed: 0n }
    const contract = prepareContract(input.code)
    const context = executionContext(input)
    const outcome = distributeUnusedGas(executeFunctionCall({ contract, method: input.method, args: input.args, context, storage: storageOf(input) }), context.prepaidGas)
    const gasBurnt = BigInt(outcome.gasBurnt)
    const gasUsed = BigInt(outcome.gasUsed)
    if (outcome.error) {
      const error = outcome.error.type === 'LackBalanceForState' ? { LackBalanceForState: { account_id: outcome.error.accountId, amount: outcome.error.amount.toString() } } : rpcFunctionCallError(outcome.error)
      return { ok: false, error, logs: outcome.logs, gasBurnt, gasUsed }
    }
    const dataChanges = new Map<string, Uint8Array | null>()
    for (const change of outcome.storageChanges) dataChanges.set(Buffer.from(change.key).toString('hex'), change.value ?? null)
    const returned = outcome.returnData.kind === 'receipt' ? { receipt: outcome.returnData.receiptIndex } : { value: outcome.returnData.kind === 'value' ? outcome.returnData.value : new Uint8Array() }
    return {
      ok: true,
      returned,
      logs: outcome.logs,
      gasBurnt,
      gasUsed,
      receipts: outcome.receipts,
      dataChanges,
      storageUsage: BigInt(outcome.storageUsage),
      // The runtime reports the balance after the call; the chain credited the deposit already.
      balanceSpent: input.account.amount - outcome.balance,
    }
  },
}

function executionContext(input: ContractCallInput): ExecutionContext {
  return {
    currentAccountId: input.accountId,
    signerAccountId: input.signerId,
    signerAccountPk: borshPublicKey(input.signerPublicKey),
    predecessorAccountId: input.predecessorId,
    blockIndex: BigInt(input.blockHeight),
    blockTimestampNs: BigInt(input.blockTimestampMs) * 1_000_000n,
    // One epoch on this chain: it has a single validator and never rotates.
    epochHeight: 0n,
    attachedDeposit: input.attachedDeposit,
    prepaidGas: Number(input.prepaidGas),
    accountBalance: input.account.amount - input.attachedDeposit,
    accountLockedBalance: input.account.locked,
    storageUsage: Number(input.account.storageUsage),
    randomSeed: input.randomSeed,
    isView: input.isView,
    promiseResults: input.promiseResults,
    chainId: devnetChainId,
    ...(input.codeHash ? { codeHash: fromBase58(input.codeHash) } : {}),
  }
}

function storageOf(input: ContractCallInput) {
  return { get: (key: Uint8Array) => input.account.data.get(Buffer.from(key).toString('hex')) }
}

/** `ed25519:<base58>` as NEAR's borsh `PublicKey`: the key type byte, then the key. */
function borshPublicKey(text: string): Uint8Array {
  const [type, data] = text.split(':') as [string, string | undefined]
  if (!data) return new Uint8Array(33)
  return Uint8Array.from([type === 'secp256k1' ? 1 : 0, ...fromBase58(data)])
}
