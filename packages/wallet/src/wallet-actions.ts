import { BaseError, ErrorCode, type SignedRequest, requestId, toWireError, walletChainNames } from '@crosschain-lending/protocol'
import type { AccessToRemove, AccountInfo, ExternalChain, LendingSnapshot, OperationPreview, OperationReceipt, OperationRequest, SignedIn, WalletEvent, WalletState } from '@crosschain-lending/protocol/messenger'
import { recoverAccount } from './access/recover-account'
import { cancelPendingChange } from './access/cancel-change'
import { removeAccess } from './access/remove-access'
import { bindWallet } from './binding/bind-wallet'
import type { Confirmation } from './confirmations'
import { type AccountRecord, type LendingReads, lendingReads } from './chain/lending-reads'
import { type AccountCreation, accountCreations, recordAccount } from './accounts/record-account'
import { RelayerCallError, createAccountOnChain, requestStatus, submitRequest } from './chain/relayer-client'
import { requestLifetimeMs } from './chain/new-request'
import { forgetPasskey } from './passkeys/forget-passkey'
import type { KeptRecords } from './storage/kept-records'
import type { WalletConfig } from './config'
import { CeremonyLock } from './passkeys/ceremony-lock'
import type { CeremonyRunner } from './passkeys/ceremony-runner'
import { type PasskeyApproval, approveWithPasskey } from './passkeys/approve-with-passkey'
import { createPasskey } from './passkeys/create-passkey'
import { proveAccountCreation } from './passkeys/prove-creation'
import { signInPasskey } from './passkeys/sign-in-passkey'
import { cosignWithBoundWallet } from './operations/cosign'
import { type DeliveredRequest, deliverRequest } from './operations/deliver-request'
import { describeOperation, describeOtherRecipient } from './operations/describe-operation'
import { type PendingOperation, PendingOperations } from './operations/pending-store'
import { prepareOperation } from './operations/prepare-operation'
import { signRequestWithPasskey } from './passkeys/sign-request'
import type { WalletStore } from './wallet-store'
import type { WalletWindowDependencies } from './wallet-window/window-session'

/**
 * What the wallet's panel shows about work on its way to the chain: a signed request, or
 * (`subject: 'account'`) a new passkey's account being recorded.
 */
export type OperationActivity = { subject?: 'account' } & (
  | { phase: 'submitting'; requestId: string; title: string }
  | { phase: 'pending'; requestId: string; title: string; reason: string; retryUntil: number }
)

/**
 * What the wallet can do, independent of who asked: the buttons inside the iframe and the
 * host's (policy-checked) method calls both end here, so both produce the same events.
 */
export class WalletActions {
  readonly #config: WalletConfig
  readonly #store: WalletStore
  readonly #emit: (event: WalletEvent) => void
  readonly lock: CeremonyLock

  readonly #walletWindow: WalletWindowDependencies
  readonly #reads: LendingReads
  readonly #onActivity: (activity: OperationActivity | undefined) => void
  /** The signed operation still on its way to the chain, if any: one at a time. */
  #activity: OperationActivity | undefined
  readonly #pending: PendingOperations
  readonly #creations: KeptRecords<AccountCreation>
  /** The site embedding the wallet, as the host connection verified it (host-channel.ts); throws when unknown. */
  readonly #site: () => string
  /** The passkey's approval of a step, where the policy table puts it (panel or passkey window). */
  readonly #approve: PasskeyApproval

