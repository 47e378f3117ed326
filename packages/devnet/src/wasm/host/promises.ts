/**
 * Promises (nearcore's "Promises API"): the receipts a call creates, their actions, and the
 * results a callback reads. Nothing runs here; the receipts go back to the chain, which executes
 * them in later blocks. Every function is refused in views. Each action is charged its send fee
 * now (burnt) and reserves its execution fee (used), and a function call reserves the gas it
 * attaches, as nearcore's `pay_action_base` / `pay_action_per_byte` / `prepay_gas` do.
 */
import type { CallState } from '../call-state'
import { accountIdProblem } from '../../near-account-id'
import { hostError } from '../errors'
import { payActionBase, payActionPerByte, sendFee } from '../gas-counter'
import { actionFees, features, limits } from '../protocol-parameters'
import type { Action, PublicKeyBytes } from '../types'
import { memoryOrRegister, readMemory, readU128 } from './guest-data'

const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

function utf8(bytes: Uint8Array, error: 'BadUTF8' | 'InvalidMethodName'): string {
  try {
    return utf8Fatal.decode(bytes)
  } catch {
    throw hostError({ type: error })
  }
}

/** nearcore's `read_and_parse_account_id`: charged as UTF-8 decoding, validated strictly. */
function readAccountId(call: CallState, len: bigint, ptr: bigint): string {
  const bytes = memoryOrRegister(call, ptr, len)
  call.gas.payBase('utf8_decoding_base')
  call.gas.payPer('utf8_decoding_byte', bytes.length)
  const accountId = utf8(bytes, 'BadUTF8')
  if (accountIdProblem(accountId) !== undefined) throw hostError({ type: 'InvalidAccountId' })
  return accountId
}

/**
 * A borsh `PublicKey` as nearcore decodes it: Ed25519 (type 0, 32 bytes) or secp256k1 (type 1,
 * 64 bytes). The error is raised only when the key is used, after the action is charged.
 */
function decodePublicKey(bytes: Uint8Array): PublicKeyBytes | undefined {
  if (bytes[0] === 0 && bytes.length === 33) return { keyType: 0, data: bytes.slice(1) }
  if (bytes[0] === 1 && bytes.length === 65) return { keyType: 1, data: bytes.slice(1) }
  return undefined
}

function publicKeyOrFail(key: PublicKeyBytes | undefined): PublicKeyBytes {
  if (!key) throw hostError({ type: 'InvalidPublicKey' })
  return key
}

function pushPromise(call: CallState, entry: CallState['promises'][number]): bigint {
  call.promises.push(entry)
  if (call.promises.length > limits.maxPromisesPerFunctionCallAction) {
    throw hostError({ type: 'NumberPromisesExceeded', numberOfPromises: call.promises.length, limit: limits.maxPromisesPerFunctionCallAction })
  }
  return BigInt(call.promises.length - 1)
}

function promiseAt(call: CallState, promiseIdx: bigint): CallState['promises'][number] {
  const entry = promiseIdx < BigInt(call.promises.length) ? call.promises[Number(promiseIdx)] : undefined
  if (!entry) throw hostError({ type: 'InvalidPromiseIndex', promiseIdx })
  return entry
}

/** The receipt a promise names, and whether it goes to this account (`sir`). */
function receiptOf(call: CallState, promiseIdx: bigint): { receipt: number; sir: boolean } {
  const entry = promiseAt(call, promiseIdx)
  if (entry.kind === 'joint') throw hostError({ type: 'CannotAppendActionToJointPromise' })
  return { receipt: entry.receiptIndex, sir: call.receipts[entry.receiptIndex]!.receiverId === call.context.currentAccountId }
}

/** A new receipt's fees: sending it, executing it, and a data receipt for each result it waits for. */
function payForNewReceipt(call: CallState, sir: boolean, dependenciesToSameReceiver: boolean[]): void {
  const action = actionFees.new_action_receipt
  const data = actionFees.new_data_receipt_base
  let burn = sendFee(action, sir)
  for (const sameReceiver of dependenciesToSameReceiver) burn += sendFee(data, sameReceiver) + data.execution
  call.gas.payAction('new_action_receipt', burn, burn + action.execution)
}

function newReceipt(call: CallState, receiverId: string, dependsOn: number[]): bigint {
  call.receipts.push({ receiverId, dependsOn, actions: [], refundTo: undefined })
  return pushPromise(call, { kind: 'receipt', receiptIndex: call.receipts.length - 1 })
}

function appendAction(call: CallState, receipt: number, action: Action): number {
  const actions = call.receipts[receipt]!.actions
  actions.push(action)
  return actions.length - 1
}

