import { BaseError, ErrorCode, toWireError } from '@crosschain-lending/protocol'
import type { AccountInfo, ExternalChain, HostMethods, SignedIn, WalletEvent } from '@crosschain-lending/protocol/messenger'
import type { RemoteProxy } from 'penpal'
import { bindWallet } from './binding/bind-wallet'
import type { Confirmation } from './confirmations'
import { viewContract } from './chain/contract-views'
import { createAccountOnChain } from './chain/relayer-client'
import type { WalletConfig } from './config'
import { CeremonyLock } from './passkeys/ceremony-lock'
import { createPasskey } from './passkeys/create-passkey'
import { signInPasskey } from './passkeys/sign-in-passkey'
import type { WalletStore } from './wallet-store'

/** The contract's account view, as far as the wallet reads it. */
type ContractAccount = { id: string; bound: boolean; wallets: AccountInfo['wallets']; passkeys: { credentialId: string; publicKey: string }[] }

/**
 * What the wallet can do, independent of who asked: the buttons inside the iframe and the
 * host's (policy-checked) method calls both end here, so both produce the same events.
 */
export class WalletActions {
  readonly #config: WalletConfig
  readonly #store: WalletStore
  readonly #emit: (event: WalletEvent) => void
  readonly lock = new CeremonyLock()

  readonly #host: () => Promise<RemoteProxy<HostMethods>>
  readonly #confirm: (confirmation: Confirmation) => Promise<void>

  constructor(
    config: WalletConfig,
    store: WalletStore,
    emit: (event: WalletEvent) => void,
    deps: { host: () => Promise<RemoteProxy<HostMethods>>; confirm: (confirmation: Confirmation) => Promise<void> },
  ) {
    this.#config = config
    this.#store = store
    this.#emit = emit
    this.#host = deps.host
    this.#confirm = deps.confirm
    store.addEventListener('change', () => emit({ type: 'state-changed', state: store.state }))
  }

  /**
   * A new passkey, recorded in the contract through the relayer. Resolves only once the chain
   * has the account: the element is never told about an account that does not exist.
   */
  createAccount(): Promise<SignedIn> {
    return this.#report('account-created', async () => {
      const { passkey, userHandle } = await this.lock.run('create account', () => createPasskey({ rpId: this.#config.rpId, rpName: this.#config.rpName }))
      const { accountId } = await createAccountOnChain(this.#config, { credentialId: passkey.credentialId, publicKey: passkey.publicKey, userHandle })
      const { account } = await this.#readAccount('get_account', { account_id: accountId })
      return { passkey, account }
    })
  }

  /** Sign in with any passkey this device offers for the wallet; the chain says which account it controls. */
  signIn(): Promise<SignedIn> {
    return this.#report('signed-in', async () => {
      const { credentialId } = await this.lock.run('sign in', () => signInPasskey({ rpId: this.#config.rpId }))
      const { account, passkeys } = await this.#readAccount('get_account_by_credential', { credential_id: credentialId })
      const publicKey = passkeys.find((passkey) => passkey.credentialId === credentialId)?.publicKey ?? ''
      return { passkey: { credentialId, publicKey, rpId: this.#config.rpId }, account }
    })
  }

  /** Binds the host page's wallet on `chain` (see binding/bind-wallet.ts); resolves with the account once the chain has it. */
  async bindWallet(chain: ExternalChain): Promise<AccountInfo> {
    try {
      const state = this.#store.state
      if (state.status !== 'signed-in') throw new BaseError({ code: ErrorCode.AccountNotFound, shortMessage: 'Sign in or create an account before binding a wallet.' })
      const wallet = await bindWallet(chain, { config: this.#config, state, host: await this.#host(), confirm: this.#confirm, lock: this.lock, hostOrigin: hostOrigin() })
      const { account } = await this.#readAccount('get_account', { account_id: state.account.id })
      this.#store.signIn(state.passkey, account)
      this.#emit({ type: 'wallet-bound', account, wallet })
      return account
    } catch (error) {
      this.#emit({ type: 'error', error: toWireError(error) })
      throw error
    }
  }

  async #readAccount(method: string, args: Record<string, string>): Promise<{ account: AccountInfo; passkeys: ContractAccount['passkeys'] }> {
    const found = await viewContract<ContractAccount | null>(this.#config, method, args)
    if (!found) {
      throw new BaseError({ code: ErrorCode.AccountNotFound, shortMessage: `This passkey has no account on ${this.#config.chainId}. Create an account instead.` })
    }
    return { account: { id: found.id, bound: found.bound, wallets: found.wallets.map(({ chain, address }) => ({ chain, address })) }, passkeys: found.passkeys }
  }

  /** Runs `work`; on success updates the state and tells the host, on failure tells the host why. */
  async #report(type: 'account-created' | 'signed-in', work: () => Promise<SignedIn>): Promise<SignedIn> {
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

/** The embedding site, as the browser reports it: shown in the binding message the person signs. */
function hostOrigin(): string {
  const ancestor = location.ancestorOrigins?.[0]
  if (ancestor) return ancestor
  try {
    return new URL(document.referrer).origin
  } catch {
    return 'an unknown site'
  }
}
