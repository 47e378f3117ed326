import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { contractWasmPath } from '@crosschain-lending/contracts'
import { type ExecutionContext, type FunctionCallOutcome, describeFunctionCallError, executeFunctionCall, prepareContract } from '../src/wasm'
import { protocolVersion } from '../src/wasm/protocol-parameters'

/**
 * The differential test: the calls of `contracts/host-probe/tests/probe/differential/cases.rs`,
 * which `cargo test` ran on the built probe wasm under nearcore's own runner (near-vm-runner's
 * Wasmtime VM at protocol 88) and wrote with nearcore's answers, run again here on the same wasm
 * by this chain's runtime. Results, logs, errors, storage, receipts, balance and storage usage
 * must be the same; so must the gas of every host-function cost and action fee, since both
 * charge from the same parameter table. The total may differ only by how wasm instructions are
 * counted: see `wasmGasTolerance`.
 */
const wasmPath = contractWasmPath('host_probe')
const reportPath = path.join(path.dirname(wasmPath), '../target/differential/host-probe.json')

/**
 * How far this runtime's wasm-instruction gas may be from nearcore's, as a fraction of
 * nearcore's. Both count finite-wasm's way (each instruction but block/else/end at
 * `regular_op_cost`, charged per straight-line segment), so they agree exactly on this probe;
 * the bound is kept at zero until a contract shows a difference, which docs/contracts.md then
 * explains ("The differential test").
 */
const wasmGasTolerance = 0

type Hex = string
type CallReport = {
  name: string
  method: string
  args: string
  context: {
    currentAccountId: string
    signerAccountId: string
    signerAccountPkHex: Hex
    predecessorAccountId: string
    blockHeight: string
    blockTimestampNs: string
    epochHeight: string
    accountBalance: string
    accountLockedBalance: string
    storageUsage: number
    attachedDeposit: string
    prepaidGas: number
    randomSeedHex: Hex
    isView: boolean
  }
  storage: [Hex, Hex][]
  promiseResults: ({ status: 'successful'; dataHex: Hex } | { status: 'failed' })[]
}
type ReceiptReport = { receiverId: string; dependsOn: number[]; actions: Record<string, unknown>[] }
type NearcoreReport = {
  returnData: { kind: 'value'; valueHex: Hex } | { kind: 'receipt'; receiptIndex: number } | { kind: 'none' }
  logs: string[]
  error: { kind: string; message: string; debug: string } | null
  gasBurnt: number
  gasUsed: number
  wasmGas: number
  profile: Record<string, number>
  balance: string
  storageUsage: number
  storage: Record<Hex, Hex>
  receipts: ReceiptReport[]
}
type Report = { protocolVersion: number; wasmSha256: Hex; cases: { call: CallReport; nearcore: NearcoreReport }[] }

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const bytes = (text: Hex) => new Uint8Array(Buffer.from(text, 'hex'))

function executionContext({ context, promiseResults }: CallReport): ExecutionContext {
  return {
    currentAccountId: context.currentAccountId,
    signerAccountId: context.signerAccountId,
    signerAccountPk: bytes(context.signerAccountPkHex),
    predecessorAccountId: context.predecessorAccountId,
    blockIndex: BigInt(context.blockHeight),
    blockTimestampNs: BigInt(context.blockTimestampNs),
    epochHeight: BigInt(context.epochHeight),
    attachedDeposit: BigInt(context.attachedDeposit),
    prepaidGas: context.prepaidGas,
    accountBalance: BigInt(context.accountBalance),
    accountLockedBalance: BigInt(context.accountLockedBalance),
    storageUsage: context.storageUsage,
    randomSeed: bytes(context.randomSeedHex),
    isView: context.isView,
    promiseResults: promiseResults.map((result) => (result.status === 'successful' ? { status: 'successful', data: bytes(result.dataHex) } : { status: 'failed' })),
  }
}

/**
 * Balance and storage usage of a failed call: nearcore's VM reports them as they stood when it
 * stopped (or zero when no method ran), and its runtime discards them with the rest of the
 * failed receipt; this runtime reports the account as it was. Neither is a figure anyone reads.
 */
const afterFailure = (outcome: { error: unknown }, balance: string, storageUsage: number) => (outcome.error ? {} : { balance, storageUsage })