export function promise_batch_create(call: CallState, accountIdLen: bigint, accountIdPtr: bigint): bigint {
  call.gas.payBase('base')
  call.refuseInView('promise_batch_create')
  const accountId = readAccountId(call, accountIdLen, accountIdPtr)
  payForNewReceipt(call, accountId === call.context.currentAccountId, [])
  return newReceipt(call, accountId, [])
}

export function promise_batch_then(call: CallState, promiseIdx: bigint, accountIdLen: bigint, accountIdPtr: bigint): bigint {
  call.gas.payBase('base')
  call.refuseInView('promise_batch_then')
  const accountId = readAccountId(call, accountIdLen, accountIdPtr)
  const entry = promiseAt(call, promiseIdx)
  const dependsOn = entry.kind === 'receipt' ? [entry.receiptIndex] : [...entry.receiptIndices]
  const sameReceiver = dependsOn.map((receipt) => call.receipts[receipt]!.receiverId === accountId)
  payForNewReceipt(call, accountId === call.context.currentAccountId, sameReceiver)
  return newReceipt(call, accountId, dependsOn)
}

export function promise_and(call: CallState, promiseIdxPtr: bigint, promiseIdxCount: bigint): bigint {
  call.gas.payBase('base')
  call.refuseInView('promise_and')
  call.gas.payBase('promise_and_base')
  const bytes = promiseIdxCount * 8n
  if (bytes > (1n << 64n) - 1n) throw hostError({ type: 'IntegerOverflow' })
  call.gas.payPer('promise_and_per_promise', Number(bytes))
  const indices = readMemory(call, promiseIdxPtr, bytes)
  const view = new DataView(indices.buffer, indices.byteOffset, indices.byteLength)
  const receipts: number[] = []
  for (let offset = 0; offset < indices.length; offset += 8) {
    const entry = promiseAt(call, view.getBigUint64(offset, true))
    if (entry.kind === 'receipt') receipts.push(entry.receiptIndex)
    else receipts.push(...entry.receiptIndices)
    if (receipts.length > limits.maxNumberInputDataDependencies) {
      throw hostError({
        type: 'NumberInputDataDependenciesExceeded',
        numberOfInputDataDependencies: receipts.length,
        limit: limits.maxNumberInputDataDependencies,
      })
    }
  }
  return pushPromise(call, { kind: 'joint', receiptIndices: receipts })
}

/** The arguments of a function-call action, as `promise_create` and `promise_then` take them after the receiver. */
type FunctionCallArgs = [methodNameLen: bigint, methodNamePtr: bigint, argumentsLen: bigint, argumentsPtr: bigint, amountPtr: bigint, gas: bigint]

export function promise_create(call: CallState, accountIdLen: bigint, accountIdPtr: bigint, ...functionCall: FunctionCallArgs): bigint {
  const promise = promise_batch_create(call, accountIdLen, accountIdPtr)
  promise_batch_action_function_call_weight(call, promise, ...functionCall, 0n)
  return promise
}

export function promise_then(call: CallState, promiseIdx: bigint, accountIdLen: bigint, accountIdPtr: bigint, ...functionCall: FunctionCallArgs): bigint {
  const promise = promise_batch_then(call, promiseIdx, accountIdLen, accountIdPtr)
  promise_batch_action_function_call_weight(call, promise, ...functionCall, 0n)
  return promise
}

export function promise_set_refund_to(call: CallState, promiseIdx: bigint, accountIdLen: bigint, accountIdPtr: bigint): void {
  call.gas.payBase('base')
  call.refuseInView('promise_set_refund_to')
  const refundTo = readAccountId(call, accountIdLen, accountIdPtr)
  const entry = promiseAt(call, promiseIdx)
  if (entry.kind === 'joint') throw hostError({ type: 'CannotSetRefundToOnJointPromise' })
  call.receipts[entry.receiptIndex]!.refundTo = refundTo
}

export function promise_batch_action_create_account(call: CallState, promiseIdx: bigint): void {
  call.gas.payBase('base')
  call.refuseInView('promise_batch_action_create_account')
  const { receipt, sir } = receiptOf(call, promiseIdx)
  payActionBase(call.gas, 'create_account', sir)
  appendAction(call, receipt, { kind: 'CreateAccount' })
}

export function promise_batch_action_deploy_contract(call: CallState, promiseIdx: bigint, codeLen: bigint, codePtr: bigint): void {
  call.gas.payBase('base')
  call.refuseInView('promise_batch_action_deploy_contract')
  const code = memoryOrRegister(call, codePtr, codeLen)
  if (code.length > limits.maxContractSize) throw hostError({ type: 'ContractSizeExceeded', size: code.length, limit: limits.maxContractSize })
  const { receipt, sir } = receiptOf(call, promiseIdx)
  payActionBase(call.gas, 'deploy_contract_base', sir)
  payActionPerByte(call.gas, 'deploy_contract_byte', code.length, sir)
  appendAction(call, receipt, { kind: 'DeployContract', code: code.slice() })
}

