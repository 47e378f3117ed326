import { maxTotalPrepaidGas } from './action-fees'
import type { AccessKeyPermission, Action, PublicKeyBytes } from './actions'
import { invalidTransaction } from './rpc-errors'
import type { DecodedTx } from './transaction-bytes'

/** nearcore's limits on a transaction's actions (runtime parameters of the same names). */
export const actionLimits = {
  maxActionsPerReceipt: 100,
  maxLengthMethodName: 256,
  maxArgumentsLength: 4_194_304,
  maxContractSize: 4_194_304,
  maxNumberBytesMethodNames: 2_000,
} as const

type NearApiAction = DecodedTx['signed']['transaction']['actions'][number]

/**
 * The transaction's actions in the chain's one action form (`actions.ts`), or NEAR's `ActionsValidation` refusal. The
 * chain runs what a NEAR account can do with its own keys; staking, delegated (meta) actions and
 * global contracts are refused by name rather than half-run.
 */
export function transactionActions(actions: readonly NearApiAction[]): Action[] {
  const converted = actions.map(chainAction)
  validateActions(converted)
  return converted
}

function chainAction(action: NearApiAction): Action {
  if (action.createAccount) return { kind: 'CreateAccount' }
  if (action.deployContract) return { kind: 'DeployContract', code: Uint8Array.from(action.deployContract.code) }
  if (action.functionCall) {
    const call = action.functionCall
    // Gas fits a number: a transaction attaching more than 2^53 is refused by validateActions either way.
    return { kind: 'FunctionCall', methodName: call.methodName, args: Uint8Array.from(call.args), gas: Number(call.gas), deposit: BigInt(call.deposit), gasWeight: 0n }
  }
  if (action.transfer) return { kind: 'Transfer', deposit: BigInt(action.transfer.deposit) }
  if (action.addKey) {
    const { publicKey, accessKey } = action.addKey
    return { kind: 'AddKey', publicKey: decodedPublicKey(publicKey), nonce: BigInt(accessKey.nonce), permission: permissionOf(accessKey.permission) }
  }
  if (action.deleteKey) return { kind: 'DeleteKey', publicKey: decodedPublicKey(action.deleteKey.publicKey) }
  if (action.deleteAccount) return { kind: 'DeleteAccount', beneficiaryId: action.deleteAccount.beneficiaryId }
  const name = Object.keys(action).find((key) => key !== 'enum') ?? action.enum
  throw invalidTransaction(
    { ActionsValidation: { UnsupportedProtocolFeature: { protocol_feature: name, version: 0 } } },
    `The local chain does not run ${name} actions; it runs CreateAccount, DeployContract, FunctionCall, Transfer, AddKey, DeleteKey and DeleteAccount.`,
  )
}

/**
 * A public key of a decoded action. Keys nested in decoded actions come back from borsh as plain
 * objects holding their variant, not as near-api-js `PublicKey`s, so the variant is read directly.
 */
function decodedPublicKey(key: unknown): PublicKeyBytes {
  const variants = key as { ed25519Key?: { data: ArrayLike<number> }; secp256k1Key?: { data: ArrayLike<number> } }
  if (variants.ed25519Key) return { keyType: 0, data: Uint8Array.from(variants.ed25519Key.data) }
  if (variants.secp256k1Key) return { keyType: 1, data: Uint8Array.from(variants.secp256k1Key.data) }
  throw invalidTransaction({ ActionsValidation: { UnsupportedProtocolFeature: { protocol_feature: 'PublicKey', version: 0 } } }, 'The local chain takes Ed25519 and secp256k1 keys only.')
}

function permissionOf(permission: { functionCall?: { allowance?: bigint; receiverId: string; methodNames: string[] }; fullAccess?: unknown }): AccessKeyPermission {
  if (!permission.functionCall) return { kind: 'FullAccess' }
  const { allowance, receiverId, methodNames } = permission.functionCall
  return { kind: 'FunctionCall', allowance: allowance === undefined || allowance === null ? undefined : BigInt(allowance), receiverId, methodNames: [...methodNames] }
}

/** nearcore's `validate_actions`: limits and ordering checked before a transaction is accepted. */
export function validateActions(actions: readonly Action[]): void {
  const refuse = (kind: Record<string, unknown>, message: string) => invalidTransaction({ ActionsValidation: kind }, message)
  if (actions.length > actionLimits.maxActionsPerReceipt) {
    throw refuse({ TotalNumberOfActionsExceeded: { total_number_of_actions: actions.length, limit: actionLimits.maxActionsPerReceipt } }, `A transaction may carry at most ${actionLimits.maxActionsPerReceipt} actions.`)
  }
  let prepaid = 0n
  for (const [index, action] of actions.entries()) {
    if (action.kind === 'DeleteAccount' && index !== actions.length - 1) throw refuse({ DeleteActionMustBeFinal: {} }, 'DeleteAccount must be the last action of a transaction.')
    if (action.kind === 'FunctionCall') {
      if (action.gas === 0) throw refuse({ FunctionCallZeroAttachedGas: {} }, 'A function call must attach some gas.')
      const nameBytes = Buffer.byteLength(action.methodName)
      if (nameBytes > actionLimits.maxLengthMethodName) {
        throw refuse({ FunctionCallMethodNameLengthExceeded: { length: nameBytes, limit: actionLimits.maxLengthMethodName } }, `Method names are at most ${actionLimits.maxLengthMethodName} bytes.`)
      }
      if (action.args.length > actionLimits.maxArgumentsLength) {
        throw refuse({ FunctionCallArgumentsLengthExceeded: { length: action.args.length, limit: actionLimits.maxArgumentsLength } }, `Function call arguments are at most ${actionLimits.maxArgumentsLength} bytes.`)
      }
      prepaid += BigInt(action.gas)
    }
    if (action.kind === 'DeployContract' && action.code.length > actionLimits.maxContractSize) {
      throw refuse({ ContractSizeExceeded: { size: action.code.length, limit: actionLimits.maxContractSize } }, `Contracts are at most ${actionLimits.maxContractSize} bytes.`)
    }
    if (action.kind === 'AddKey' && action.permission.kind === 'FunctionCall') {
      const bytes = action.permission.methodNames.reduce((sum, name) => sum + Buffer.byteLength(name), 0)
      if (bytes > actionLimits.maxNumberBytesMethodNames) {
        throw refuse({ AddKeyMethodNamesNumberOfBytesExceeded: { total_number_of_bytes: bytes, limit: actionLimits.maxNumberBytesMethodNames } }, `A function-call key's method names are at most ${actionLimits.maxNumberBytesMethodNames} bytes in all.`)
      }
    }
  }
  if (prepaid > maxTotalPrepaidGas) {
    throw refuse({ TotalPrepaidGasExceeded: { total_prepaid_gas: Number(prepaid), limit: Number(maxTotalPrepaidGas) } }, `A transaction may attach at most ${maxTotalPrepaidGas / 10n ** 12n} Tgas to its function calls.`)
  }
}
