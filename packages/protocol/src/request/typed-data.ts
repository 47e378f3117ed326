import type { BindingMessageFields } from './binding-message'
import { type ChainId, type RequestFields, parseRequest, requestId } from './envelope'
import { actionFacts, deadlineText, networkText } from './message-facts'
import { type WalletSignatureRole, roleHeadings } from './wallet-roles'

/**
 * What an EVM wallet signs, by role: EIP-712 typed data, which wallets show field by field
 * instead of as an opaque string. The same facts as the text messages (message-facts.ts), in
 * the same order, with one primary type per role, so the type hash (and with it the signed
 * digest) differs between roles even when every field is equal: a co-signature can never
 * verify as a wallet-signed request, a recovery's as a removal, nor a request's as a binding.
 *
 * The domain has a name and a version only:
 * - no `chainId`: the signature is never used on an EVM chain, and wallets refuse (or ask the
 *   person to switch networks) when a domain's chainId is not the chain they are on, which
 *   would tie a NEAR account to whatever EVM network the extension happens to show;
 * - no `verifyingContract`: the verifier is a NEAR account (`lending.testnet`), not a 20-byte
 *   address. The NEAR contract and network are message fields instead (`contract`, `network`),
 *   where the person reads them, and the request id (sha256 of the payload, which names both)
 *   binds the signature to that one deployment. A `salt` would bind no more and show nothing.
 *
 * Every value is a string (or, for `smallestUnits`, a decimal integer string): the structure is
 * JSON as `eth_signTypedData_v4` takes it. The structs are flat on purpose (strings, one uint256,
 * a bytes32, an address, one array of one struct) so a Rust contract can rebuild the digest with
 * NEAR's `keccak256` host function and check it with `ecrecover`: hashStruct is keccak256 of the
 * type hash followed by each field's 32-byte word (keccak256 of a string, the integer big-endian,
 * the bytes32 as is, the address left-padded, keccak256 of the concatenated hashStructs of an
 * array), and the digest is keccak256(0x19 0x01 ‖ domain separator ‖ hashStruct(message)).
 */
export type TypedDataField = { name: string; type: string }

export type WalletTypedData = {
  types: Record<string, TypedDataField[]>
  primaryType: string
  domain: { name: string; version: string }
  message: Record<string, unknown>
}

export const walletTypedDataDomain = { name: 'CrossChain Lending', version: '1' } as const

/** One primary type per role: the type's name is part of what is signed. */
export const walletPrimaryTypes: Readonly<Record<WalletSignatureRole, string>> = {
  bind: 'BindWallet',
  cosign: 'CoSignBorrow',
  recover: 'RecoverAccount',
  remove: 'RemoveAccess',
  request: 'WalletRequest',
}

const domainType: TypedDataField[] = [
  { name: 'name', type: 'string' },
  { name: 'version', type: 'string' },
]

const actionType: TypedDataField[] = [
  { name: 'action', type: 'string' },
  { name: 'amount', type: 'string' },
  { name: 'smallestUnits', type: 'uint256' },
  { name: 'recipient', type: 'string' },
]

// Every primary type: what it is and whose account first, then what it does, where and until
// when, what binds it to one request, and the NEAR deployment last.
const string = (name: string): TypedDataField => ({ name, type: 'string' })
const opening = [string('notice'), string('account')]
const placeAndTime = [string('site'), string('deadline')]
const deployment = [string('contract'), string('network')]

const requestType: TypedDataField[] = [...opening, { name: 'actions', type: 'Action[]' }, ...placeAndTime, { name: 'requestId', type: 'bytes32' }, ...deployment]

const bindType: TypedDataField[] = [...opening, { name: 'wallet', type: 'address' }, ...placeAndTime, string('nonce'), ...deployment]

/** The role's title and warning as one sentence pair, the first field a wallet shows. */
function notice(role: WalletSignatureRole): string {
  const { title, warning } = roleHeadings[role]
  return `${title[0]!.toUpperCase()}${title.slice(1)}. ${warning}`
}

/** Typed data of `role`'s primary type with `fields`, its notice first and the deployment last. */
function typedData(role: WalletSignatureRole, fields: TypedDataField[], facts: Record<string, unknown>, deployment: { contractId: string; chainId: ChainId }, extraTypes: Record<string, TypedDataField[]> = {}): WalletTypedData {
  const primaryType = walletPrimaryTypes[role]
  return {
    types: { EIP712Domain: domainType, [primaryType]: fields, ...extraTypes },
    primaryType,
    domain: { ...walletTypedDataDomain },
    message: { notice: notice(role), ...facts, contract: deployment.contractId, network: networkText(deployment.chainId) },
  }
}

/** The typed data an EVM wallet signs in `role` for the request `payload` (its fields given when already parsed). */
export function walletTypedData(role: Exclude<WalletSignatureRole, 'bind'>, payload: string, fields: RequestFields = parseRequest(payload)): WalletTypedData {
  const actions = fields.actions.map((action) => {
    const facts = actionFacts(action)
    return { action: facts.action, amount: facts.amount?.text ?? '', smallestUnits: facts.amount?.smallestUnits ?? '0', recipient: facts.recipient ?? '' }
  })
  const facts = { account: fields.accountId, actions, site: fields.site, deadline: deadlineText(fields.deadline), requestId: `0x${requestId(payload)}` }
  return typedData(role, requestType, facts, fields, { Action: actionType })
}

/** The typed data an EVM wallet signs to be bound: the binding's fields (binding-message.ts). */
export function bindingTypedData(fields: BindingMessageFields): WalletTypedData {
  // The wallet as the binding text writes it: lower case, or EIP-55 (encoders refuse a wrong checksum).
  const facts = { account: fields.accountId, wallet: fields.wallet.address, site: fields.origin, deadline: deadlineText(fields.deadline), nonce: fields.nonce }
  return typedData('bind', bindType, facts, fields)
}
