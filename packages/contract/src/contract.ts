import {
  type AccountRequestView,
  type Action,
  type ActionSummary,
  type BaseError,
  ErrorCode,
  type ExternalAddress,
  type PolicyRow,
  type RequestFields,
  type SignedRequest,
  type SignerKind,
  type WalletChain,
  type WalletProof,
  accountCreationChallenge,
  assertP256PublicKey,
  assertSiteAllowed,
  assetDecimals,
  bindingSignable,
  parseAccountCreationProof,
  normalizeAddress,
  parseBindingMessage,
  parseP256PublicKey,
  parseAction,
  parseSignedRequest,
  maxActions,
  toWireError,
  type AccountView,
  type ExecutedRequestView,
  type ExecutionOutcome,
  type MarketView,
  type TransferView,
  type PreviewView,
  policyDecision,
  requestChallenge,
  verifyPasskeyProof,
  verifySignable,
  verifyWalletProof,
  walletRequestRole,
  type WalletMessageRole,
} from '@crosschain-lending/protocol'
import { bytesToHex } from '@noble/hashes/utils.js'
import { accountIdFor } from './accounts'
import { type ContractError, refuse } from './errors'
import { type ControlMethod, assertMayMoveAssets, assertMayRemove, isCancellation, pendingChanges } from './probation'
import { nextSignCount } from './sign-count'
import { USD_DECIMALS, WAD, formatUnits, formatUsd, mulDivDown, mulDivUp } from './fixed-point'
import { type Health, health, isHealthy, positionView, type PositionView } from './health'
import {
  type Market,
  type MarketParameters,
  accrue,
  amountForShares,
  debtOf,
  defaultMarkets,
  newMarket,
  sharesForAmount,
  sharesForDeposit,
} from './markets'
import {
  type Account,
  type BoundWallet,
  type ContractConfig,
  type ContractState,
  type OutboundTransfer,
  type Passkey,
  type Position,
  addAccountRequest,
  emptyPosition,
  stateVersion,
  walletKey,
  withConfigDefaults,
} from './state'

/**
 * What the chain can tell the contract about NEAR accounts. A NEAR runtime answers from its
 * own state; the local chain answers from its account store.
 */
export type ChainQueries = {
  /** True when `publicKey` (`ed25519:<base58>`) is a full-access key of the NEAR account. */
  hasFullAccessKey(accountId: string, publicKey: string): boolean
}

/** What the host passes into every change: who calls, the block's time and height, and chain queries. */
export type CallContext = { predecessorId: string; blockTimestampMs: number; blockHeight: number; chain?: ChainQueries }


/** A verified external wallet, ready to be bound. */
type VerifiedBinding = { wallet: BoundWallet }

/** Who signed a request: the control method whose signature it carries, as the account has it. */
type RequestSignerMethod = ControlMethod

/** Index changes an executing request makes, applied only if every action succeeds. */
type IndexChange = { kind: 'wallet' | 'credential'; key: string; accountId: string | undefined }

const base64UrlPattern = /^[A-Za-z0-9_-]{16,1400}$/

export class LendingContract {
  readonly #state: ContractState

  constructor(state: ContractState) {
    this.#state = state
  }

  /** A fresh contract: its configuration and markets, no accounts. */
  static genesis(config: Parameters<typeof withConfigDefaults>[0], nowMs: number, markets: MarketParameters[] = defaultMarkets()): LendingContract {
    // Wallets write every signed amount with the protocol's decimals: a market counting in others would make them lie.
    for (const market of markets) {
      if (assetDecimals(market.symbol) !== market.decimals) {
        throw refuse(ErrorCode.InvalidConfiguration, `The ${market.symbol} market has ${market.decimals} decimals, but the protocol's asset table (which every wallet message uses) has ${assetDecimals(market.symbol)}.`)
      }
    }
    return new LendingContract({
      version: stateVersion,
      config: withConfigDefaults(config),
      markets: new Map(markets.map((parameters) => [parameters.symbol, newMarket(parameters, nowMs)])),
      accounts: new Map(),
      byCredential: new Map(),
      retiredCredentials: new Set(),
      byWallet: new Map(),
      requests: new Map(),
      requestsByAccount: new Map(),
      depositRefs: new Set(),
      outbound: [],
      totals: new Map(markets.map((parameters) => [parameters.symbol, { deposited: 0n, sentOut: 0n }])),
    })
  }

  /** The state, for the host's persistence. Treat as read-only. */
  get state(): ContractState {
    return this.#state
  }

  // ——— Host methods ——————————————————————————————————————————————————————————

