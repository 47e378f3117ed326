import { type StorageCostsView, contractErrorIn } from '@crosschain-lending/protocol'
import { type Action as NearAction, KeyPair, KeyPairSigner, actions, baseDecode, createTransaction } from 'near-api-js'
import type { Devnet } from './chain'
import { type DevnetKey, devnetContractId } from './genesis'
import type { ExecutionStatus, FinalOutcome } from './outcome'
import { devError } from './rpc-errors'

/** Gas the dev tools buy for each call: NEAR's per-transaction maximum. */
const devCallGas = 300_000_000_000_000n

/**
 * Transactions the chain's own dev tools sign (the contract's deployment, the faucet as the
 * bridge, the price tool as the oracle), sent through the same `submit` path as any client's,
 * so they are checked, logged, replayed and charged like every other transaction.
 */
export class DevSigner {
  readonly #chain: Devnet
  readonly #accountId: string
  readonly #key: KeyPair
  readonly #signer: KeyPairSigner
  readonly #publicKey: string
  #lastNonce = 0n

  constructor(chain: Devnet, accountId: string, key: DevnetKey) {
    this.#chain = chain
    this.#accountId = accountId
    this.#key = KeyPair.fromString(key.secretKey)
    this.#signer = new KeyPairSigner(this.#key)
    this.#publicKey = key.publicKey
  }

  /** Signs `actions` to `receiverId` and resolves with the final outcome, whatever its status. */
  async send(receiverId: string, nearActions: NearAction[]): Promise<FinalOutcome> {
    const onChain = this.#chain.account(this.#accountId)?.keys.get(this.#publicKey)?.nonce ?? 0n
    // Several calls may be in flight before any lands: each takes the next nonce.
    this.#lastNonce = (onChain > this.#lastNonce ? onChain : this.#lastNonce) + 1n
    const transaction = createTransaction(this.#accountId, this.#key.getPublicKey(), receiverId, this.#lastNonce, nearActions, baseDecode(this.#chain.head.hash))
    const { signedTransaction } = await this.#signer.signTransaction(transaction)
    return this.#chain.submit(signedTransaction.encode()).outcome
  }

  /** Calls a contract method and returns its JSON value; a refusal throws a dev error with the contract's code. */
  async call<T = unknown>(receiverId: string, method: string, args: object, deposit = 0n): Promise<T> {
    const outcome = await this.send(receiverId, [actions.functionCall(method, args, devCallGas, deposit)])
    return returnedValue<T>(outcome.status, method)
  }
}

/** A call's or a view's JSON return value; a failure throws a dev error carrying the contract's code when it refused. */
export function returnedValue<T>(status: ExecutionStatus, method: string): T {
  if ('SuccessValue' in status) {
    const text = Buffer.from(status.SuccessValue, 'base64').toString('utf8')
    return (text ? JSON.parse(text) : null) as T
  }
  const refusal = contractErrorIn(status.Failure)
  if (refusal) throw devError(refusal.code, refusal.message)
  throw devError('CALL_FAILED', `${method} failed on the chain: ${JSON.stringify(status.Failure)}`)
}

export type BridgeDepositParameters = { accountId: string; chain: string; asset: string; amount: string; ref: string }

/**
 * The bridge's `deposit` call for assets that arrived on an external chain, signed by the owner
 * (the bridge on this chain), attaching the stake the contract asks for a new ref.
 */
export async function bridgeDeposit(chain: Devnet, { accountId, chain: from, asset, amount, ref }: BridgeDepositParameters): Promise<{ credited: boolean; balance: string; ref: string }> {
  const { deposit_ref_stake } = await chain.view<StorageCostsView>('get_storage_costs', {})
  const args = { account_id: accountId, asset, amount, chain: from, ref }
  const outcome = await chain.owner.call<{ credited: boolean; balance: string }>(devnetContractId, 'deposit', args, BigInt(deposit_ref_stake))
  return { ...outcome, ref }
}

/** The oracle's `set_price` call, signed by the owner (the oracle on this chain). */
export function oracleSetPrice(chain: Devnet, asset: string, priceUsd: string): Promise<unknown> {
  return chain.owner.call(devnetContractId, 'set_price', { asset, price_usd: priceUsd })
}