  constructor(
    config: WalletConfig,
    store: WalletStore,
    emit: (event: WalletEvent) => void,
    deps: {
      /** The site every request names: the origin the host connection verified (throws when it is unknown). */
      site: () => string
      /**
       * Where external wallets connect and sign: the wallet origin's own window (wallet-window/),
       * never the host page. Defaults to asking `confirm` before opening it.
       */
      walletWindow?: WalletWindowDependencies
      confirm: (confirmation: Confirmation) => Promise<void>
      onActivity?: (activity: OperationActivity | undefined) => void
      reads?: LendingReads
      pending?: PendingOperations
      creations?: KeptRecords<AccountCreation>
      /** Where passkey prompts open (see passkey-window/choose-runner.ts); the frame by default. */
      passkeys?: CeremonyRunner
      /**
       * The passkey window, where the steps the policy table approves there are shown and
       * approved (passkey-window/popup-runner.ts), and whether every step goes there.
       */
      approvals: { window: CeremonyRunner; everything: () => boolean; onAwaitingWindow?: (title: string | undefined) => void }
    },
  ) {
    const passkeys = deps.passkeys
    this.lock = new CeremonyLock(passkeys ? () => passkeys : undefined)
    this.#config = config
    this.#store = store
    this.#emit = emit
    this.#walletWindow = deps.walletWindow ?? { confirm: deps.confirm }
    this.#reads = deps.reads ?? lendingReads(config)
    this.#onActivity = deps.onActivity ?? (() => undefined)
    this.#pending = deps.pending ?? new PendingOperations()
    this.#creations = deps.creations ?? accountCreations()
    this.#site = deps.site
    this.#approve = approveWithPasskey({
      confirm: deps.confirm,
      lock: this.lock,
      approvalWindow: deps.approvals.window,
      everythingInWindows: deps.approvals.everything,
      ...(deps.approvals.onAwaitingWindow ? { onAwaitingWindow: deps.approvals.onAwaitingWindow } : {}),
    })
    store.addEventListener('change', () => emit({ type: 'state-changed', state: store.state }))
  }

  /**
   * A new passkey, recorded in the contract through the relayer. Resolves only once the chain
   * has the account: the element is never told about an account that does not exist.
   */
  createAccount(): Promise<SignedIn> {
    return this.#report('account-created', async () => {
      const creation = await this.lock.run('create account', async (prompt) => {
        const { passkey, userHandle } = await createPasskey({ rpId: this.#config.rpId, rpName: this.#config.rpName, prompt })
        // Kept before anything else is asked: the public key exists only now.
        const made: AccountCreation = { credentialId: passkey.credentialId, publicKey: passkey.publicKey, userHandle, createdAt: Date.now() }
        this.#creations.save(made)
        // Proof of possession: the new passkey signs the creation (the contract records no account without it).
        const proved = { ...made, ...(await proveAccountCreation({ rpId: this.#config.rpId, config: this.#config, passkey: made, prompt })) }
        this.#creations.save(proved)
        return proved
      })
      const passkey = { credentialId: creation.credentialId, publicKey: creation.publicKey, rpId: this.#config.rpId }
      const accountId = await this.#recordAccount(creation)
      const { account } = this.#accountInfo(await this.#reads.account(accountId))
      return { passkey, account }
    })
  }

  /**
   * Sign in with any passkey this device offers for the wallet; the chain says which account it
   * controls, and the assertion must verify against the key the chain holds for it.
   */
  signIn(): Promise<SignedIn> {
    return this.#report('signed-in', async () => {
      const { credentialId, challenge, proof } = await this.lock.run('sign in', (prompt) => signInPasskey({ rpId: this.#config.rpId, prompt }))
      let found = await this.#reads.accountByCredential(credentialId)
      // A passkey made here whose account the relayer could not record yet: its key is the one this wallet kept.
      const kept = found ? undefined : this.#creations.get(credentialId)
      const publicKey = found?.passkeys.find((passkey) => passkey.credentialId === credentialId)?.publicKey ?? kept?.publicKey
      if (!found && !kept) this.#accountInfo(null)
      // Nothing is stored or told before this passes (see passkeys/verify-sign-in.ts). The P-256
      // verifier is loaded here, at the sign-in that needs it, not with the wallet's first script.
      const { verifySignIn } = await import('./passkeys/verify-sign-in')
      verifySignIn({ proof, challenge, publicKey: publicKey ?? '', config: this.#config, walletOrigin: location.origin })
      if (kept) found = await this.#reads.account(await this.#recordAccount(kept))
      const { account } = this.#accountInfo(found)
      return { passkey: { credentialId, publicKey: publicKey!, rpId: this.#config.rpId }, account }
    })
  }

  /** Binds the person's wallet on `chain`, connected in the wallet window (see binding/bind-wallet.ts); resolves with the account once the chain has it. */
  async bindWallet(chain: ExternalChain, started: { fromPanel?: boolean } = {}): Promise<AccountInfo> {
    try {
      const state = this.#store.state
      if (state.status !== 'signed-in') throw new BaseError({ code: ErrorCode.AccountNotFound, shortMessage: 'Sign in or create an account before binding a wallet.' })
      const wallet = await bindWallet(chain, {
        config: this.#config,
        state,
        walletWindow: this.#windowFor(started),
        approve: this.#approve,
        deliver: (signed, deadline) => this.#deliver(signed, deadline, `Bind your ${walletChainNames[chain]} wallet`),
        hostOrigin: this.#site(),
      })
      const { account } = this.#accountInfo(await this.#reads.account(state.account.id))
      this.#store.signIn(state.passkey, account)
      this.#emit({ type: 'wallet-bound', account, wallet })
      return account
    } catch (error) {
      this.#emit({ type: 'error', error: toWireError(error) })
      throw error
    }
  }

  /**
   * Supply, Repay, Adjust or Borrow, from the host's request to the chain's receipt:
   * 1. checked against the policy table and the chain (see operations/prepare-operation.ts);
   * 2. shown with every fact the passkey approves (operations/describe-operation.ts), where the
   *    policy table approves it: Supply, Repay and Adjust on the panel, Borrow in the passkey window;
   * 3. approved with the passkey over sha256 of the exact payload shown;
   * 4. Borrow to an address that is not bound: the bound wallet co-signs it in the wallet window;
   * 5. delivered through the relayer, retried while it is unreachable, until final or expired.
   */
  async operate(request: OperationRequest): Promise<OperationReceipt> {
    try {
      if (this.#activity) {
        throw new BaseError({
          code: ErrorCode.OperationPending,
          shortMessage: `"${this.#activity.title}" is still on its way to the chain. Wait for it to finish before starting another operation.`,
        })
      }
      const state = this.#store.state
      if (state.status !== 'signed-in') throw new BaseError({ code: ErrorCode.AccountNotFound, shortMessage: 'Sign in or create an account before lending or borrowing.' })
      const site = this.#site()
      const prepared = await prepareOperation(request, { config: this.#config, state, reads: this.#reads, site })
      const confirmation = describeOperation(prepared, site)
      // Approved where the policy table says (a Borrow in the passkey window), then signed there.
      const proof = await this.#approve(prepared.operation.type, confirmation, 'approve operation', (prompt) =>
        signRequestWithPasskey({ rpId: this.#config.rpId, credentialId: state.passkey.credentialId, payload: prepared.payload, prompt }),
      )
      // To an address that is not bound, the bound wallet co-signs the same payload, in the wallet
      // window. Without it the contract refuses the Borrow, so the passkey's signature alone
      // sends nothing: it is kept in memory only and dropped if the co-signature does not come.
      let cosignature
      if (prepared.cosigner) {
        cosignature = await cosignWithBoundWallet(this.#walletWindow, {
          payload: prepared.payload,
          nonce: prepared.nonce,
          cosigner: prepared.cosigner,
          contractId: this.#config.contractId,
          site,
          accountId: prepared.accountId,
          summary: `${prepared.operation.amount} ${prepared.market.asset} to ${prepared.recipient ? `${walletChainNames[prepared.recipient.chain]} ${prepared.recipient.address}` : 'your bound wallet'}`,
          confirmation: describeOtherRecipient(prepared),
        })
      }

      // Signed: from here the request is kept and delivered, never signed again.
      const pending: PendingOperation = {
        requestId: requestId(prepared.payload),
        signed: { payload: prepared.payload, proof, ...(cosignature ? { cosignature } : {}) },
        deadline: prepared.deadline,
        title: confirmation.title,
        operation: prepared.operation,
        accountId: prepared.accountId,
      }
      this.#pending.save(pending)
      this.#emit({ type: 'operation-submitted', requestId: pending.requestId, operation: pending.operation })
      return await this.#finish(pending)
    } catch (error) {
      this.#emit({ type: 'error', error: toWireError(error) })
      throw error
    }
  }

  /**
   * On a device without the passkey: the bound wallet adds a new one (see access/recover-account.ts).
   * Resolves signed in with the new passkey.
   */
  recover(chain: ExternalChain, started: { fromPanel?: boolean } = {}): Promise<SignedIn> {
    return this.#report('account-recovered', async () => {
      const { passkey, accountId } = await recoverAccount(chain, {
        config: this.#config,
        walletWindow: this.#windowFor(started),
        reads: this.#reads,
        approve: this.#approve,
        deliver: (signed, deadline) => this.#deliver(signed, deadline, 'Add this device\'s passkey'),
        hostOrigin: this.#site(),
      })
      return { passkey, account: this.#accountInfo(await this.#reads.account(accountId)).account }
    })
  }

  /** Removes a passkey or a bound wallet, signed by a bound wallet (see access/remove-access.ts). */
  removeAccess(target: AccessToRemove): Promise<AccountInfo> {
    return this.#changeAccess((_state, account) =>
      removeAccess(target, {
        config: this.#config,
        walletWindow: this.#walletWindow,
        hostOrigin: this.#site(),
        account,
        deliver: (signed, deadline) => this.#deliver(signed, deadline, 'Remove access'),
      }),
    )
  }

  /**
   * Cancels a pending change: removes a passkey or wallet still in its security period, signed by
   * this device's (older) passkey (see access/cancel-change.ts). Only the panel's own button
   * starts it; no host method does.
   */
  cancelPendingChange(target: AccessToRemove): Promise<AccountInfo> {
    return this.#changeAccess((state, account) =>
      cancelPendingChange(target, {
        config: this.#config,
        hostOrigin: this.#site(),
        state,
        account,
        approve: this.#approve,
        deliver: (signed, deadline) => this.#deliver(signed, deadline, 'Cancel a pending change'),
      }),
    )
  }

  /** Runs a change of who controls the account against the chain's record of it, then reads the account back. */
  async #changeAccess(change: (state: Extract<WalletState, { status: 'signed-in' }>, account: AccountRecord) => Promise<void>): Promise<AccountInfo> {
    try {
      const state = this.#store.state
      if (state.status !== 'signed-in') throw new BaseError({ code: ErrorCode.AccountNotFound, shortMessage: 'Sign in before changing who controls the account.' })
      const account = await this.#reads.account(state.account.id)
      if (!account) throw new BaseError({ code: ErrorCode.AccountNotFound, shortMessage: `The account ${state.account.id} is not on the chain.` })
      await change(state, account)
      const { account: updated, passkeys } = this.#accountInfo(await this.#reads.account(account.id))
      // This device's passkey was the one removed: it no longer signs for the account.
      if (passkeys.some((passkey) => passkey.credentialId === state.passkey.credentialId)) this.#store.signIn(state.passkey, updated)
      else this.#store.signOut()
      return updated
    } catch (error) {
      this.#emit({ type: 'error', error: toWireError(error) })
      throw error
    }
  }

  /** Markets, and for the signed-in account its position, history and what is in flight. */
  async lending(): Promise<LendingSnapshot> {
    const state = this.#store.state
    const accountId = state.status === 'signed-in' ? state.account.id : undefined
    const [markets, position, history] = await Promise.all([
      this.#reads.markets(),
      accountId ? this.#reads.position(accountId) : null,
      accountId ? this.#reads.accountRequests(accountId) : [],
    ])
    const activity = this.#activity
    return { markets, position, history, ...(activity ? { inFlight: { requestId: activity.requestId, title: activity.title, phase: activity.phase } } : {}) }
  }

  /** What `request` would do, checked exactly as `operate` checks it; nothing is shown or signed. */
  async previewOperation(request: OperationRequest): Promise<OperationPreview> {
    const state = this.#store.state
    if (state.status !== 'signed-in') throw new BaseError({ code: ErrorCode.AccountNotFound, shortMessage: 'Sign in or create an account to see what an operation would do.' })
    const prepared = await prepareOperation(request, { config: this.#config, state, reads: this.#reads, site: this.#site() })
    return {
      operation: prepared.operation,
      before: prepared.preview.before,
      after: prepared.preview.after,
      transfers: prepared.preview.transfers,
      ...(prepared.recipient ? { recipient: prepared.recipient } : {}),
      needsCosignature: prepared.cosigner !== undefined,
    }
  }

  /**
   * Records a new passkey's account, retrying while the relayer is away (the panel shows it
   * waiting). Kept until recorded. A refusal means the passkey will never control an account:
   * it is dropped, and the person's passkey provider is told to forget it.
   */
  async #recordAccount(creation: AccountCreation): Promise<string> {
    const title = 'Create your account'
    const giveUpAt = Date.now() + requestLifetimeMs
    this.#setActivity({ subject: 'account', phase: 'submitting', requestId: creation.credentialId, title })
    try {
      const accountId = await recordAccount(creation, {
        create: (parameters) => createAccountOnChain(this.#config, parameters),
        // A kept creation without a proof, or with an expired one (a later visit), is proved again: one passkey prompt.
        prove: (unproved) => this.lock.run('approve account creation', (prompt) => proveAccountCreation({ rpId: this.#config.rpId, config: this.#config, passkey: unproved, prompt })),
        onProved: (proved) => this.#creations.save(proved),
        giveUpAt,
        onPending: (reason) => this.#setActivity({ subject: 'account', phase: 'pending', requestId: creation.credentialId, title, reason, retryUntil: giveUpAt }),
      })
      this.#creations.remove(creation.credentialId)
      return accountId
    } catch (error) {
      if (!(error instanceof RelayerCallError && error.retryable)) {
        this.#creations.remove(creation.credentialId)
        await forgetPasskey(this.#config.rpId, creation.credentialId)
      }
      throw error
    } finally {
      this.#setActivity(undefined)
    }
  }

  /**
   * Takes a signed request to the chain: resent (never re-signed) while the relayer is away,
   * until its deadline. The panel shows it on its way, and as pending while it waits.
   */
  async #deliver(signed: SignedRequest, deadline: number, title: string, onPending?: (reason: string) => void): Promise<DeliveredRequest> {
    const id = requestId(signed.payload)
    this.#setActivity({ phase: 'submitting', requestId: id, title })
    try {
      return await deliverRequest(signed, {
        submit: (request) => submitRequest(this.#config, request),
        status: (requestIdToCheck) => requestStatus(this.#config, requestIdToCheck),
        executedRequest: this.#reads.executedRequest,
        deadline,
        onPending: (reason) => {
          this.#setActivity({ phase: 'pending', requestId: id, title, reason, retryUntil: deadline })
          onPending?.(reason)
        },
      })
    } finally {
      this.#setActivity(undefined)
    }
  }

  /**
   * Delivers a kept operation to its final outcome and tells the host: the receipt, with the
   * position read back from the chain. Kept until then, so a reload can finish it.
   */
  async #finish(pending: PendingOperation): Promise<OperationReceipt> {
    let delivered: DeliveredRequest
    try {
      delivered = await this.#deliver(pending.signed, pending.deadline, pending.title, (reason) =>
        this.#emit({ type: 'operation-pending', requestId: pending.requestId, operation: pending.operation, reason, retryUntil: pending.deadline }),
      )
    } finally {
      // Final, refused or expired: nothing is left to deliver.
      this.#pending.remove(pending.requestId)
    }
    const [position, account] = await Promise.all([this.#reads.position(pending.accountId), this.#reads.account(pending.accountId)])
    const { account: info } = this.#accountInfo(account)
    const current = this.#store.state
    if (current.status === 'signed-in' && current.account.id === pending.accountId) this.#store.signIn(current.passkey, info)
    const receipt: OperationReceipt = {
      requestId: delivered.requestId,
      ...(delivered.transactionHash ? { transactionHash: delivered.transactionHash } : {}),
      blockHeight: delivered.outcome.blockHeight,
      operation: pending.operation,
      transfers: delivered.outcome.transfers.map(({ asset, amount, chain, address }) => ({ asset, amount, chain, address })),
      // The account exists (#accountInfo checked it), so the chain has its position.
      position: position!,
    }
    this.#emit({ type: 'operation-final', receipt })
    return receipt
  }

  /**
   * Finishes operations signed in an earlier life of this wallet (a reload while the relayer was
   * away). The chain is asked first: one that ran, or whose deadline passed, is settled at once.
   */
  async resumePending(): Promise<void> {
    // Accounts first: an operation kept from an earlier load may belong to one.
    for (const creation of this.#creations.all()) {
      try {
        const accountId = await this.#recordAccount(creation)
        if (this.#store.state.status === 'signed-in') continue
        const { account } = this.#accountInfo(await this.#reads.account(accountId))
        const passkey = { credentialId: creation.credentialId, publicKey: creation.publicKey, rpId: this.#config.rpId }
        this.#store.signIn(passkey, account)
        this.#emit({ type: 'account-created', passkey, account })
      } catch (error) {
        this.#emit({ type: 'error', error: toWireError(error) })
      }
    }
    for (const pending of this.#pending.all()) {
      try {
        if (Date.now() > pending.deadline) {
          const executed = await this.#reads.executedRequest(pending.requestId)
          if (!executed) {
            this.#pending.remove(pending.requestId)
            throw new BaseError({ code: ErrorCode.RequestExpired, shortMessage: `"${pending.title}" expired before it reached the chain, so it never ran. Try it again.` })
          }
        }
        await this.#finish(pending)
      } catch (error) {
        this.#emit({ type: 'error', error: toWireError(error) })
      }
    }
  }

  /**
   * How the wallet window opens for a flow: straight away when the person started it with a
   * button of the panel, after the panel's own "Open wallet window" when the host asked (even
   * if the person clicked in the wallet a moment ago: the host's call never opens a window).
   */
  #windowFor(started: { fromPanel?: boolean }): WalletWindowDependencies {
    return { ...this.#walletWindow, askFirst: !started.fromPanel }
  }

  /** The operation on its way to the chain, if any. */
  get activity(): OperationActivity | undefined {
    return this.#activity
  }

  #setActivity(activity: OperationActivity | undefined): void {
    this.#activity = activity
    this.#onActivity(activity)
  }

  #accountInfo(found: AccountRecord | null): { account: AccountInfo; passkeys: AccountRecord['passkeys'] } {
    if (!found) {
      throw new BaseError({ code: ErrorCode.AccountNotFound, shortMessage: `This passkey has no account on ${this.#config.chainId}. Create an account instead.` })
    }
    const passkeys = found.passkeys.map(({ credentialId, publicKey }) => ({ credentialId, publicKey }))
    const pending = (found.pending ?? []).map((change) => ({ ...change }))
    return { account: { id: found.id, bound: found.bound, wallets: found.wallets.map(({ chain, address }) => ({ chain, address })), passkeys, pending }, passkeys: found.passkeys }
  }

  /** Runs `work`; on success updates the state and tells the host, on failure tells the host why. */
  async #report(type: 'account-created' | 'signed-in' | 'account-recovered', work: () => Promise<SignedIn>): Promise<SignedIn> {
    try {
      const signedIn = await work()
      this.#store.signIn(signedIn.passkey, signedIn.account)
      this.#emit({ type, ...signedIn })
      return signedIn
    } catch (error) {
      this.#emit({ type: 'error', error: toWireError(error) })
      throw error
    }
  }
}


