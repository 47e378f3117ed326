import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Account, JsonRpcProvider, KeyPair, KeyPairSigner, actions, baseDecode, createTransaction, getTransactionLastResult } from 'near-api-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { receiptFees } from '../src/action-fees'
import type { ContractCallInput, ContractCallOutcome, ContractRuntime, OutgoingReceipt } from '../src/contract-runtime'
import { Devnet, type RunningDevnet, startDevnet } from '../src/index'

/**
 * The chain's own rules for accounts, keys, code and receipts, tried through near-api-js. The
 * contract runtime here is a script interpreter written for these tests (its "code" is JSON
 * saying what each method does), so the chain's receipt engine is tested apart from the wasm
 * runtime, which has its own tests and runs real NEAR contracts.
 */
type Step =
  | { return: string }
  | { returnInput: true }
  | { returnPromiseResult: true }
  | { panic: string }
  | { write: string }
  | { callThen: { receiver: string; method: string; callback: string } }
  | { transferOut: { receiver: string; amount: string } }
  | { callThenPanic: true }
type Script = Record<string, Step>

const scriptRuntime: ContractRuntime = {
  call(input: ContractCallInput): ContractCallOutcome {
    const gas = 1_000_000_000_000n
    const script = JSON.parse(new TextDecoder().decode(input.code)) as Script
    const step = script[input.method]
    // As NEAR charges a promise: its send fees are burnt now, its execution fees and attached gas are used (prepaid).
    const ok = (returned: { value: Uint8Array } | { receipt: number }, rest: Partial<Extract<ContractCallOutcome, { ok: true }>> = {}): ContractCallOutcome => {
      const receipts: OutgoingReceipt[] = rest.receipts ?? []
      const fees = receipts.map((receipt) => receiptFees(receipt.actions, receipt.receiverId === input.accountId)).reduce((sum, each) => ({ send: sum.send + each.send, execution: sum.execution + each.execution }), { send: 0n, execution: 0n })
      const used = (rest.gasUsed ?? gas) + fees.send + fees.execution
      return { ok: true, returned, logs: [`${input.method} by ${input.predecessorId}`], gasBurnt: gas + fees.send, dataChanges: new Map(), storageUsage: input.account.storageUsage, balanceSpent: 0n, ...rest, receipts, gasUsed: used }
    }
    const text = (value: string) => ({ value: new TextEncoder().encode(value) })
    if (!step) return { ok: false, error: { MethodResolveError: 'MethodNotFound' }, logs: [], gasBurnt: gas, gasUsed: gas }
    if ('return' in step) return ok(text(step.return))
    if ('returnInput' in step) return ok({ value: input.args })
    if ('returnPromiseResult' in step) {
      const [result] = input.promiseResults
      return ok(text(result?.status === 'successful' ? `got ${new TextDecoder().decode(result.data)}` : 'got a failure'))
    }
    if ('panic' in step) return { ok: false, error: { ExecutionError: `Smart contract panicked: ${step.panic}` }, logs: [], gasBurnt: gas, gasUsed: gas }
    if ('write' in step) {
      const key = Buffer.from(step.write).toString('hex')
      const value = input.args
      return ok(text('written'), { dataChanges: new Map([[key, value]]), storageUsage: input.account.storageUsage + 40n + BigInt(key.length / 2 + value.length) })
    }
    if ('callThen' in step) {
      const attached = 20_000_000_000_000n
      return ok(
        { receipt: 1 },
        {
          gasUsed: gas + 2n * attached,
          receipts: [
            { receiverId: step.callThen.receiver, actions: [{ kind: 'FunctionCall', methodName: step.callThen.method, args: new Uint8Array(), gas: Number(attached), deposit: 0n, gasWeight: 0n }], dependsOn: [] },
            { receiverId: input.accountId, actions: [{ kind: 'FunctionCall', methodName: step.callThen.callback, args: new Uint8Array(), gas: Number(attached), deposit: 0n, gasWeight: 0n }], dependsOn: [0] },
          ],
        },
      )
    }
    if ('callThenPanic' in step) {
      // As the wasm runtime reports a call that attached gas to a promise and then failed: used counts the attached gas.
      const attached = 20_000_000_000_000n
      return { ok: false, error: { ExecutionError: 'Smart contract panicked: after the promise' }, logs: [], gasBurnt: gas, gasUsed: gas + attached }
    }
    const amount = BigInt(step.transferOut.amount)
    if (amount > input.account.amount) return { ok: false, error: { HostError: { BalanceExceeded: {} } }, logs: [], gasBurnt: gas, gasUsed: gas }
    return ok(text('sent'), { receipts: [{ receiverId: step.transferOut.receiver, actions: [{ kind: 'Transfer', deposit: amount }], dependsOn: [] }], balanceSpent: amount })
  },
}

