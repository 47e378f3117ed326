import { describe, expect, it } from 'vitest'
import { distributeUnusedGas } from '../../src/wasm'
import { actionFees } from '../../src/wasm/protocol-parameters'
import { near, returnedBytes, run, tgas, watFile } from './harness'

const code = watFile('promises')
const key = { keyType: 0, data: new Uint8Array(32).fill(0x11) }
const bytes = (text: string) => new TextEncoder().encode(text)
const hostError = (error: object) => ({ type: 'HostError', error })

describe('receipts a call creates', () => {
  it('behavior: a batch of every action, described for the chain, returned as the call result', () => {
    const outcome = run(code, 'batch')
    expect(outcome.error).toBeUndefined()
    expect(outcome.receipts).toEqual([
      {
        receiverId: 'bob.test',
        dependsOn: [],
        refundTo: undefined,
        actions: [
          { kind: 'CreateAccount' },
          { kind: 'DeployContract', code: Uint8Array.from([0, 0x61, 0x73, 0x6d]) },
          { kind: 'FunctionCall', methodName: 'go', args: bytes('{}'), deposit: 5n, gas: 10 * tgas, gasWeight: 0n },
          { kind: 'Transfer', deposit: 7n },
          { kind: 'AddKey', publicKey: key, nonce: 1n, permission: { kind: 'FullAccess' } },
          { kind: 'AddKey', publicKey: key, nonce: 2n, permission: { kind: 'FunctionCall', allowance: 100n, receiverId: 'carol.test', methodNames: ['a', 'b'] } },
          { kind: 'DeleteKey', publicKey: key },
          { kind: 'DeleteAccount', beneficiaryId: 'carol.test' },
        ],
      },
    ])
    expect(outcome.returnData).toEqual({ kind: 'receipt', receiptIndex: 0 })
    expect(outcome.balance).toBe(10n * near - 12n)
  })

  it('behavior: every action reserves its execution fee, and the call its attached gas, as gas used', () => {
    const outcome = run(code, 'batch')
    const f = actionFees
    const reserved =
      f.new_action_receipt.execution +
      f.create_account.execution +
      f.deploy_contract_base.execution +
      4 * f.deploy_contract_byte.execution +
      f.function_call_base.execution +
      4 * f.function_call_byte.execution +
      10 * tgas +
      f.transfer.execution +
      f.add_full_access_key.execution +
      f.add_function_call_key_base.execution +
      4 * f.add_function_call_key_byte.execution + // "a" and "b", each with its terminator
      f.delete_key.execution +
      f.delete_account.execution
    expect(outcome.gasUsed - outcome.gasBurnt).toBe(reserved)
  })

  it('behavior: promise_and and promise_then make a callback that waits for both receipts', () => {
    const outcome = run(code, 'then_and')
    expect(outcome.receipts.map(({ receiverId, dependsOn }) => ({ receiverId, dependsOn }))).toEqual([
      { receiverId: 'bob.test', dependsOn: [] },
      { receiverId: 'carol.test', dependsOn: [] },
      { receiverId: 'contract.test', dependsOn: [0, 1] },
    ])
    expect(outcome.returnData).toEqual({ kind: 'receipt', receiptIndex: 2 })
    // The callback goes to this account (sender is receiver) and pays for the two data receipts it waits for.
    const data = actionFees.new_data_receipt_base
    expect(outcome.profile.new_action_receipt).toBe(2 * actionFees.new_action_receipt.sendNotSir + actionFees.new_action_receipt.sendSir + 2 * (data.sendNotSir + data.execution))
  })

  it('behavior: transfers to this account pay the sender-is-receiver fee', () => {
    expect(run(code, 'transfer_to_self').profile.transfer).toBe(actionFees.transfer.sendSir)
    expect(run(code, 'transfer_to_bob').profile.transfer).toBe(actionFees.transfer.sendNotSir)
  })

  it('behavior: unused gas goes to weighted function calls in proportion, and counts as used', () => {
    const outcome = distributeUnusedGas(run(code, 'weights', { context: { prepaidGas: 100 * tgas } }), 100 * tgas)
    const [first, second] = (outcome.receipts[0]!.actions as Array<{ gas: number }>).map(({ gas }) => gas)
    expect(outcome.gasUsed).toBe(100 * tgas)
    // nearcore rounds each share down and gives the last call the remainder.
    const unused = first! + second! - 1 * tgas
    expect(first).toBe(Math.floor(unused / 4))
    expect(second).toBe(1 * tgas + unused - first!)
  })

  it('behavior: promise_set_refund_to names where refunds go', () => {
    expect(run(code, 'refund_to').receipts[0]!.refundTo).toBe('carol.test')
  })

  it('behavior: an account with no balance may attach 1 yoctoNEAR to a call without paying it (protocol 85)', () => {
    const outcome = run(code, 'call_with_one_yocto', { context: { accountBalance: 0n, storageUsage: 100 } })
    expect(outcome.error).toBeUndefined()
    expect([outcome.balance, outcome.subsidizedAmount]).toEqual([0n, 1n])
    const funded = run(code, 'call_with_one_yocto')
    expect([funded.balance, funded.subsidizedAmount]).toEqual([10n * near - 1n, 0n])
  })

  it('error: receipts of a failed call are dropped', () => {
    const outcome = run(code, 'transfer_everything')
    expect(outcome.error).toEqual(hostError({ type: 'BalanceExceeded' }))
    expect(outcome.receipts).toEqual([])
  })

  it('error: bad account ids, promise indices, keys and method names, and joint promises', () => {
    expect(run(code, 'invalid_account').error).toEqual(hostError({ type: 'InvalidAccountId' }))
    expect(run(code, 'bad_index').error).toEqual(hostError({ type: 'InvalidPromiseIndex', promiseIdx: 7n }))
    expect(run(code, 'short_key').error).toEqual(hostError({ type: 'InvalidPublicKey' }))
    expect(run(code, 'empty_method_name').error).toEqual(hostError({ type: 'EmptyMethodName' }))
    expect(run(code, 'append_to_joint').error).toEqual(hostError({ type: 'CannotAppendActionToJointPromise' }))
    expect(run(code, 'return_joint').error).toEqual(hostError({ type: 'CannotReturnJointPromise' }))
  })

  it('error: views may create no promises', () => {
    expect(run(code, 'batch', { context: { isView: true } }).error).toEqual(hostError({ type: 'ProhibitedInView', methodName: 'promise_batch_create' }))
    expect(run(code, 'then_and', { context: { isView: true } }).error).toEqual(hostError({ type: 'ProhibitedInView', methodName: 'promise_batch_create' }))
  })
})

describe('promise results, in a callback', () => {
  it('behavior: the number of results, their status (1 success, 2 failure) and data', () => {
    const promiseResults = [{ status: 'successful', data: bytes('ok') }, { status: 'failed' }] as const
    const result = returnedBytes(run(code, 'results', { context: { promiseResults: [...promiseResults] } }))
    expect([result.readBigUInt64LE(0), result.readBigUInt64LE(8), result.readBigUInt64LE(16)]).toEqual([2n, 1n, 2n])
    expect(result.subarray(24).toString()).toBe('ok')
  })

  it('error: an index past the results; views have no results to read', () => {
    expect(run(code, 'result_out_of_range').error).toEqual(hostError({ type: 'InvalidPromiseResultIndex', resultIdx: 5n }))
    expect(run(code, 'results', { context: { isView: true } }).error).toEqual(hostError({ type: 'ProhibitedInView', methodName: 'promise_results_count' }))
  })
})
