import { sha256, toBase58 } from '@crosschain-lending/protocol'
import { type NearAccount, accessKeyStorage, newAccount, snapshotAccount, storageStake } from './accounts'
import { gasPrice, receiptFees } from './action-fees'
import { type Action, publicKeyText } from './actions'
import type { ContractRuntime, PromiseResultValue } from './contract-runtime'
import { accountIdProblem, isImplicitAccountId } from './near-account-id'

/** A receipt: actions the predecessor asks the receiver to run, possibly waiting for other receipts' results. */
export type ActionReceipt = {
  id: string
  /** The transaction whose tree this receipt belongs to: its outcome waits for every receipt of the tree. */
  txHash: string
  predecessorId: string
  receiverId: string
  signerId: string
  signerPublicKey: string
  actions: Action[]
  /** Data ids whose values this receipt needs, in order (its callbacks' `promise_result`s). */
  inputDataIds: string[]
  /** Where this receipt's result goes when it has run. */
  outputData: { dataId: string; receiverId: string }[]
}

export type ReceiptStatus = { SuccessValue: string } | { SuccessReceiptId: string } | { Failure: Record<string, unknown> }

export type ReceiptOutcome = {
  id: string
  executorId: string
  logs: string[]
  receiptIds: string[]
  gasBurnt: bigint
  tokensBurnt: bigint
  status: ReceiptStatus
  blockHash: string
}

/** What the chain gives a receipt to run against: its accounts, code and runtimes. */
export type ReceiptWorld = {
  accounts: Map<string, NearAccount>
  codes: Map<string, Uint8Array>
  /** The runtime for an account with deployed wasm. */
  wasm: ContractRuntime | undefined
}

export type BlockInfo = { height: number; timestampMs: number; hash: string }

export type ReceiptResult = {
  outcome: ReceiptOutcome
  /** Receipts it created, to run in a later block. */
  created: ActionReceipt[]
  /** Its result, for the receipts waiting on it. */
  data: PromiseResultValue
}

const derivedId = (...parts: string[]) => toBase58(sha256(new TextEncoder().encode(parts.join('|'))))

/** The id of the first receipt of a transaction. */
export const transactionReceiptId = (txHash: string) => derivedId('receipt', txHash)

class ActionFailure extends Error {
  constructor(readonly index: number, readonly kind: Record<string, unknown>) {
    super(JSON.stringify(kind))
  }
}

/**
 * Runs one action receipt as nearcore's `apply_action_receipt` does: the actions in order
 * against the receiver's account; if one fails, or the account cannot pay the stake for what it
 * then stores, every change of the receipt is undone, its deposits go back to the predecessor
 * and the receipts waiting on it receive a failure. Unused gas goes back to the signer.
 * Simplified: refunds are credited at once rather than as system receipts.
 */