let devnet: RunningDevnet
let dataDir: string
let provider: JsonRpcProvider

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'ccl-devnet-actions-'))
  devnet = await startDevnet({ dataDir, port: 0, blockIntervalMs: 10, wasm: scriptRuntime, lending: false })
  provider = new JsonRpcProvider({ url: devnet.url }, { retries: 1 })
})

afterAll(async () => {
  await devnet.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const near = (amount: bigint) => amount * 10n ** 24n
const rpc = (method: string, params: unknown): Promise<{ result?: Record<string, unknown>; error?: { cause: { name: string }; data: unknown } }> =>
  fetch(devnet.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) }).then((r) => r.json() as never)

/** A faucet-funded account (10 NEAR) with a full-access key, as near-api-js holds it. */
async function fundedAccount(name: string): Promise<{ account: Account; key: KeyPair; accountId: string }> {
  const key = KeyPair.fromRandom('ed25519')
  const accountId = `${name}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}.devnet`
  const created = await rpc('dev_create_near_account', { account_id: accountId, public_key: key.getPublicKey().toString() })
  expect(created.error).toBeUndefined()
  return { account: new Account(accountId, provider, key.toString() as never), key, accountId }
}

/** Sends a transaction signed by `key` for `signerId`, returning the RPC's answer (result or error) rather than throwing. */
async function sendRaw(signerId: string, key: KeyPair, receiverId: string, list: ReturnType<typeof actions.transfer>[]) {
  const accessKey = await provider.viewAccessKey({ accountId: signerId, publicKey: key.getPublicKey() })
  const head = await provider.viewBlock({ finality: 'final' })
  const { signedTransaction } = await new KeyPairSigner(key).signTransaction(createTransaction(signerId, key.getPublicKey(), receiverId, accessKey.nonce + 1n, list, baseDecode(head.header.hash)))
  const { encodeTransaction } = await import('near-api-js')
  return rpc('broadcast_tx_commit', [Buffer.from(encodeTransaction(signedTransaction)).toString('base64')])
}

const script = (methods: Script) => new TextEncoder().encode(JSON.stringify(methods))

