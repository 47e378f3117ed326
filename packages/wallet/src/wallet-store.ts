import type { AccountInfo, PasskeyInfo, WalletState } from '@crosschain-lending/protocol/messenger'

/**
 * The wallet's state, in memory. The iframe's storage is partitioned per top-level site, so it
 * can only ever be a cache; the chain will be the record (account lookup by credential id).
 */
export class WalletStore extends EventTarget {
  #state: WalletState

  constructor(rpId: string) {
    super()
    this.#state = { status: 'signed-out', rpId }
  }

  get state(): WalletState {
    return this.#state
  }

  signIn(passkey: PasskeyInfo, account: AccountInfo): void {
    this.#set({ status: 'signed-in', rpId: this.#state.rpId, passkey, account })
  }

  signOut(): void {
    this.#set({ status: 'signed-out', rpId: this.#state.rpId })
  }

  #set(state: WalletState): void {
    this.#state = state
    this.dispatchEvent(new Event('change'))
  }
}