export function promise_batch_action_function_call(call: CallState, promiseIdx: bigint, ...functionCall: FunctionCallArgs): void {
  promise_batch_action_function_call_weight(call, promiseIdx, ...functionCall, 0n)
}

export function promise_batch_action_function_call_weight(
  call: CallState,
  promiseIdx: bigint,
  methodNameLen: bigint,
  methodNamePtr: bigint,
  argumentsLen: bigint,
  argumentsPtr: bigint,
  amountPtr: bigint,
  gas: bigint,
  gasWeight: bigint,
): void {
  call.gas.payBase('base')
  call.refuseInView('promise_batch_action_function_call')
  const amount = readU128(call, amountPtr)
  const methodName = memoryOrRegister(call, methodNamePtr, methodNameLen).slice()
  if (methodName.length === 0) throw hostError({ type: 'EmptyMethodName' })
  const args = memoryOrRegister(call, argumentsPtr, argumentsLen).slice()
  const { receipt, sir } = receiptOf(call, promiseIdx)
  payActionBase(call.gas, 'function_call_base', sir)
  payActionPerByte(call.gas, 'function_call_byte', methodName.length + args.length, sir)
  call.gas.prepay(Number(gas))
  // A zero-balance account may attach exactly 1 yoctoNEAR without paying it (`one_yocto_on_promise`).
  if (amount === 1n && features.oneYoctoOnPromise && call.balance === 0n) call.subsidizedAmount += amount
  else call.deductBalance(amount)
  const action = appendAction(call, receipt, {
    kind: 'FunctionCall',
    methodName: utf8(methodName, 'InvalidMethodName'),
    args,
    deposit: amount,
    gas: Number(gas),
    gasWeight,
  })
  if (gasWeight > 0n) call.gasWeights.push({ receipt, action, weight: gasWeight })
}

/** Accounts a transfer creates on arrival pay for that creation (nearcore's `transfer_send_fee`). */
function implicitCreationFees(receiverId: string): Array<keyof typeof actionFees> {
  if (/^[0-9a-f]{64}$/.test(receiverId)) return ['create_account', 'add_full_access_key']
  if (/^0x[0-9a-f]{40}$/.test(receiverId) && features.ethImplicitAccounts) return ['create_account']
  if (/^0s[0-9a-f]{40}$/.test(receiverId)) return ['create_account']
  return []
}

export function promise_batch_action_transfer(call: CallState, promiseIdx: bigint, amountPtr: bigint): void {
  call.gas.payBase('base')
  call.refuseInView('promise_batch_action_transfer')
  const amount = readU128(call, amountPtr)
  const { receipt, sir } = receiptOf(call, promiseIdx)
  const fees = [actionFees.transfer, ...implicitCreationFees(call.receipts[receipt]!.receiverId).map((name) => actionFees[name])]
  const burn = fees.reduce((sum, fee) => sum + sendFee(fee, sir), 0)
  const use = burn + fees.reduce((sum, fee) => sum + fee.execution, 0)
  call.gas.payAction('transfer', burn, use)
  call.deductBalance(amount)
  appendAction(call, receipt, { kind: 'Transfer', deposit: amount })
}

export function promise_batch_action_stake(call: CallState, promiseIdx: bigint, amountPtr: bigint, publicKeyLen: bigint, publicKeyPtr: bigint): void {
  call.gas.payBase('base')
  call.refuseInView('promise_batch_action_stake')
  const amount = readU128(call, amountPtr)
  const publicKey = decodePublicKey(memoryOrRegister(call, publicKeyPtr, publicKeyLen))
  const { receipt, sir } = receiptOf(call, promiseIdx)
  payActionBase(call.gas, 'stake', sir)
  appendAction(call, receipt, { kind: 'Stake', stake: amount, publicKey: publicKeyOrFail(publicKey) })
}

export function promise_batch_action_add_key_with_full_access(call: CallState, promiseIdx: bigint, publicKeyLen: bigint, publicKeyPtr: bigint, nonce: bigint): void {
  call.gas.payBase('base')
  call.refuseInView('promise_batch_action_add_key_with_full_access')
  const publicKey = decodePublicKey(memoryOrRegister(call, publicKeyPtr, publicKeyLen))
  const { receipt, sir } = receiptOf(call, promiseIdx)
  payActionBase(call.gas, 'add_full_access_key', sir)
  appendAction(call, receipt, { kind: 'AddKey', publicKey: publicKeyOrFail(publicKey), nonce, permission: { kind: 'FullAccess' } })
}