describe('accounts and keys follow NEAR', () => {
  it('behavior: a parent creates, funds and keys a sub-account in one transaction; its storage_usage is what NEAR counts (182 bytes with one full-access key)', async () => {
    const parent = await fundedAccount('parent')
    const childKey = KeyPair.fromRandom('ed25519')
    const childId = `kid.${parent.accountId}`
    const outcome = await parent.account.signAndSendTransaction({
      receiverId: childId,
      actions: [actions.createAccount(), actions.transfer(near(2n)), actions.addFullAccessKey(childKey.getPublicKey())],
    })
    expect(outcome.status).toEqual({ SuccessValue: '' })
    const child = await provider.viewAccount({ accountId: childId })
    expect(child.amount).toBe(near(2n))
    expect(child.storage_usage).toBe(182)
    const keys = await provider.viewAccessKeyList({ accountId: childId })
    expect(keys.keys.map((each) => each.public_key)).toEqual([childKey.getPublicKey().toString()])
    expect(keys.keys[0]!.access_key.permission).toBe('FullAccess')
  })

  it("error: an account cannot create another account's sub-account nor a short top-level name; nothing is created and the deposit comes back", async () => {
    const intruder = await fundedAccount('intruder')
    const before = (await provider.viewAccount({ accountId: intruder.accountId })).amount
    for (const [target, refusal] of [
      ['stolen.relayer.devnet', 'CreateAccountNotAllowed'],
      ['short', 'CreateAccountOnlyByRegistrar'],
    ] as const) {
      const answer = await sendRaw(intruder.accountId, intruder.key, target, [actions.createAccount(), actions.transfer(near(1n))])
      expect(answer.result?.status).toMatchObject({ Failure: { ActionError: { index: 0, kind: { [refusal]: { account_id: target } } } } })
      expect((await rpc('query', { request_type: 'view_account', finality: 'final', account_id: target })).error?.cause.name).toBe('UNKNOWN_ACCOUNT')
    }
    const after = (await provider.viewAccount({ accountId: intruder.accountId })).amount
    // Only fees were spent: both 1-NEAR deposits came back.
    expect(before - after).toBeLessThan(near(1n) / 100n)
  })

  it('error: a function-call key signs only one call, to its receiver and methods, without deposit, within its allowance', async () => {
    const owner = await fundedAccount('limited')
    const limited = KeyPair.fromRandom('ed25519')
    const allowance = 30_000_000_000_000n * 100_000_000n // enough for about one 30 Tgas call with its fees
    await owner.account.signAndSendTransaction({ receiverId: owner.accountId, actions: [actions.addFunctionCallAccessKey(limited.getPublicKey(), 'game.devnet', ['play'], allowance)] })
    const view = await provider.viewAccessKey({ accountId: owner.accountId, publicKey: limited.getPublicKey() })
    expect(view.permission).toEqual({ FunctionCall: { allowance: allowance.toString(), receiver_id: 'game.devnet', method_names: ['play'] } })

    const refusal = async (receiver: string, list: ReturnType<typeof actions.transfer>[]) => {
      const answer = await sendRaw(owner.accountId, limited, receiver, list)
      return (answer.error?.data as { TxExecutionError?: { InvalidTxError?: { InvalidAccessKeyError?: unknown } } }).TxExecutionError?.InvalidTxError?.InvalidAccessKeyError
    }
    const call = (method: string, deposit = 0n, gas = 10_000_000_000_000n) => actions.functionCall(method, new Uint8Array(), gas, deposit)
    expect(await refusal('other.devnet', [call('play')])).toEqual({ ReceiverMismatch: { tx_receiver: 'other.devnet', ak_receiver: 'game.devnet' } })
    expect(await refusal('game.devnet', [call('cheat')])).toEqual({ MethodNameMismatch: { method_name: 'cheat' } })
    expect(await refusal('game.devnet', [call('play', 1n)])).toBe('DepositWithFunctionCall')
    expect(await refusal('game.devnet', [actions.transfer(1n)])).toBe('RequiresFullAccess')
    expect(await refusal('game.devnet', [call('play'), call('play')])).toBe('RequiresFullAccess')
    expect(await refusal('game.devnet', [call('play', 0n, 300_000_000_000_000n)])).toMatchObject({ NotEnoughAllowance: { account_id: owner.accountId, allowance: allowance.toString() } })
    // The nonce did not move: nothing was accepted.
    expect((await provider.viewAccessKey({ accountId: owner.accountId, publicKey: limited.getPublicKey() })).nonce).toBe(view.nonce)
  })

  it('behavior: a deleted key signs nothing more; an unknown key cannot be deleted', async () => {
    const owner = await fundedAccount('rotate')
    const spare = KeyPair.fromRandom('ed25519')
    await owner.account.signAndSendTransaction({ receiverId: owner.accountId, actions: [actions.addFullAccessKey(spare.getPublicKey())] })
    const spareAccount = new Account(owner.accountId, provider, spare.toString() as never)
    await spareAccount.signAndSendTransaction({ receiverId: owner.accountId, actions: [actions.deleteKey(owner.key.getPublicKey())] })
    const answer = await sendRaw(owner.accountId, spare, owner.accountId, [actions.deleteKey(KeyPair.fromRandom('ed25519').getPublicKey())])
    expect(answer.result?.status).toMatchObject({ Failure: { ActionError: { kind: { DeleteKeyDoesNotExist: { account_id: owner.accountId } } } } })
    await expect(owner.account.signAndSendTransaction({ receiverId: owner.accountId, actions: [actions.transfer(1n)] })).rejects.toThrow(/not found|AccessKeyNotFound|does not exist/i)
  })
})

