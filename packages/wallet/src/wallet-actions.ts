import { type PasskeyInfo, type WalletEvent } from '@crosschain-lending/protocol/messenger'
import { toWireError } from '@crosschain-lending/protocol'
import type { WalletConfig } from './config'
import { CeremonyLock } from './passkeys/ceremony-lock'
import { createPasskey } from './passkeys/create-passkey'
import type { WalletStore } from './wallet-store'

/**
 * What the wallet can do, independent of who asked: the button inside the iframe and the
 * host's (policy-checked) method calls both end here, so both produce the same events.
 */
export class WalletActions {
  readonly #config: WalletConfig
  readonly #store: WalletStore
  readonly #emit: (event: WalletEvent) => void
  readonly lock = new CeremonyLock()

  constructor(config: WalletConfig, store: WalletStore, emit: (event: WalletEvent) => void) {
    this.#config = config
    this.#store = store
    this.#emit = emit
    store.addEventListener('change', () => emit({ type: 'state-changed', state: store.state }))
  }

  async createAccount(): Promise<PasskeyInfo> {
    try {
      const passkey = await this.lock.run('create account', () =>
        createPasskey({ rpId: this.#config.rpId, rpName: this.#config.rpName }),
      )
      this.#store.signIn(passkey)
      this.#emit({ type: 'account-created', passkey })
      return passkey
    } catch (error) {
      this.#emit({ type: 'error', error: toWireError(error) })
      throw error
    }
  }
}
