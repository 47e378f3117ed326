import { ErrorCode, type PreviewView, type RequestFields } from '@crosschain-lending/protocol'
import type { ContractViews } from './chain/contract-views'
import { ContractRefusal } from './errors'

/** What the contract's `preview` says about a request, as far as it can say. */
export type DryRunVerdict = { kind: 'refused'; refusal: ContractRefusal } | { kind: 'passes' } | { kind: 'inconclusive' }

/**
 * Refusals `preview` decides exactly as `execute` would, whoever signed: they depend only on the
 * account's state and the actions. Any other code (and any code the contract adds later) is
 * inconclusive, so a dry run never refuses a request the contract might have run.
 */
const stateRefusals = new Set<string>([
  ErrorCode.NothingToRepay,
  ErrorCode.InsufficientFunds,
  ErrorCode.InsufficientLiquidity,
  ErrorCode.HealthFactorTooLow,
  ErrorCode.AmountTooSmall,
  ErrorCode.UnknownAsset,
  ErrorCode.UnsupportedDestination,
  ErrorCode.InvalidAddress,
  ErrorCode.InvalidAmount,
  ErrorCode.LastControlMethod,
  ErrorCode.AccountNotFound,
])

/**
 * The policy refusals `preview` also gets right for a passkey signer: it applies the policy
 * table as a passkey (bound or not, from the account) would. For a wallet signer it would be
 * wrong (a wallet may remove what a passkey may not), so there they are inconclusive.
 */
const passkeyPolicyRefusals = new Set<string>([ErrorCode.WalletNotBound, ErrorCode.ActionNotAllowed])

/**
 * Runs the request's actions through the contract's `preview` view: on the chain's current state,
 * changing nothing, for the price of one view. `preview` takes no proofs, so it leaves out what
 * needs them (new wallets and passkeys; it assumes a co-signature is present): those requests
 * are inconclusive. A chain that cannot be asked throws (503): a caller who needs a dry run gets
 * no transaction without one.
 */
export async function dryRun(views: ContractViews, fields: RequestFields): Promise<DryRunVerdict> {
  let preview: PreviewView
  try {
    preview = await views.preview(fields.accountId, fields.actions)
  } catch (error) {
    if (error instanceof ContractRefusal) return verdictOf(error.code, error.shortMessage, error.details, fields)
    throw error
  }
  if (preview.ok) return { kind: 'passes' }
  return verdictOf(preview.error.code, preview.error.message, preview.error.details, fields)
}

function verdictOf(code: ErrorCode, message: string, details: string | undefined, fields: RequestFields): DryRunVerdict {
  const conclusive = stateRefusals.has(code) || (fields.signer.type === 'passkey' && passkeyPolicyRefusals.has(code))
  if (!conclusive) return { kind: 'inconclusive' }
  const why = 'The contract\'s preview of this request refused it, so the relayer sent no transaction.'
  return { kind: 'refused', refusal: new ContractRefusal({ code, shortMessage: message, details: details ? `${details} ${why}` : why, docsPath: '/docs/contract.md#errors' }) }
}