describe('contracts and receipts follow NEAR', () => {
  it('behavior: DeployContract stores the code: view_code returns it, view_account shows its hash, storage_usage grows by its length', async () => {
    const owner = await fundedAccount('deployer')
    const before = await provider.viewAccount({ accountId: owner.accountId })
    const code = script({ hello: { return: '"hi"' } })
    await owner.account.signAndSendTransaction({ receiverId: owner.accountId, actions: [actions.deployContract(code)] })
    const after = await provider.viewAccount({ accountId: owner.accountId })
    expect(after.storage_usage - before.storage_usage).toBe(code.length)
    const viewed = await rpc('query', { request_type: 'view_code', finality: 'final', account_id: owner.accountId })
    expect(Buffer.from(viewed.result!.code_base64 as string, 'base64')).toEqual(Buffer.from(code))
    expect(viewed.result!.hash).toBe(after.code_hash)
    expect(await provider.callFunction({ contractId: owner.accountId, method: 'hello', args: {} })).toBe('hi')
  })

  it('behavior: a call that makes a promise and a callback runs across blocks; the transaction is final when the callback has run, with its result', async () => {
    const caller = await fundedAccount('caller')
    const callee = await fundedAccount('callee')
    await callee.account.signAndSendTransaction({ receiverId: callee.accountId, actions: [actions.deployContract(script({ pong: { return: '"pong"' } }))] })
    await caller.account.signAndSendTransaction({
      receiverId: caller.accountId,
      actions: [actions.deployContract(script({ ping: { callThen: { receiver: callee.accountId, method: 'pong', callback: 'done' } }, done: { returnPromiseResult: true } }))],
    })
    const heightBefore = devnet.chain.head.height
    const outcome = await caller.account.signAndSendTransaction({ receiverId: caller.accountId, actions: [actions.functionCall('ping', {}, 100_000_000_000_000n, 0n)] })
    expect(getTransactionLastResult(outcome)).toBe('got "pong"')
    expect(outcome.receipts_outcome.map((receipt) => receipt.outcome.executor_id)).toEqual([caller.accountId, callee.accountId, caller.accountId])
    expect(outcome.receipts_outcome.map((receipt) => receipt.outcome.logs[0])).toEqual([`ping by ${caller.accountId}`, `pong by ${caller.accountId}`, `done by ${caller.accountId}`])
    // The callee's receipt and the callback each ran in a later block than the one before.
    const blocks = new Set(outcome.receipts_outcome.map((receipt) => receipt.block_hash))
    expect(blocks.size).toBe(3)
    expect(devnet.chain.head.height).toBeGreaterThanOrEqual(heightBefore + 3)
  })

  it('behavior: a callback learns that the call it waited on failed; the failed receipt changed nothing', async () => {
    const caller = await fundedAccount('hopeful')
    const callee = await fundedAccount('failing')
    await callee.account.signAndSendTransaction({ receiverId: callee.accountId, actions: [actions.deployContract(script({ pong: { panic: 'NOPE' } }))] })
    await caller.account.signAndSendTransaction({
      receiverId: caller.accountId,
      actions: [actions.deployContract(script({ ping: { callThen: { receiver: callee.accountId, method: 'pong', callback: 'done' } }, done: { returnPromiseResult: true } }))],
    })
    const outcome = await caller.account.signAndSendTransaction({ receiverId: caller.accountId, actions: [actions.functionCall('ping', {}, 100_000_000_000_000n, 0n)] })
    expect(getTransactionLastResult(outcome)).toBe('got a failure')
    expect(outcome.receipts_outcome[1]!.outcome.status).toMatchObject({ Failure: { ActionError: { kind: { FunctionCallError: { ExecutionError: 'Smart contract panicked: NOPE' } } } } })
  })

  it("behavior: a contract's outgoing transfer arrives a block later; gas not used goes back to the signer", async () => {
    const bank = await fundedAccount('bank')
    const payee = await fundedAccount('payee')
    await bank.account.signAndSendTransaction({ receiverId: bank.accountId, actions: [actions.deployContract(script({ pay: { transferOut: { receiver: payee.accountId, amount: near(3n).toString() } } }))] })
    const payeeBefore = (await provider.viewAccount({ accountId: payee.accountId })).amount
    const bankBefore = (await provider.viewAccount({ accountId: bank.accountId })).amount
    const outcome = await bank.account.signAndSendTransaction({ receiverId: bank.accountId, actions: [actions.functionCall('pay', {}, 200_000_000_000_000n, 0n)] })
    expect(outcome.receipts_outcome).toHaveLength(2)
    expect((await provider.viewAccount({ accountId: payee.accountId })).amount).toBe(payeeBefore + near(3n))
    const burnt = [outcome.transaction_outcome, ...outcome.receipts_outcome].reduce((sum, each) => sum + BigInt(each.outcome.tokens_burnt), 0n)
    // What the bank lost is the transfer and the gas burnt: the 200 Tgas bought and not used came back.
    expect(bankBefore - (await provider.viewAccount({ accountId: bank.accountId })).amount).toBe(near(3n) + burnt)
  })

  it('error: a call that made a promise and then failed gives the signer back all the gas it did not burn, the promise\'s too', async () => {
    const caller = await fundedAccount('regretful')
    await caller.account.signAndSendTransaction({ receiverId: caller.accountId, actions: [actions.deployContract(script({ try: { callThenPanic: true } }))] })
    const before = (await provider.viewAccount({ accountId: caller.accountId })).amount
    const failed = await sendRaw(caller.accountId, caller.key, caller.accountId, [actions.functionCall('try', {}, 100_000_000_000_000n, 0n)])
    const outcome = failed.result as unknown as { transaction_outcome: { outcome: { tokens_burnt: string } }; receipts_outcome: { outcome: { tokens_burnt: string } }[] }
    expect(JSON.stringify(failed.result!.status)).toContain('after the promise')
    const burnt = [outcome.transaction_outcome, ...outcome.receipts_outcome].reduce((sum, each) => sum + BigInt(each.outcome.tokens_burnt), 0n)
    expect((await provider.viewAccount({ accountId: caller.accountId })).amount).toBe(before - burnt)
  })

  it('error: a contract whose code its balance cannot stake is refused with LackBalanceForState and not deployed', async () => {
    const poor = await fundedAccount('poor')
    // 10 NEAR stakes 1 MB; 1.2 MB of code does not fit.
    const big = new Uint8Array(1_200_000).fill(0x20)
    big.set(script({ a: { return: '1' } }))
    const answer = await sendRaw(poor.accountId, poor.key, poor.accountId, [actions.deployContract(big)])
    expect(answer.result?.status).toMatchObject({ Failure: { ActionError: { kind: { LackBalanceForState: { account_id: poor.accountId } } } } })
    expect((await provider.viewAccount({ accountId: poor.accountId })).code_hash).toBe('11111111111111111111111111111111')
  })

  it('error: a view keeps nothing: what a runtime writes while answering a view is discarded (the wasm runtime refuses it outright: ProhibitedInView)', async () => {
    const owner = await fundedAccount('viewer')
    await owner.account.signAndSendTransaction({ receiverId: owner.accountId, actions: [actions.deployContract(script({ put: { write: 'k' } }))] })
    const answer = await rpc('query', { request_type: 'call_function', finality: 'final', account_id: owner.accountId, method_name: 'put', args_base64: '' })
    expect(Buffer.from(answer.result!.result as number[]).toString()).toBe('written')
    const state = await rpc('query', { request_type: 'view_state', finality: 'final', account_id: owner.accountId, prefix_base64: '' })
    expect(state.result!.values).toEqual([])
    // Written by a transaction, it is there, by prefix.
    await owner.account.signAndSendTransaction({ receiverId: owner.accountId, actions: [actions.functionCall('put', new TextEncoder().encode('v'), 10_000_000_000_000n, 0n)] })
    const written = await rpc('query', { request_type: 'view_state', finality: 'final', account_id: owner.accountId, prefix_base64: Buffer.from('k').toString('base64') })
    expect(written.result!.values).toEqual([{ key: Buffer.from('k').toString('base64'), value: Buffer.from('v').toString('base64') }])
  })

  it('behavior: a restart replays code, keys, storage and finished receipt trees to the same state', async () => {
    const owner = await fundedAccount('durable')
    await owner.account.signAndSendTransaction({ receiverId: owner.accountId, actions: [actions.deployContract(script({ put: { write: 'k' } }))] })
    const outcome = await owner.account.signAndSendTransaction({ receiverId: owner.accountId, actions: [actions.functionCall('put', new TextEncoder().encode('v'), 10_000_000_000_000n, 0n)] })
    const live = devnet.chain.account(owner.accountId)!
    const copy = mkdtempSync(path.join(tmpdir(), 'ccl-devnet-actions-copy-'))
    const { cpSync } = await import('node:fs')
    cpSync(path.join(dataDir, 'chain.log'), path.join(copy, 'chain.log'))
    const reopened = await Devnet.open({ dataDir: copy, wasm: scriptRuntime })
    try {
      const replayed = reopened.account(owner.accountId)!
      expect({ amount: replayed.amount, storageUsage: replayed.storageUsage, codeHash: replayed.codeHash, data: [...replayed.data] }).toEqual({
        amount: live.amount,
        storageUsage: live.storageUsage,
        codeHash: live.codeHash,
        data: [...live.data],
      })
      expect(reopened.outcome(outcome.transaction_outcome.id)?.status).toEqual(outcome.status)
    } finally {
      await reopened.close()
      rmSync(copy, { recursive: true, force: true })
    }
  })
})