export function promise_batch_action_add_key_with_function_call(
  call: CallState,
  promiseIdx: bigint,
  publicKeyLen: bigint,
  publicKeyPtr: bigint,
  nonce: bigint,
  allowancePtr: bigint,
  receiverIdLen: bigint,
  receiverIdPtr: bigint,
  methodNamesLen: bigint,
  methodNamesPtr: bigint,
): void {
  call.gas.payBase('base')
  call.refuseInView('promise_batch_action_add_key_with_function_call')
  const publicKey = decodePublicKey(memoryOrRegister(call, publicKeyPtr, publicKeyLen))
  const allowance = readU128(call, allowancePtr)
  const receiverId = readAccountId(call, receiverIdLen, receiverIdPtr)
  const rawNames = memoryOrRegister(call, methodNamesPtr, methodNamesLen)
  const names = splitMethodNames(rawNames)
  const { receipt, sir } = receiptOf(call, promiseIdx)
  payActionBase(call.gas, 'add_function_call_key_base', sir)
  payActionPerByte(
    call.gas,
    'add_function_call_key_byte',
    names.reduce((sum, name) => sum + name.length + 1, 0),
    sir,
  )
  const key = publicKeyOrFail(publicKey)
  const methodNames = names.map((name) => utf8(name, 'InvalidMethodName'))
  appendAction(call, receipt, {
    kind: 'AddKey',
    publicKey: key,
    nonce,
    permission: { kind: 'FunctionCall', allowance: allowance > 0n ? allowance : undefined, receiverId, methodNames },
  })
}

/** Comma-separated method names; an empty name anywhere is `EmptyMethodName`, no names at all is fine. */
function splitMethodNames(raw: Uint8Array): Uint8Array[] {
  if (raw.length === 0) return []
  const names: Uint8Array[] = []
  let start = 0
  for (let i = 0; i <= raw.length; i++) {
    if (i === raw.length || raw[i] === 0x2c) {
      if (i === start) throw hostError({ type: 'EmptyMethodName' })
      names.push(raw.subarray(start, i))
      start = i + 1
    }
  }
  return names
}

export function promise_batch_action_delete_key(call: CallState, promiseIdx: bigint, publicKeyLen: bigint, publicKeyPtr: bigint): void {
  call.gas.payBase('base')
  call.refuseInView('promise_batch_action_delete_key')
  const publicKey = decodePublicKey(memoryOrRegister(call, publicKeyPtr, publicKeyLen))
  const { receipt, sir } = receiptOf(call, promiseIdx)
  payActionBase(call.gas, 'delete_key', sir)
  appendAction(call, receipt, { kind: 'DeleteKey', publicKey: publicKeyOrFail(publicKey) })
}

export function promise_batch_action_delete_account(call: CallState, promiseIdx: bigint, beneficiaryIdLen: bigint, beneficiaryIdPtr: bigint): void {
  call.gas.payBase('base')
  call.refuseInView('promise_batch_action_delete_account')
  const beneficiaryId = readAccountId(call, beneficiaryIdLen, beneficiaryIdPtr)
  const { receipt, sir } = receiptOf(call, promiseIdx)
  payActionBase(call.gas, 'delete_account', sir)
  appendAction(call, receipt, { kind: 'DeleteAccount', beneficiaryId })
}

export function promise_results_count(call: CallState): bigint {
  call.gas.payBase('base')
  call.refuseInView('promise_results_count')
  return BigInt(call.context.promiseResults.length)
}

export function promise_result(call: CallState, resultIdx: bigint, registerId: bigint): bigint {
  call.gas.payBase('base')
  call.refuseInView('promise_result')
  const result = resultIdx < BigInt(call.context.promiseResults.length) ? call.context.promiseResults[Number(resultIdx)] : undefined
  if (!result) throw hostError({ type: 'InvalidPromiseResultIndex', resultIdx })
  if (result.status === 'failed') return 2n
  // The result is already the host's: no per-byte register charge.
  call.registers.set(call.gas, registerId, result.data, false)
  return 1n
}

export function promise_return(call: CallState, promiseIdx: bigint): void {
  call.gas.payBase('base')
  call.gas.payBase('promise_return')
  call.refuseInView('promise_return')
  const entry = promiseAt(call, promiseIdx)
  if (entry.kind === 'joint') throw hostError({ type: 'CannotReturnJointPromise' })
  call.returnData = { kind: 'receipt', receiptIndex: entry.receiptIndex }
}