export async function applyActionReceipt(world: ReceiptWorld, receipt: ActionReceipt, inputs: PromiseResultValue[], block: BlockInfo): Promise<ReceiptResult> {
  const { accounts } = world
  const existing = accounts.get(receipt.receiverId)
  const before = existing ? snapshotAccount(existing) : undefined
  const fees = receiptFees(receipt.actions, receipt.receiverId === receipt.predecessorId)
  let gasBurnt = fees.execution
  let prepaid = 0n
  let contractGasUsed = 0n
  let contractGasBurnt = 0n
  const logs: string[] = []
  let created: ActionReceipt[] = []
  let returned: { value: Uint8Array } | { receipt: ActionReceipt } = { value: new Uint8Array() }
  let failure: ActionFailure | undefined

  try {
    for (const [index, action] of receipt.actions.entries()) {
      const account = accounts.get(receipt.receiverId)
      if (action.kind === 'CreateAccount') {
        if (account) throw new ActionFailure(index, { AccountAlreadyExists: { account_id: receipt.receiverId } })
        const problem = creationProblem(receipt.receiverId, receipt.predecessorId)
        if (problem) throw new ActionFailure(index, problem)
        accounts.set(receipt.receiverId, newAccount(0n))
        continue
      }
      if (!account) throw new ActionFailure(index, { AccountDoesNotExist: { account_id: receipt.receiverId } })
      switch (action.kind) {
        case 'Transfer':
          account.amount += action.deposit
          break
        case 'DeployContract': {
          const codeHash = toBase58(sha256(action.code))
          const previous = account.codeHash ? (world.codes.get(account.codeHash)?.length ?? 0) : 0
          world.codes.set(codeHash, action.code)
          account.codeHash = codeHash
          account.storageUsage += BigInt(action.code.length - previous)
          break
        }
        case 'AddKey': {
          const publicKey = publicKeyText(action.publicKey)
          if (account.keys.has(publicKey)) throw new ActionFailure(index, { AddKeyAlreadyExists: { account_id: receipt.receiverId, public_key: publicKey } })
          // nearcore starts a new key's nonce at the block height times 10^6 (not the action's), so old signed transactions cannot replay on it.
          const record = { nonce: BigInt(Math.max(0, block.height - 1)) * 1_000_000n, permission: action.permission }
          account.keys.set(publicKey, record)
          account.storageUsage += accessKeyStorage(publicKey, record)
          break
        }
        case 'DeleteKey': {
          const publicKey = publicKeyText(action.publicKey)
          const record = account.keys.get(publicKey)
          if (!record) throw new ActionFailure(index, { DeleteKeyDoesNotExist: { account_id: receipt.receiverId, public_key: publicKey } })
          account.keys.delete(publicKey)
          account.storageUsage -= accessKeyStorage(publicKey, record)
          break
        }
        case 'DeleteAccount': {
          accounts.delete(receipt.receiverId)
          if (account.amount > 0n) {
            created.push(childReceipt(receipt, created.length, action.beneficiaryId, [{ kind: 'Transfer', deposit: account.amount }], receipt.receiverId))
          }
          break
        }
        case 'Stake':
          throw new ActionFailure(index, { UnsupportedProtocolFeature: { protocol_feature: 'Stake', version: 0 } })
        case 'FunctionCall': {
          account.amount += action.deposit
          prepaid += BigInt(action.gas)
          const runtime = account.codeHash ? world.wasm : undefined
          const code = account.codeHash ? world.codes.get(account.codeHash) : undefined
          if (!runtime) throw new ActionFailure(index, { FunctionCallError: { CompilationError: { CodeDoesNotExist: { account_id: receipt.receiverId } } } })
          const outcome = await runtime.call({
            accountId: receipt.receiverId,
            method: action.methodName,
            args: action.args,
            predecessorId: receipt.predecessorId,
            signerId: receipt.signerId,
            signerPublicKey: receipt.signerPublicKey,
            attachedDeposit: action.deposit,
            prepaidGas: BigInt(action.gas),
            blockHeight: block.height,
            blockTimestampMs: block.timestampMs,
            account: { amount: account.amount, locked: account.locked, storageUsage: account.storageUsage, data: account.data },
            code,
            codeHash: account.codeHash,
            promiseResults: inputs,
            randomSeed: sha256(new TextEncoder().encode(`${block.hash}|${receipt.id}`)),
            isView: false,
          })
          gasBurnt += outcome.gasBurnt
          contractGasUsed += outcome.gasUsed
          contractGasBurnt += outcome.gasBurnt
          logs.push(...outcome.logs)
          // The account failing to stake its storage is an action error; anything else is the call's.
          if (!outcome.ok) throw new ActionFailure(index, 'LackBalanceForState' in outcome.error ? outcome.error : { FunctionCallError: outcome.error })
          for (const [key, value] of outcome.dataChanges) {
            if (value === null) account.data.delete(key)
            else account.data.set(key, value)
          }
          account.storageUsage = outcome.storageUsage
          account.amount -= outcome.balanceSpent
          const base = created.length
          const made = outcome.receipts.map((each, i) => childReceipt(receipt, base + i, each.receiverId, each.actions, receipt.receiverId))
          outcome.receipts.forEach((each, i) => {
            for (const dependency of each.dependsOn) {
              const dataId = derivedId('data', made[i]!.id, String(dependency))
              made[dependency]!.outputData.push({ dataId, receiverId: made[i]!.receiverId })
              made[i]!.inputDataIds.push(dataId)
            }
          })
          created = [...created, ...made]
          returned = 'receipt' in outcome.returned ? { receipt: made[outcome.returned.receipt]! } : { value: outcome.returned.value }
          break
        }
      }
    }
    const receiver = accounts.get(receipt.receiverId)
    if (receiver && receiver.amount < storageStake(receiver)) {
      throw new ActionFailure(receipt.actions.length - 1, { LackBalanceForState: { account_id: receipt.receiverId, amount: (storageStake(receiver) - receiver.amount).toString() } })
    }
  } catch (error) {
    if (!(error instanceof ActionFailure)) throw error
    failure = error
  }

  if (failure) {
    // Undo the receipt: the receiver as it was, nothing it created, its deposits back to the sender.
    if (before) accounts.set(receipt.receiverId, before)
    else accounts.delete(receipt.receiverId)
    created = []
    const deposits = receipt.actions.reduce((sum, action) => sum + (action.kind === 'Transfer' || action.kind === 'FunctionCall' ? action.deposit : 0n), 0n)
    const sender = accounts.get(receipt.predecessorId)
    if (sender && deposits > 0n) sender.amount += deposits
  }
  // Gas bought for the function calls and not used goes back to whoever signed the transaction.
  // A failed receipt creates nothing, so the gas its calls attached to promises comes back too
  // (nearcore refunds prepaid gas less what was burnt when a receipt fails, less what was used otherwise).
  const unused = prepaid - (failure ? contractGasBurnt : contractGasUsed)
  const signer = accounts.get(receipt.signerId)
  if (signer && unused > 0n) signer.amount += unused * gasPrice

  let status: ReceiptStatus
  let data: PromiseResultValue
  if (failure) {
    status = { Failure: { ActionError: { index: failure.index, kind: failure.kind } } }
    data = { status: 'failed' }
  } else if ('receipt' in returned) {
    // The result is the returned receipt's: whoever waits on this one waits on it instead.
    returned.receipt.outputData.push(...receipt.outputData)
    status = { SuccessReceiptId: returned.receipt.id }
    data = { status: 'successful', data: new Uint8Array() }
  } else {
    status = { SuccessValue: Buffer.from(returned.value).toString('base64') }
    data = { status: 'successful', data: returned.value }
  }
  const forwarded = !failure && 'receipt' in returned
  return {
    outcome: {
      id: receipt.id,
      executorId: receipt.receiverId,
      logs,
      receiptIds: created.map((each) => each.id),
      gasBurnt,
      tokensBurnt: gasBurnt * gasPrice,
      status,
      blockHash: block.hash,
    },
    created,
    // A receipt whose result was handed on delivers no data of its own.
    data: forwarded ? { status: 'failed' } : data,
  }
}

