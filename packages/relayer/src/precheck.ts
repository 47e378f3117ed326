import {
  type AccountView,
  BaseError,
  ErrorCode,
  type RequestFields,
  type SignedRequest,
  type ProofContext,
  type WalletProof,
  assertSiteAllowed,
  normalizeAddress,
  requestChallenge,
  verifyPasskeyProof,
  verifyWalletProof,
  walletRequestRole,
} from '@crosschain-lending/protocol'
import type { ContractViews } from './chain/contract-views'

/**
 * The checks the relayer runs before it pays for a transaction. They repeat the contract's own
 * checks that need no state change, with the same error codes, so a request that would be
 * refused on chain is refused here for free. The contract stays the authority: these only spare
 * the relayer's gas, and anything they do not cover (co-signatures, bindings, the policy table,
 * balances) the contract checks.
 */

/** How far the relayer's clock may be from the chain's before it refuses a deadline itself. */
export const clockSkewMs = 5_000

type Signed = SignedRequest & { fields: RequestFields }

function refuse(code: ErrorCode, shortMessage: string, details?: string): BaseError {
  return new BaseError({ code, shortMessage, details, docsPath: '/docs/contract.md#errors' })
}

/** Network, contract and deadline, against the relayer's configuration and clock. No I/O. */
export function checkEnvelope(fields: RequestFields, expected: { network: string; contractId: string }, nowMs: number): void {
  if (fields.chainId !== expected.network) throw refuse(ErrorCode.WrongChain, `This request is for ${fields.chainId}, but this relayer submits to ${expected.network}.`)
  if (fields.contractId !== expected.contractId) throw refuse(ErrorCode.WrongContract, `This request is for contract ${fields.contractId}, not ${expected.contractId}.`)
  // Refused only when it has surely passed: a clock slightly ahead of the chain's must not refuse a live request.
  if (fields.deadline <= nowMs - clockSkewMs) throw refuse(ErrorCode.RequestExpired, 'This request has expired. Sign it again.', `deadline ${fields.deadline} is before ${nowMs}`)
}

/** The deadline window comes from the contract's configuration, so this check needs a view. */
export async function checkDeadlineWindow(fields: RequestFields, views: ContractViews, nowMs: number): Promise<void> {
  const { maxDeadlineWindowMs } = await views.getConfig()
  if (fields.deadline > nowMs + maxDeadlineWindowMs + clockSkewMs) {
    throw refuse(ErrorCode.DeadlineTooFar, `The deadline is more than ${maxDeadlineWindowMs / 60_000} minutes ahead. Sign a request with a nearer deadline.`)
  }
}

/**
 * The request signer's signature, against the account as the chain has it. The account comes
 * from a short cache; when the signer is not on the cached copy (a passkey or wallet added
 * seconds ago) it is read again once before the request is refused.
 */
export async function verifyRequestSignature(signed: Signed, views: ContractViews): Promise<void> {
  const { fields } = signed
  const signer = fields.signer
  const signerIsOn = (account: AccountView) =>
    signer.type === 'passkey' ? account.passkeys.some((passkey) => passkey.credentialId === signer.credentialId) : walletOf(account, signer.chain, signer.address) !== undefined
  let account = await views.getAccount(fields.accountId)
  if (!account || !signerIsOn(account)) account = await views.getAccount(fields.accountId, { fresh: true })
  if (!account) throw refuse(ErrorCode.AccountNotFound, `No account ${fields.accountId}. Create one with a passkey first.`)
  const config = await views.getConfig()
  // The site every wallet message names must be one the contract serves (its partner list).
  assertSiteAllowed(fields.site, config)

  const { proof } = signed
  if (fields.signer.type === 'passkey' && proof.type === 'passkey') {
    const credentialId = fields.signer.credentialId
    const passkey = account.passkeys.find((candidate) => candidate.credentialId === credentialId)
    if (!passkey) throw refuse(ErrorCode.UnknownSigner, 'This passkey does not control the account. Sign in with one of its passkeys.')
    verifyPasskeyProof(proof, passkey.publicKey, requestChallenge(signed.payload), config, fields.site)
    return
  }
  if (fields.signer.type === 'wallet' && proof.type === 'wallet') {
    if (proof.chain !== fields.signer.chain || proof.address !== fields.signer.address) {
      throw refuse(ErrorCode.UnknownSigner, 'The proof is from another wallet than the request names as its signer.')
    }
    await verifyBoundWallet(account, proof, signed.payload, fields, config)
    return
  }
  throw refuse(ErrorCode.UnknownSigner, 'The proof does not match the request signer.')
}

/** A bound wallet's signature over the exact payload, checked the way the contract checks it. */
async function verifyBoundWallet(account: AccountView, proof: WalletProof, payload: string, fields: RequestFields, config: ProofContext): Promise<void> {
  const wallet = walletOf(account, proof.chain, proof.address)
  if (!wallet) throw refuse(ErrorCode.UnknownSigner, `The ${proof.chain} wallet ${proof.address} is not bound to this account.`)
  // Whether a named NEAR account still holds its key is the contract's question to the chain.
  await verifyWalletProof(proof, wallet, payload, fields.nonce, config, walletRequestRole(fields.actions))
}

function walletOf(account: AccountView, chain: WalletProof['chain'], address: string): AccountView['wallets'][number] | undefined {
  let normalized: string
  try {
    normalized = normalizeAddress(chain, address)
  } catch {
    return undefined
  }
  return account.wallets.find((candidate) => candidate.chain === chain && candidate.address === normalized)
}

