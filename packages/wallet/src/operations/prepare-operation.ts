import {
  type Action,
  BaseError,
  ErrorCode,
  type MarketView,
  type PolicyRow,
  type PreviewView,
  type WalletChain,
  formatUnits,
  fromWireError,
  parseUnits,
  policyDecision,
  walletChainNames,
} from '@crosschain-lending/protocol'
import { normalizeAddress } from '../chain/normalize-address'
import type { OperationRequest, WalletState } from '@crosschain-lending/protocol/messenger'
import type { AccountRecord, LendingReads } from '../chain/lending-reads'
import { type NewRequest, newPasskeyRequest } from '../chain/new-request'
import type { WalletConfig } from '../config'
import { assertBorrowPartiesMatured } from './borrow-security-period'

export type BoundWallet = AccountRecord['wallets'][number]

/** An operation checked against the policy and the chain, ready to be shown and signed. */
export type PreparedOperation = NewRequest & {
  /** The operation as it will be signed: canonical amount; for Borrow, the recipient. */
  operation: OperationRequest
  action: Action
  market: MarketView
  /** Borrow only: where the asset goes, and whether that is one of the account's bound wallets. */
  recipient?: { chain: WalletChain; address: string; bound: boolean }
  /** The bound wallet that must co-sign (Borrow to an address that is not bound). */
  cosigner?: BoundWallet
  preview: Extract<PreviewView, { ok: true }>
  accountId: string
}

export type PrepareOperationDependencies = {
  config: Pick<WalletConfig, 'chainId' | 'contractId'>
  state: Extract<WalletState, { status: 'signed-in' }>
  reads: Pick<LendingReads, 'account' | 'markets' | 'preview'>
  /** The partner site the person is on, which the request names. */
  site: string
  now?: number
}

const operationNames = { supply: 'Supply', repay: 'Repay', adjust: 'Adjust', borrow: 'Borrow' } as const

/**
 * Checks what the host asked for against the product rules and the chain as it is now, before
 * anything is shown or signed: the market exists, the amount fits its decimals, the policy
 * table allows it for this account (Supply and Borrow wait for a bound wallet), Borrow's
 * recipient is valid for a chain the asset can go to, nothing in its security period takes part
 * in a Borrow (borrow-security-period.ts), and the contract's own preview accepts it.
 * Every refusal says what was wrong and what to do.
 */
export async function prepareOperation(request: OperationRequest, deps: PrepareOperationDependencies): Promise<PreparedOperation> {
  const { state, reads } = deps
  const [account, markets] = await Promise.all([reads.account(state.account.id), reads.markets()])
  if (!account) throw new BaseError({ code: ErrorCode.AccountNotFound, shortMessage: `The account ${state.account.id} is not on the chain. Sign in again.` })
  const market = markets.find((candidate) => candidate.asset === request.asset)
  if (!market) {
    throw new BaseError({ code: ErrorCode.UnknownAsset, shortMessage: `There is no ${request.asset} market. Choose one of ${markets.map((m) => m.asset).join(', ')}.` })
  }
  const units = parseUnits(request.amount, market.decimals, request.asset)
  const amount = units.toString()
  const canonical = formatUnits(units, market.decimals)

  let action: Action
  let operation: OperationRequest
  let recipient: PreparedOperation['recipient']
  let row: PolicyRow
  switch (request.type) {
    case 'supply':
      row = 'supply'
      action = { type: 'supply', asset: market.asset, amount, collateral: request.collateral !== false }
      operation = { type: 'supply', asset: market.asset, amount: canonical, collateral: request.collateral !== false }
      break
    case 'repay':
      row = 'repay'
      action = { type: 'repay', asset: market.asset, amount }
      operation = { type: 'repay', asset: market.asset, amount: canonical }
      break
    case 'adjust':
      row = 'adjust'
      action = { type: 'adjust', asset: market.asset, amount, direction: request.direction }
      operation = { type: 'adjust', asset: market.asset, amount: canonical, direction: request.direction }
      break
    case 'borrow':
      recipient = await borrowRecipient(request, market, account)
      row = recipient.bound ? 'borrow-to-bound-wallet' : 'borrow-to-other-address'
      action = { type: 'borrow', asset: market.asset, amount, recipient: { chain: recipient.chain, address: recipient.address } }
      operation = { type: 'borrow', asset: market.asset, amount: canonical, recipient: { chain: recipient.chain, address: recipient.address } }
      break
  }

  const decision = policyDecision(row, account.bound ? 'passkey-bound' : 'passkey-unbound')
  if (decision === 'refuse') {
    throw new BaseError({
      code: ErrorCode.WalletNotBound,
      shortMessage: `${operationNames[request.type]} needs a bound wallet first: a passkey alone cannot be recovered, so nothing may leave or be put at risk until a wallet can. Bind an EVM, Solana, NEAR or Stellar wallet in the wallet panel, then try again.`,
      docsPath: '/docs/contract.md#policy',
    })
  }
  const cosigner = decision === 'with-cosignature' ? account.wallets[0] : undefined
  if (recipient) {
    const { chain, address } = recipient
    const receiving = account.wallets.find((wallet) => wallet.chain === chain && wallet.address === address)
    assertBorrowPartiesMatured(account, { credentialId: state.passkey.credentialId, cosigner, recipient: receiving }, deps.now ?? Date.now())
  }

  const preview = await reads.preview(account.id, [action])
  if (!preview.ok) throw fromWireError(preview.error)

  return {
    ...newPasskeyRequest(deps.config, state, [action], { site: deps.site, ...(deps.now === undefined ? {} : { now: deps.now }) }),
    operation,
    action,
    market,
    ...(recipient ? { recipient } : {}),
    ...(cosigner ? { cosigner } : {}),
    preview,
    accountId: account.id,
  }
}

/**
 * Borrow's recipient: the one the host named (validated for its chain), or the first bound
 * wallet on a chain the asset can be sent to.
 */
async function borrowRecipient(request: Extract<OperationRequest, { type: 'borrow' }>, market: MarketView, account: AccountRecord): Promise<NonNullable<PreparedOperation['recipient']>> {
  const chainList = market.chains.map((chain) => walletChainNames[chain]).join(', ')
  if (!request.recipient) {
    if (!account.bound) {
      throw new BaseError({
        code: ErrorCode.WalletNotBound,
        shortMessage: 'Borrow sends to your bound wallet, and none is bound yet. Bind an EVM, Solana, NEAR or Stellar wallet in the wallet panel, then try again.',
        docsPath: '/docs/contract.md#policy',
      })
    }
    const wallet = account.wallets.find((candidate) => market.chains.includes(candidate.chain))
    if (!wallet) {
      throw new BaseError({
        code: ErrorCode.UnsupportedDestination,
        shortMessage: `${market.asset} can be sent to ${chainList}, and none of your bound wallets is on those chains. Name a recipient on one of them.`,
      })
    }
    return { chain: wallet.chain, address: wallet.address, bound: true }
  }
  const { chain } = request.recipient
  if (!market.chains.includes(chain)) {
    throw new BaseError({ code: ErrorCode.UnsupportedDestination, shortMessage: `${market.asset} cannot be sent to ${walletChainNames[chain]}. It can go to ${chainList}.` })
  }
  const address = await normalizeAddress(chain, request.recipient.address)
  return { chain, address, bound: account.wallets.some((wallet) => wallet.chain === chain && wallet.address === address) }
}