/** The local outcome in the report's terms, for the fields compared exactly. */
function localView(outcome: FunctionCallOutcome, before: [Hex, Hex][]) {
  const storage = new Map(before)
  for (const change of outcome.storageChanges) {
    if (change.value) storage.set(hex(change.key), hex(change.value))
    else storage.delete(hex(change.key))
  }
  const { returnData } = outcome
  return {
    returnData: returnData.kind === 'value' ? { kind: 'value', valueHex: hex(returnData.value) } : returnData,
    logs: outcome.logs,
    error: outcome.error ? { kind: outcome.error.type, message: outcome.error.type === 'LackBalanceForState' ? 'LackBalanceForState' : describeFunctionCallError(outcome.error) } : null,
    ...afterFailure(outcome, outcome.balance.toString(), outcome.storageUsage),
    storage: Object.fromEntries([...storage].sort(([a], [b]) => (a < b ? -1 : 1))),
    receipts: outcome.receipts.map((receipt) => ({
      receiverId: receipt.receiverId,
      dependsOn: receipt.dependsOn,
      actions: receipt.actions.map((action) =>
        action.kind === 'FunctionCall'
          ? { kind: 'FunctionCall', methodName: action.methodName, argsHex: hex(action.args), deposit: action.deposit.toString(), gas: action.gas, gasWeight: action.gasWeight.toString() }
          : action.kind === 'Transfer'
            ? { kind: 'Transfer', deposit: action.deposit.toString() }
            : action,
      ),
    })),
  }
}

/** nearcore's answer in the same terms; a failed call's writes are left out, as the runtime rolls them back. */
function nearcoreView(nearcore: NearcoreReport, before: [Hex, Hex][]) {
  return {
    returnData: nearcore.returnData,
    logs: nearcore.logs,
    error: nearcore.error && { kind: nearcore.error.kind, message: nearcore.error.message },
    ...afterFailure(nearcore, nearcore.balance, nearcore.storageUsage),
    storage: nearcore.error ? Object.fromEntries([...new Map(before)].sort(([a], [b]) => (a < b ? -1 : 1))) : nearcore.storage,
    receipts: nearcore.receipts,
  }
}

/** Host-function costs and action fees, without the wasm instructions' share and zero entries. */
function hostProfile(profile: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(profile).filter(([cost, gas]) => cost !== 'wasm_execution' && gas > 0))
}

function readReport(): Report | string {
  if (!existsSync(wasmPath)) return `${wasmPath} is missing: run pnpm build first (it builds the probe's wasm).`
  if (!existsSync(reportPath)) {
    return `${reportPath} is missing: run cargo test in contracts/ after pnpm build (pnpm test runs it before these tests); it runs the calls under nearcore's runner and writes the report.`
  }
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report
  const built = createHash('sha256').update(readFileSync(wasmPath)).digest('hex')
  if (report.wasmSha256 !== built) return `${reportPath} is of another build of the probe (${report.wasmSha256}, built: ${built}): run cargo test in contracts/ again.`
  return report
}

const report = readReport()

describe('the local runtime against nearcore on the probe contract', () => {
  if (typeof report === 'string') {
    it('error: nearcore’s report of the probe calls is there to compare with', () => {
      throw new Error(report)
    })
    return
  }
  const contract = prepareContract(readFileSync(wasmPath))

  it('behavior: both ran the same protocol version and a fair number of calls', () => {
    expect(report.protocolVersion).toBe(protocolVersion)
    expect(report.cases.length).toBeGreaterThanOrEqual(40)
  })

  describe.each(report.cases.map((entry) => [entry.call.name, entry] as const))('%s', (_name, { call, nearcore }) => {
    const outcome = executeFunctionCall({
      contract,
      method: call.method,
      args: new TextEncoder().encode(call.args),
      context: executionContext(call),
      storage: { get: (key) => new Map(call.storage).has(hex(key)) ? bytes(new Map(call.storage).get(hex(key))!) : undefined },
    })

    it('behavior: result, logs, error, storage, receipts, balance and storage usage are nearcore’s', () => {
      expect(localView(outcome, call.storage)).toEqual(nearcoreView(nearcore, call.storage))
    })

    it('behavior: each host-function cost and action fee burns what nearcore burns', () => {
      expect(hostProfile(outcome.profile)).toEqual(hostProfile(nearcore.profile))
    })

    it('behavior: wasm instructions and the totals are within the stated tolerance of nearcore’s', () => {
      const wasmGas = outcome.profile.wasm_execution ?? 0
      const bound = Math.ceil(nearcore.wasmGas * wasmGasTolerance)
      expect(Math.abs(wasmGas - nearcore.wasmGas), `wasm gas ${wasmGas}, nearcore ${nearcore.wasmGas}`).toBeLessThanOrEqual(bound)
      expect(Math.abs(outcome.gasBurnt - nearcore.gasBurnt), `gas burnt ${outcome.gasBurnt}, nearcore ${nearcore.gasBurnt}`).toBeLessThanOrEqual(bound)
      expect(Math.abs(outcome.gasUsed - nearcore.gasUsed), `gas used ${outcome.gasUsed}, nearcore ${nearcore.gasUsed}`).toBeLessThanOrEqual(bound)
    })
  })
})