  /**
   * Creates an account controlled by a passkey. The passkey must prove it holds the key: `proof`
   * is its assertion over `accountCreationChallenge` of these very arguments (this contract and
   * network, credential, key, user handle, deadline), checked like a request's (RP ID, wallet
   * origin, UP and UV, low-S, partner page). No account is recorded without it, and a removed
   * credential id is never registered again. Idempotent: the same passkey gives the same account.
   */
  createAccount(
    args: { credential_id: string; public_key: string; user_handle?: string; deadline: number; proof: unknown },
    ctx: CallContext,
  ): { account_id: string; created: boolean } {
    const credentialId = stringArg(args, 'credential_id', base64UrlPattern)
    const publicKeyText = stringArg(args, 'public_key', /^p256:[1-9A-HJ-NP-Za-km-z]{40,50}$/)
    const userHandle = args.user_handle === undefined ? undefined : stringArg(args, 'user_handle', /^[A-Za-z0-9_-]{1,128}$/)
    const compressed = parseP256PublicKey(publicKeyText)
    assertP256PublicKey(compressed)
    if (this.#state.retiredCredentials.has(credentialId)) {
      throw refuse(ErrorCode.CredentialRetired, 'This passkey was removed from its account, and a removed passkey can never be registered again. Create a new passkey.')
    }
    const accountId = accountIdFor(compressed, credentialId)
    const existing = this.#state.byCredential.get(credentialId)
    if (existing !== undefined) {
      if (existing === accountId) return { account_id: accountId, created: false }
      throw refuse(ErrorCode.CredentialInUse, 'This passkey already controls another account. Sign in with it instead.')
    }
    if (this.#state.accounts.has(accountId)) return { account_id: accountId, created: false }

    // Proof of possession: the new key's own signature over this creation, before anything is recorded.
    const config = this.#state.config
    const deadline = (args as { deadline?: unknown }).deadline
    if (typeof deadline !== 'number' || !Number.isSafeInteger(deadline) || deadline <= 0) {
      throw refuse(ErrorCode.InvalidCreationProof, 'Account creation needs a deadline (ms since the epoch) and the passkey\'s signature over the creation. Create the account from the wallet.')
    }
    if ((args as { proof?: unknown }).proof === undefined) {
      throw refuse(ErrorCode.InvalidCreationProof, 'Account creation needs the passkey\'s own signature over the creation (proof of possession). Create the account from the wallet.')
    }
    if (deadline <= ctx.blockTimestampMs) throw refuse(ErrorCode.RequestExpired, 'This account creation proof has expired. Approve the creation with the passkey again.', `deadline ${deadline} ≤ block time ${ctx.blockTimestampMs}`)
    if (deadline > ctx.blockTimestampMs + config.maxDeadlineWindowMs) {
      throw refuse(ErrorCode.DeadlineTooFar, `The creation proof's deadline is more than ${config.maxDeadlineWindowMs / 60_000} minutes ahead. Sign one with a nearer deadline.`)
    }
    let proof
    try {
      proof = parseAccountCreationProof((args as { proof?: unknown }).proof)
    } catch (cause) {
      throw refuse(ErrorCode.InvalidCreationProof, 'The creation proof is not a passkey assertion (authenticatorData, clientDataJSON, signature).', (cause as Error).message)
    }
    const challenge = accountCreationChallenge({ chainId: config.chainId, contractId: config.contractId, credentialId, publicKey: publicKeyText, userHandle, deadline })
    const { signCount } = verifyPasskeyProof(proof, publicKeyText, challenge, config)

    const passkey = { credentialId, publicKey: publicKeyText, addedAtMs: ctx.blockTimestampMs, signCount, ...(userHandle ? { userHandle } : {}) }
    this.#state.accounts.set(accountId, {
      id: accountId,
      createdAtMs: ctx.blockTimestampMs,
      passkeys: [passkey],
      wallets: [],
      usedNonces: new Map(),
      positions: new Map(),
    })
    this.#state.byCredential.set(credentialId, accountId)
    return { account_id: accountId, created: true }
  }

  /**
   * Credits an account with assets that arrived from an external chain. Called by the chain
   * host's bridge (the owner), once per inbound transfer: `ref` makes it idempotent.
   */
  deposit(args: { account_id: string; asset: string; amount: string; chain: string; ref: string }, ctx: CallContext): { credited: boolean; balance: string } {
    this.#requireOwner(ctx)
    const account = this.#account(stringArg(args, 'account_id'))
    const market = this.#market(stringArg(args, 'asset'))
    const chain = stringArg(args, 'chain') as WalletChain
    if (!market.chains.includes(chain)) {
      throw refuse(ErrorCode.UnsupportedDestination, `${market.symbol} does not arrive from ${chain}; it comes from ${market.chains.join(', ')}.`)
    }
    const amount = amountArg(args, 'amount')
    const ref = stringArg(args, 'ref', /^.{1,200}$/)
    const position = positionOf(account, market.symbol)
    if (this.#state.depositRefs.has(ref)) return { credited: false, balance: position.balance.toString() }
    position.balance += amount
    this.#state.depositRefs.add(ref)
    this.#totals(market.symbol).deposited += amount
    return { credited: true, balance: position.balance.toString() }
  }

  /** Sets an asset's USD price (the oracle). Interest accrues at the old price's rate first. */
  setPrice(args: { asset: string; price_usd: string }, ctx: CallContext): { asset: string; price_usd: string } {
    this.#requireOwner(ctx)
    const market = this.#market(stringArg(args, 'asset'))
    const text = stringArg(args, 'price_usd', /^(0|[1-9][0-9]{0,15})(\.[0-9]{1,8})?$/)
    const [whole = '0', fraction = ''] = text.split('.')
    const price = BigInt(whole) * 10n ** BigInt(USD_DECIMALS) + BigInt(fraction.padEnd(USD_DECIMALS, '0'))
    if (price <= 0n) throw refuse(ErrorCode.InvalidRequest, 'A price must be greater than zero.')
    accrue(market, ctx.blockTimestampMs)
    market.priceUsd = price
    return { asset: market.symbol, price_usd: formatUnits(price, USD_DECIMALS) }
  }

  /**
   * Verifies a signed request and applies its actions, all or nothing. Signatures are checked
   * first (they may need async work); then, in one synchronous step, the nonce is checked again
   * and every action is applied to copies that replace the state only if all succeed.
   */
  async execute(input: unknown, ctx: CallContext): Promise<ExecutionOutcome> {
    const signed = parseSignedRequest(input)
    const { fields, payload } = signed
    const config = this.#state.config
    if (fields.chainId !== config.chainId) throw refuse(ErrorCode.WrongChain, `This request is for ${fields.chainId}, but this contract runs on ${config.chainId}.`)
    if (fields.contractId !== config.contractId) throw refuse(ErrorCode.WrongContract, `This request is for contract ${fields.contractId}, not ${config.contractId}.`)
    if (fields.deadline <= ctx.blockTimestampMs) throw refuse(ErrorCode.RequestExpired, 'This request has expired. Sign it again.', `deadline ${fields.deadline} ≤ block time ${ctx.blockTimestampMs}`)
    if (fields.deadline > ctx.blockTimestampMs + config.maxDeadlineWindowMs) {
      throw refuse(ErrorCode.DeadlineTooFar, `The deadline is more than ${config.maxDeadlineWindowMs / 60_000} minutes ahead. Sign a request with a nearer deadline.`)
    }
    // The site every wallet message names must be one this contract serves.
    assertSiteAllowed(fields.site, config)
    // One hash of the exact payload: the passkey challenge, and (in hex) the request id.
    const challenge = requestChallenge(payload)
    const id = bytesToHex(challenge)
    const account = this.#account(fields.accountId)
    this.#assertFreshNonce(account, fields.nonce, id)

    // A passkey's check is synchronous; awaiting only what needs it keeps the common path free of microtask hops.
    const passkeySigner = signed.proof.type === 'passkey' ? this.#verifyPasskeySigner(account, signed, fields, challenge) : undefined
    const signer: RequestSignerMethod = passkeySigner ? { kind: 'passkey', passkey: passkeySigner.passkey } : { kind: 'wallet', wallet: await this.#verifySigner(account, signed, fields, ctx) }
    const cosigner = signed.cosignature ? await this.#verifyCosignature(account, signed.cosignature, payload, fields, ctx) : undefined
    const bindings = new Map<number, VerifiedBinding>()
    for (const [index, action] of fields.actions.entries()) {
      if (action.type === 'add_wallet') bindings.set(index, await this.#verifyBinding(action, fields, ctx))
    }

    // ——— From here on, synchronous: no other request can interleave.
    this.#assertFreshNonce(account, fields.nonce, id)
    // Against the counter as it is now (another request may have moved it while this one awaited).
    const signCount = passkeySigner ? nextSignCount(account.passkeys.find((each) => each.credentialId === passkeySigner.passkey.credentialId)?.signCount, passkeySigner.signCount) : undefined
    const working = this.#working(account, ctx.blockTimestampMs)
    this.#applyAll(working, fields.actions, { signer, cosigner, bindings, ctx })
    if (passkeySigner) {
      const stored = working.account.passkeys.find((each) => each.credentialId === passkeySigner.passkey.credentialId)
      if (stored) stored.signCount = signCount
    }
    const { usedNonces } = working.account

    // ——— Commit.
    const state = this.#state
    pruneExpiredNonces(usedNonces, ctx.blockTimestampMs)
    usedNonces.set(fields.nonce, fields.deadline)
    state.accounts.set(account.id, working.account)
    for (const market of working.market.touched()) state.markets.set(market.symbol, market)
    for (const change of working.indexChanges) {
      const index = change.kind === 'wallet' ? state.byWallet : state.byCredential
      if (change.accountId === undefined) index.delete(change.key)
      else index.set(change.key, change.accountId)
      // A removed passkey's id is public (history): it is retired for good, so nobody can register it.
      if (change.kind === 'credential' && change.accountId === undefined) state.retiredCredentials.add(change.key)
    }
    const transfers: OutboundTransfer[] = []
    for (const transfer of working.transfers) {
      const recorded = { ...transfer, id: state.outbound.length + 1, requestId: id, accountId: account.id, atMs: ctx.blockTimestampMs, blockHeight: ctx.blockHeight }
      state.outbound.push(recorded)
      transfers.push(recorded)
      this.#totals(transfer.asset).sentOut += transfer.amount
    }
    state.requests.set(id, {
      requestId: id,
      accountId: account.id,
      nonce: fields.nonce,
      blockHeight: ctx.blockHeight,
      atMs: ctx.blockTimestampMs,
      actions: fields.actions.map((action) => action.type),
      summary: fields.actions.map(summarizeAction),
    })
    addAccountRequest(state.requestsByAccount, account.id, id)
    return { requestId: id, accountId: account.id, blockHeight: ctx.blockHeight, transfers: transfers.map(transferView) }
  }

  // ——— Views ———————————————————————————————————————————————————————————————————

  getConfig(): ContractConfig {
    return structuredClone(this.#state.config)
  }

  /** The account at `nowMs` (the head block's time): its methods, and which are still in their security period. */
  getAccount(args: { account_id: string }, nowMs = Number.NEGATIVE_INFINITY): AccountView | null {
    const account = this.#state.accounts.get(stringArg(args, 'account_id'))
    return account ? accountView(account, nowMs) : null
  }

  getAccountByCredential(args: { credential_id: string }, nowMs?: number): AccountView | null {
    const id = this.#state.byCredential.get(stringArg(args, 'credential_id'))
    return id === undefined ? null : this.getAccount({ account_id: id }, nowMs)
  }

  /** Whether a credential id was removed and can never be registered again. */
  isCredentialRetired(args: { credential_id: string }): { retired: boolean } {
    return { retired: this.#state.retiredCredentials.has(stringArg(args, 'credential_id')) }
  }

  getAccountByWallet(args: { chain: string; address: string }, nowMs?: number): AccountView | null {
    const chain = stringArg(args, 'chain') as WalletChain
    let address: string
    try {
      address = normalizeAddress(chain, stringArg(args, 'address'))
    } catch {
      return null
    }
    const id = this.#state.byWallet.get(walletKey(chain, address))
    return id === undefined ? null : this.getAccount({ account_id: id }, nowMs)
  }

  /** The account's position with interest accrued to `nowMs` (on copies: views change nothing). */
  getPosition(args: { account_id: string }, nowMs: number): PositionView | null {
    const account = this.#state.accounts.get(stringArg(args, 'account_id'))
    if (!account) return null
    return positionView(account, this.#marketsAt(nowMs))
  }

  getMarkets(nowMs: number): MarketView[] {
    return [...this.#marketsAt(nowMs).values()].map(marketView)
  }

  getNonceStatus(args: { account_id: string; nonce: string }): { used: boolean } {
    const account = this.#state.accounts.get(stringArg(args, 'account_id'))
    return { used: account?.usedNonces.has(stringArg(args, 'nonce')) ?? false }
  }

  getRequest(args: { request_id: string }): ExecutedRequestView | null {
    const record = this.#state.requests.get(stringArg(args, 'request_id'))
    if (!record) return null
    return { ...record, transfers: this.#state.outbound.filter((transfer) => transfer.requestId === record.requestId).map(transferView) }
  }

  /**
   * What a request's actions would do to the account, without a signature and without changing
   * anything: the same code as `execute`, on copies, at `nowMs`. Wallets show the result (health
   * factor before and after) before asking for the passkey; refusals come back as typed data.
   * Add-wallet and passkey actions are not previewed (they need proofs).
   */
  previewActions(args: { account_id: string; actions: unknown[] }, nowMs: number): PreviewView {
    const accountId = stringArg(args, 'account_id')
    const account = this.#account(accountId)
    const before = positionView(account, this.#marketsAt(nowMs))
    let actions: Action[]
    try {
      if (!Array.isArray(args.actions) || args.actions.length === 0 || args.actions.length > maxActions) throw refuse(ErrorCode.InvalidRequest, `Preview 1 to ${maxActions} actions.`)
      actions = args.actions.map(parseAction)
      if (actions.some((action) => action.type === 'add_wallet' || action.type === 'add_passkey')) throw refuse(ErrorCode.InvalidRequest, 'Bindings and new passkeys are not previewed.')
    } catch (error) {
      return { ok: false, before, error: toWireError(error) }
    }
    const working = this.#working(account, nowMs)
    try {
      // A co-signature is assumed present: whether one is needed is the wallet's to ask, not the preview's.
      this.#applyAll(working, actions, {
        signer: undefined,
        cosigner: working.account.wallets[0],
        assumedCosigner: true,
        bindings: new Map(),
        ctx: { predecessorId: accountId, blockTimestampMs: nowMs, blockHeight: 0 },
      })
    } catch (error) {
      return { ok: false, before, error: toWireError(error) }
    }
    return { ok: true, before, after: positionView(working.account, this.#marketsAt(nowMs, [...working.market.touched()])), transfers: working.transfers.map((transfer) => ({ ...transfer, amount: transfer.amount.toString() })) }
  }

  /** Transfers out, newest first; filtered by recipient chain and address when given. */
  getTransfers(args: { chain?: string; address?: string; limit?: number }): TransferView[] {
    const limit = Math.min(Math.max(Number(args.limit ?? 50), 1), 500)
    return this.#state.outbound
      .filter((transfer) => (args.chain === undefined || transfer.chain === args.chain) && (args.address === undefined || transfer.address === args.address))
      .slice(-limit)
      .reverse()
      .map(transferView)
  }

  /**
   * An account's executed requests, newest first (at most `limit`, default 20, up to 100): what
   * each did, never its proofs. Reads the account's own index, so its cost does not grow with
   * other accounts' requests.
   */
  getAccountRequests(args: { account_id: string; limit?: number }): AccountRequestView[] {
    const accountId = stringArg(args, 'account_id')
    const limit = Math.min(Math.max(Math.trunc(Number(args.limit ?? 20)) || 20, 1), 100)
    const ids = this.#state.requestsByAccount.get(accountId) ?? []
    return ids
      .slice(-limit)
      .reverse()
      .map((id) => {
        const record = this.#state.requests.get(id)!
        return {
          requestId: record.requestId,
          blockHeight: record.blockHeight,
          atMs: record.atMs,
          actions: record.summary ?? record.actions.map((type) => ({ type: type as ActionSummary['type'] })),
        }
      })
  }

  // ——— Internals ————————————————————————————————————————————————————————————————

  /** Copies of what a request may change. The used-nonce map is shared, not copied: it is large, and only a commit touches it. */
  #working(account: Account, nowMs: number): Working {
    return { account: copyAccount(account), market: this.#workingMarkets(nowMs), transfers: [], indexChanges: [], riskIncreased: false }
  }

  /** Applies the actions in order, each under the policy for who signed, then checks health if any added risk. */
  #applyAll(
    working: Working,
    actions: readonly Action[],
    request: { signer: RequestSignerMethod | undefined; cosigner: BoundWallet | undefined; assumedCosigner?: boolean; bindings: Map<number, VerifiedBinding>; ctx: CallContext },
  ): void {
    for (const [index, action] of actions.entries()) {
      // Per action: an add_wallet earlier in the same request makes the passkey a bound one.
      const signerKind: SignerKind = request.signer?.kind === 'wallet' ? 'wallet' : working.account.wallets.length > 0 ? 'passkey-bound' : 'passkey-unbound'
      this.#apply(working, action, {
        signerKind,
        signer: request.signer,
        cosigner: request.cosigner,
        assumedCosigner: request.assumedCosigner ?? false,
        binding: request.bindings.get(index),
        ctx: request.ctx,
      })
    }
    if (working.riskIncreased) this.#assertHealthy(working)
  }

  #apply(working: Working, action: Action, context: ApplyContext): void {
    const { account } = working
    const { signerKind, signer } = context
    const now = context.ctx.blockTimestampMs
    const allowed = (row: PolicyRow, why: () => ContractError) => {
      const decision = policyDecision(row, signerKind)
      if (decision === 'refuse') throw why()
      return decision
    }
    const notBound = (what: string) => () =>
      refuse(ErrorCode.WalletNotBound, `${what} needs a bound wallet first. Passkeys are not recoverable: bind another blockchain wallet, then try again.`)
    const walletOnly = (what: string) => () => refuse(ErrorCode.ActionNotAllowed, `${what} needs the bound wallet's signature, not the passkey's.`)

    switch (action.type) {
      case 'supply': {
        allowed('supply', notBound('Supply'))
        const market = working.market.get(action.asset)
        const position = positionOf(account, market.symbol)
        const amount = BigInt(action.amount)
        requireFunds(position.balance, amount, market, 'wallet balance', 'Deposit more from another chain first.')
        const shares = sharesForDeposit(market, amount)
        if (shares === 0n) throw refuse(ErrorCode.AmountTooSmall, `${formatAmount(market, amount)} is too small to supply.`)
        position.balance -= amount
        market.cash += amount
        market.totalShares += shares
        if (action.collateral) position.collateralShares += shares
        else position.supplyShares += shares
        return
      }
      case 'repay': {
        allowed('repay', notBound('Repay'))
        const market = working.market.get(action.asset)
        const position = positionOf(account, market.symbol)
        const amount = BigInt(action.amount)
        const debt = debtOf(market, position.debtScaled)
        if (debt === 0n) throw refuse(ErrorCode.NothingToRepay, `There is no ${market.symbol} debt to repay.`)
        const pay = amount < debt ? amount : debt
        requireFunds(position.balance, pay, market, 'wallet balance', 'Deposit more from another chain first.')
        // A partial payment burns scaled debt rounded down: the borrower never gets more relief than paid for.
        const burned = pay === debt ? position.debtScaled : mulDivDown(pay, WAD, market.borrowIndex)
        position.debtScaled -= burned
        market.totalDebtScaled = market.totalDebtScaled > burned ? market.totalDebtScaled - burned : 0n
        position.balance -= pay
        market.cash += pay
        return
      }
      case 'adjust': {
        allowed('adjust', notBound('Adjust'))
        const market = working.market.get(action.asset)
        const position = positionOf(account, market.symbol)
        const amount = BigInt(action.amount)
        const shares = sharesForAmount(market, amount)
        const toCollateral = action.direction === 'to-collateral'
        const available = toCollateral ? position.supplyShares : position.collateralShares
        if (shares > available) {
          const have = amountForShares(market, available)
          throw refuse(ErrorCode.InsufficientFunds, `Only ${formatAmount(market, have)} is ${toCollateral ? 'supplied' : 'in collateral'}; move at most that.`)
        }
        if (toCollateral) {
          position.supplyShares -= shares
          position.collateralShares += shares
        } else {
          position.collateralShares -= shares
          position.supplyShares += shares
          working.riskIncreased = true
        }
        return
      }
      case 'borrow': {
        const market = working.market.get(action.asset)
        const recipient = normalizeRecipient(action.recipient)
        if (!market.chains.includes(recipient.chain)) {
          throw refuse(ErrorCode.UnsupportedDestination, `${market.symbol} cannot be sent to ${recipient.chain}; choose ${market.chains.join(', ')}.`)
        }
        const boundRecipient = account.wallets.find((wallet) => wallet.chain === recipient.chain && wallet.address === recipient.address)
        const decision = allowed(boundRecipient ? 'borrow-to-bound-wallet' : 'borrow-to-other-address', notBound('Borrow'))
        if (decision === 'with-cosignature' && !context.cosigner) {
          throw refuse(ErrorCode.CosignatureRequired, 'Borrowing to an address that is not your bound wallet needs your bound wallet to co-sign.')
        }
        // Nothing added within the security period moves assets: not as signer, co-signer or recipient.
        if (signer) assertMayMoveAssets(signer, now, 'sign a Borrow')
        if (context.cosigner && !context.assumedCosigner) assertMayMoveAssets({ kind: 'wallet', wallet: context.cosigner }, now, 'co-sign a Borrow')
        if (boundRecipient) assertMayMoveAssets({ kind: 'wallet', wallet: boundRecipient }, now, 'receive a Borrow')
        const amount = BigInt(action.amount)
        if (amount > market.cash) {
          throw refuse(ErrorCode.InsufficientLiquidity, `The ${market.symbol} pool can lend at most ${formatAmount(market, market.cash)} right now.`)
        }
        const position = positionOf(account, market.symbol)
        // New debt is scaled rounding up: the borrower owes at least what was sent.
        const scaled = mulDivUp(amount, WAD, market.borrowIndex)
        position.debtScaled += scaled
        market.totalDebtScaled += scaled
        market.cash -= amount
        working.transfers.push({ asset: market.symbol, amount, chain: recipient.chain, address: recipient.address })
        working.riskIncreased = true
        return
      }
      case 'add_wallet': {
        allowed('add_wallet', notBound('Binding'))
        const binding = context.binding
        if (!binding) throw refuse(ErrorCode.InvalidBindingProof, 'The wallet binding was not verified.')
        const key = walletKey(binding.wallet.chain, binding.wallet.address)
        const owner = this.#state.byWallet.get(key)
        if (owner !== undefined || account.wallets.some((wallet) => walletKey(wallet.chain, wallet.address) === key)) {
          throw refuse(ErrorCode.WalletAlreadyBound, owner === account.id || owner === undefined ? 'This wallet is already bound to this account.' : 'This wallet is already bound to another account.')
        }
        // The account's first wallet, bound by its passkey, may borrow at once; every later one, and
        // every wallet a wallet adds, waits out the security period for that (see probation.ts).
        const first = account.wallets.length === 0 && signer?.kind === 'passkey'
        account.wallets.push({ ...binding.wallet, maturesAtMs: now + this.#state.config.securityPeriodMs, ...(first ? { first: true as const } : {}) })
        working.indexChanges.push({ kind: 'wallet', key, accountId: account.id })
        return
      }
      case 'add_passkey': {
        allowed('add_passkey', notBound('Adding a passkey'))
        const { credentialId, publicKey } = action.passkey
        const compressed = parseP256PublicKey(publicKey)
        assertP256PublicKey(compressed)
        if (this.#state.retiredCredentials.has(credentialId)) {
          throw refuse(ErrorCode.CredentialRetired, 'This passkey was removed from an account, and a removed passkey can never be added again. Create a new passkey.')
        }
        if (this.#state.byCredential.has(credentialId) || account.passkeys.some((passkey) => passkey.credentialId === credentialId)) {
          throw refuse(ErrorCode.CredentialInUse, 'This passkey already controls an account.')
        }
        // Probationary: a wallet recovering the account (or an attacker's) cannot lock out the older passkey at once.
        account.passkeys.push({ credentialId, publicKey, addedAtMs: now, maturesAtMs: now + this.#state.config.securityPeriodMs })
        working.indexChanges.push({ kind: 'credential', key: credentialId, accountId: account.id })
        return
      }
      case 'remove_passkey': {
        const index = account.passkeys.findIndex((passkey) => passkey.credentialId === action.credentialId)
        const target: ControlMethod | undefined = index < 0 ? undefined : { kind: 'passkey', passkey: account.passkeys[index]! }
        this.#assertMayRemove(signer, target, now, () => allowed('remove_passkey', walletOnly('Removing a passkey')))
        if (index < 0) throw refuse(ErrorCode.UnknownSigner, 'That passkey is not on this account.')
        requireAnotherControlMethod(account)
        account.passkeys.splice(index, 1)
        working.indexChanges.push({ kind: 'credential', key: action.credentialId, accountId: undefined })
        return
      }
      case 'remove_wallet': {
        const target = normalizeRecipient(action.wallet)
        const index = account.wallets.findIndex((wallet) => wallet.chain === target.chain && wallet.address === target.address)
        this.#assertMayRemove(signer, index < 0 ? undefined : { kind: 'wallet', wallet: account.wallets[index]! }, now, () => allowed('remove_wallet', walletOnly('Removing a wallet')))
        if (index < 0) throw refuse(ErrorCode.UnknownSigner, 'That wallet is not bound to this account.')
        requireAnotherControlMethod(account)
        account.wallets.splice(index, 1)
        working.indexChanges.push({ kind: 'wallet', key: walletKey(target.chain, target.address), accountId: undefined })
        return
      }
    }
  }

  /**
   * Who may remove `target`: an older method cancelling one still in its security period (a
   * passkey too); otherwise the policy table (`policy`: a bound wallet), and then only a wallet
   * out of its own security period, or one removing a method newer than itself.
   */
  #assertMayRemove(signer: ControlMethod | undefined, target: ControlMethod | undefined, nowMs: number, policy: () => unknown): void {
    if (signer && target && isCancellation(signer, target, nowMs)) return
    policy()
    if (signer && target) assertMayRemove(signer, target, nowMs)
  }

  #assertHealthy(working: Working): void {
    // Every market the account has a position in, accrued to now, so the check sees today's debt.
    const markets = new Map([...working.account.positions.keys()].filter((symbol) => this.#state.markets.has(symbol)).map((symbol) => [symbol, working.market.get(symbol)]))
    const h = health(working.account, markets)
    if (isHealthy(h)) return
    const short = h.debtUsd - h.borrowLimitUsd
    throw refuse(
      ErrorCode.HealthFactorTooLow,
      `This would leave the health factor at ${describeHealth(h)}; it must stay at or above 1.00. You would be $${formatUsd(short)} short of borrowing power: borrow less or add collateral.`,
      `borrow limit $${formatUsd(h.borrowLimitUsd)}, debt $${formatUsd(h.debtUsd)}, short $${formatUsd(short)}`,
    )
  }

  /** Checks a wallet-signed request's signature; returns the bound wallet that signed. */
  async #verifySigner(account: Account, signed: SignedRequest, fields: RequestFields, ctx: CallContext): Promise<BoundWallet> {
    const { proof, payload } = signed
    if (fields.signer.type === 'wallet' && proof.type === 'wallet') {
      if (proof.chain !== fields.signer.chain || proof.address !== fields.signer.address) {
        throw refuse(ErrorCode.UnknownSigner, 'The proof is from another wallet than the request names as its signer.')
      }
      // A request's proof is a Recover, Remove or Request message over it, never a co-signature.
      return this.#verifyBoundWalletProof(account, proof, payload, fields, ctx, ErrorCode.UnknownSigner, walletRequestRole(fields.actions))
    }
    throw refuse(ErrorCode.UnknownSigner, 'The proof does not match the request signer.')
  }

  /** A passkey's assertion over sha256(payload), for the wallet's RP ID and origins, low-S, with user verification, from a partner page. */
  #verifyPasskeySigner(account: Account, signed: SignedRequest, fields: RequestFields, challenge: Uint8Array): { passkey: Passkey; signCount: number } {
    const { proof } = signed
    if (fields.signer.type === 'passkey' && proof.type === 'passkey') {
      const credentialId = fields.signer.credentialId
      const passkey = account.passkeys.find((candidate) => candidate.credentialId === credentialId)
      if (!passkey) throw refuse(ErrorCode.UnknownSigner, 'This passkey does not control the account. Sign in with one of its passkeys.')
      const { signCount } = verifyPasskeyProof(proof, passkey.publicKey, challenge, this.#state.config, fields.site)
      return { passkey, signCount }
    }
    throw refuse(ErrorCode.UnknownSigner, 'The proof does not match the request signer.')
  }

  async #verifyCosignature(account: Account, cosignature: WalletProof, payload: string, fields: RequestFields, ctx: CallContext): Promise<BoundWallet> {
    // A co-signature is a Cosign message: it can never pass as a request's proof, nor one as it.
    return this.#verifyBoundWalletProof(account, cosignature, payload, fields, ctx, ErrorCode.InvalidCosignature, 'cosign')
  }

  /** A bound wallet's chain signature over the request's message in `role`. NEAR wallets sign NEP-413 with the request nonce. */
  async #verifyBoundWalletProof(account: Account, proof: WalletProof, payload: string, fields: RequestFields, ctx: CallContext, code: ErrorCode, role: WalletMessageRole): Promise<BoundWallet> {
    let address: string
    try {
      address = normalizeAddress(proof.chain, proof.address)
    } catch {
      throw refuse(code, `"${proof.address}" is not a valid ${proof.chain} address.`)
    }
    const wallet = account.wallets.find((candidate) => candidate.chain === proof.chain && candidate.address === address)
    if (!wallet) throw refuse(code, `The ${proof.chain} wallet ${address} is not bound to this account.`)
    let result
    try {
      result = await verifyWalletProof(proof, wallet, payload, fields.nonce, this.#state.config, role)
    } catch (error) {
      // Which wallet may sign is this contract's rule, so its refusals carry the caller's code.
      if ((error as { code?: string }).code === ErrorCode.UnknownSigner) throw refuse(code, (error as BaseError).shortMessage)
      throw error
    }
    // The key may have been deleted from a named NEAR account since it was bound.
    if (result.chain === 'near' && result.keyMustBeCheckedOnChain) requireNearAccessKey(ctx, address, result.publicKey, code)
    return wallet
  }

  /** An add_wallet's proof: the exact binding message for this request, signed by that wallet. */
  async #verifyBinding(action: Extract<Action, { type: 'add_wallet' }>, fields: RequestFields, ctx: CallContext): Promise<VerifiedBinding> {
    const wallet = normalizeRecipient(action.wallet)
    let message
    try {
      message = parseBindingMessage(action.proof.message)
    } catch (cause) {
      throw refuse(ErrorCode.InvalidBindingProof, 'The binding message is not one the wallet wrote.', (cause as Error).message)
    }
    const mismatch =
      message.accountId !== fields.accountId ? 'account'
      : message.contractId !== fields.contractId ? 'contract'
      : message.chainId !== fields.chainId ? 'network'
      : message.nonce !== fields.nonce ? 'nonce'
      : message.origin !== fields.site ? 'site'
      : message.deadline !== fields.deadline ? 'deadline'
      : message.wallet.chain !== wallet.chain || normalizeAddressOr(message.wallet.chain, message.wallet.address) !== wallet.address ? 'wallet'
      : undefined
    if (mismatch) throw refuse(ErrorCode.InvalidBindingProof, `The binding message names another ${mismatch} than this request. Sign a fresh binding message.`)
    const { proof } = action
    // What the wallet signed, rebuilt from the checked fields: the text itself, or (EVM) its typed data.
    const signable = bindingSignable(message)
    if (wallet.chain === 'near') {
      if (!proof.publicKey || !proof.nep413) throw refuse(ErrorCode.InvalidBindingProof, 'A NEAR binding needs the signing public key and its NEP-413 nonce and recipient.')
      if (proof.nep413.recipient !== fields.contractId) throw refuse(ErrorCode.InvalidBindingProof, `The NEP-413 recipient must be ${fields.contractId}.`)
      const result = await verifySignable({ chain: 'near', address: wallet.address, signable, signature: proof.signature, publicKey: proof.publicKey, nep413: proof.nep413 })
      if (result.chain !== 'near') throw refuse(ErrorCode.InvalidBindingProof, 'The NEAR binding was not checked as NEP-413.')
      // An implicit account is its key. A named account's key must be one of its full-access keys on chain.
      if (result.keyMustBeCheckedOnChain) requireNearAccessKey(ctx, wallet.address, result.publicKey, ErrorCode.InvalidBindingProof)
      return { wallet: { chain: 'near', address: wallet.address, publicKey: result.publicKey, boundAtMs: ctx.blockTimestampMs } }
    }
    await verifySignable({ chain: wallet.chain, address: wallet.address, signable, signature: proof.signature })
    return { wallet: { chain: wallet.chain, address: wallet.address, boundAtMs: ctx.blockTimestampMs } }
  }

  #assertFreshNonce(account: Account, nonce: string, id: string): void {
    if (account.usedNonces.has(nonce) || this.#state.requests.has(id)) {
      throw refuse(ErrorCode.NonceAlreadyUsed, 'This request was already executed; a replay is refused. Sign a new request.')
    }
  }

  #requireOwner(ctx: CallContext): void {
    if (ctx.predecessorId !== this.#state.config.owner) throw refuse(ErrorCode.Unauthorized, `Only ${this.#state.config.owner} may call this method.`)
  }

  #account(accountId: string): Account {
    const account = this.#state.accounts.get(accountId)
    if (!account) throw refuse(ErrorCode.AccountNotFound, `No account ${accountId}. Create one with a passkey first.`)
    return account
  }

  #market(symbol: string): Market {
    return marketIn(this.#state.markets, symbol)
  }

  #workingMarkets(nowMs: number): WorkingMarkets {
    const copies = new Map<string, Market>()
    return {
      get: (symbol) => {
        let copy = copies.get(symbol)
        if (!copy) {
          // Every field is a primitive but `chains`, which nothing changes once listed.
          copy = { ...marketIn(this.#state.markets, symbol) }
          accrue(copy, nowMs)
          copies.set(symbol, copy)
        }
        return copy
      },
      touched: () => copies.values(),
    }
  }

  #marketsAt(nowMs: number, replacing: Market[] = []): Map<string, Market> {
    const markets = structuredClone(this.#state.markets)
    for (const market of replacing) markets.set(market.symbol, structuredClone(market))
    for (const market of markets.values()) accrue(market, nowMs)
    return markets
  }

  #totals(symbol: string) {
    let totals = this.#state.totals.get(symbol)
    if (!totals) this.#state.totals.set(symbol, (totals = { deposited: 0n, sentOut: 0n }))
    return totals
  }
}

/** Copies of the markets a request touches, made and accrued to the block time on first use. */
type WorkingMarkets = { get(symbol: string): Market; touched(): Iterable<Market> }

type Working = {
  account: Account
  market: WorkingMarkets
  transfers: { asset: string; amount: bigint; chain: WalletChain; address: string }[]
  indexChanges: IndexChange[]
  /** A Borrow or a collateral decrease happened: the health factor is checked at the end. */
  riskIncreased: boolean
}

type ApplyContext = {
  signerKind: SignerKind
  /** The method that signed; undefined in a preview, which has no signature. */
  signer: ControlMethod | undefined
  cosigner: BoundWallet | undefined
  /** A preview assumes a co-signature; its wallet's security period is checked at execution. */
  assumedCosigner: boolean
  binding: VerifiedBinding | undefined
  ctx: CallContext
}

// The views' types are the protocol's, which the wallet and the relayer read from the wasm contract.
export type { AccountView, ExecutedRequestView } from '@crosschain-lending/protocol'

function accountView(account: Account, nowMs: number): AccountView {
  return {
    id: account.id,
    createdAtMs: account.createdAtMs,
    passkeys: account.passkeys.map(({ credentialId, publicKey, addedAtMs, maturesAtMs }) => ({ credentialId, publicKey, addedAtMs, ...(maturesAtMs === undefined ? {} : { maturesAtMs }) })),
    wallets: account.wallets.map((wallet) => ({ ...wallet })),
    bound: account.wallets.length > 0,
    pending: pendingChanges(account.passkeys, account.wallets, nowMs),
  }
}

function marketView(market: Market): MarketView {
  const borrowed = debtOf(market, market.totalDebtScaled)
  return {
    asset: market.symbol,
    decimals: market.decimals,
    chains: [...market.chains],
    priceUsd: formatUnits(market.priceUsd, USD_DECIMALS),
    collateralFactor: formatUnits(market.collateralFactorBps, 4),
    cash: market.cash.toString(),
    totalSupplied: (market.cash + borrowed - market.reserves).toString(),
    totalBorrowed: borrowed.toString(),
    reserves: market.reserves.toString(),
  }
}

function transferView(transfer: OutboundTransfer): TransferView {
  return { ...transfer, amount: transfer.amount.toString() }
}

/**
 * Forgets nonces whose deadline has passed (their requests can no longer execute anyway).
 * Sweeps only when the map has doubled since the last sweep, so the cost per request stays
 * constant however many requests an account has made.
 */
const sweepAt = new WeakMap<Map<string, number>, number>()
function pruneExpiredNonces(usedNonces: Map<string, number>, nowMs: number): void {
  if (usedNonces.size < (sweepAt.get(usedNonces) ?? 64)) return
  for (const [nonce, deadline] of usedNonces) if (deadline <= nowMs) usedNonces.delete(nonce)
  sweepAt.set(usedNonces, Math.max(64, usedNonces.size * 2))
}

function requireNearAccessKey(ctx: CallContext, accountId: string, publicKey: string, code: ErrorCode): void {
  if (!ctx.chain) {
    throw refuse(code, `The named NEAR account ${accountId} cannot be checked here: this chain host cannot read NEAR access keys. Use an implicit account.`)
  }
  if (!ctx.chain.hasFullAccessKey(accountId, publicKey)) {
    throw refuse(code, `The key that signed is not a full-access key of ${accountId}. Sign with one of the account's full-access keys.`)
  }
}

function describeHealth(h: Health): string {
  return h.healthFactor === null ? 'no debt' : formatUnits(h.healthFactor, 18, 2)
}

function formatAmount(market: Market, amount: bigint): string {
  return `${formatUnits(amount, market.decimals)} ${market.symbol}`
}

function requireFunds(have: bigint, need: bigint, market: Market, what: string, hint: string): void {
  if (need > have) throw refuse(ErrorCode.InsufficientFunds, `Your ${what} is ${formatAmount(market, have)}, less than ${formatAmount(market, need)}. ${hint}`)
}

function requireAnotherControlMethod(account: Account): void {
  if (account.passkeys.length + account.wallets.length <= 1) {
    throw refuse(ErrorCode.LastControlMethod, 'This is the account\'s last way in; add another passkey or wallet before removing it.')
  }
}

function marketIn(markets: Map<string, Market>, symbol: string): Market {
  const market = markets.get(symbol)
  if (!market) throw refuse(ErrorCode.UnknownAsset, `There is no ${symbol} market. Markets: ${[...markets.keys()].join(', ')}.`)
  return market
}

export function positionOf(account: Account, symbol: string): Position {
  let position = account.positions.get(symbol)
  if (!position) account.positions.set(symbol, (position = emptyPosition()))
  return position
}

function normalizeRecipient(recipient: ExternalAddress): ExternalAddress {
  return { chain: recipient.chain, address: normalizeAddress(recipient.chain, recipient.address) }
}

function normalizeAddressOr(chain: WalletChain, address: string): string | undefined {
  try {
    return normalizeAddress(chain, address)
  } catch {
    return undefined
  }
}

function stringArg(args: unknown, name: string, pattern?: RegExp): string {
  const value = (args as Record<string, unknown> | null | undefined)?.[name]
  if (typeof value !== 'string' || value.length === 0 || (pattern && !pattern.test(value))) {
    throw refuse(ErrorCode.InvalidRequest, `The argument ${name} is missing or malformed.`)
  }
  return value
}

function amountArg(args: unknown, name: string): bigint {
  return BigInt(stringArg(args, name, /^[1-9][0-9]{0,77}$/))
}

/** An action as history shows it: what it did, without proofs or keys. */
function summarizeAction(action: Action): ActionSummary {
  switch (action.type) {
    case 'supply':
      return { type: action.type, asset: action.asset, amount: action.amount, collateral: action.collateral }
    case 'repay':
      return { type: action.type, asset: action.asset, amount: action.amount }
    case 'adjust':
      return { type: action.type, asset: action.asset, amount: action.amount, direction: action.direction }
    case 'borrow':
      return { type: action.type, asset: action.asset, amount: action.amount, chain: action.recipient.chain, address: action.recipient.address }
    case 'add_wallet':
    case 'remove_wallet':
      return { type: action.type, chain: action.wallet.chain, address: action.wallet.address }
    case 'add_passkey':
      return { type: action.type, credentialId: action.passkey.credentialId }
    case 'remove_passkey':
      return { type: action.type, credentialId: action.credentialId }
  }
}

/**
 * A working copy of an account that a refused request can drop: its lists and positions are
 * copied (their records hold only primitives, so a spread copies them whole), and the used-nonce
 * map is shared, since only a commit adds to it. Written out rather than `structuredClone`, which
 * cost about a tenth of a request's execution.
 */
function copyAccount(account: Account): Account {
  return {
    ...account,
    passkeys: account.passkeys.map((passkey) => ({ ...passkey })),
    wallets: account.wallets.map((wallet) => ({ ...wallet })),
    positions: new Map([...account.positions].map(([asset, position]) => [asset, { ...position }])),
  }
}