/** Whether the receipt's output goes to waiting receipts now (false when it handed its result to a receipt it returned). */
export const deliversData = (status: ReceiptStatus) => !('SuccessReceiptId' in status)

function childReceipt(parent: ActionReceipt, index: number, receiverId: string, actions: Action[], predecessorId: string): ActionReceipt {
  return {
    id: derivedId('receipt', parent.id, String(index)),
    txHash: parent.txHash,
    predecessorId,
    receiverId,
    signerId: parent.signerId,
    signerPublicKey: parent.signerPublicKey,
    actions,
    inputDataIds: [],
    outputData: [],
  }
}

/**
 * NEAR's rule for who may create an account: a sub-account only by its parent
 * (`CreateAccountNotAllowed`), a short top-level name only by the registrar
 * (`CreateAccountOnlyByRegistrar`); the name itself must be valid.
 */
function creationProblem(accountId: string, predecessorId: string): Record<string, unknown> | undefined {
  if (accountIdProblem(accountId)) return { CreateAccountNotAllowed: { account_id: accountId, predecessor_id: predecessorId } }
  const dot = accountId.indexOf('.')
  if (dot === -1) {
    // Implicit accounts come into being by a transfer to them, never by CreateAccount.
    if (isImplicitAccountId(accountId)) return { OnlyImplicitAccountCreationAllowed: { account_id: accountId } }
    if (accountId.length < 32) return { CreateAccountOnlyByRegistrar: { account_id: accountId, registrar_account_id: 'registrar', predecessor_id: predecessorId } }
    return undefined
  }
  const parent = accountId.slice(dot + 1)
  if (parent !== predecessorId) return { CreateAccountNotAllowed: { account_id: accountId, predecessor_id: predecessorId } }
  return undefined
}
