import { BaseError, ErrorCode, type WalletChain } from '@crosschain-lending/protocol'
import type { ExternalWalletConnector } from '@crosschain-lending/widget'
import { clickInWallet, readInWallet } from '@crosschain-lending/testing/browser'
import { type DevWallet, createDevWallet } from '@crosschain-lending/testing/signers'
import { expect } from '@esm-bundle/chai'
import { chainView, mountConnectedElement, nextOutcome, useVirtualAuthenticator, waitFor } from '../helpers'

/** A host-side connector backed by a development wallet with a real key, as an injected wallet would be. */
export function devConnector(wallet: DevWallet, options: { forge?: boolean; cosign?: 'refuse' | DevWallet } = {}): ExternalWalletConnector {
  return {
    connect: async (chain) => ({ chain, address: wallet.address, ...(wallet.publicKey ? { publicKey: wallet.publicKey } : {}) }),
    signMessage: async (request) => {
      if (request.purpose === 'cosign' && options.cosign === 'refuse') {
        throw new BaseError({ code: ErrorCode.UserRejected, shortMessage: 'The person declined to co-sign in their wallet.' })
      }
      // A page that answers with another key's signature.
      if (request.purpose === 'cosign' && options.cosign !== undefined && options.cosign !== 'refuse') return { signature: await options.cosign.signMessage(request.message) }
      const nep413 = request.nep413 ? { nonce: Uint8Array.from(atob(request.nep413.nonce), (c) => c.charCodeAt(0)), recipient: request.nep413.recipient } : undefined
      // A forging page signs something other than what the wallet asked for.
      const message = options.forge ? request.message.replace('Nonce:', 'Nonce: 0') : request.message
      return { signature: await wallet.signMessage(message, nep413), ...(wallet.publicKey ? { publicKey: wallet.publicKey } : {}) }
    },
  }
}

export { chainView }

export async function signedUpElement() {
  const element = await mountConnectedElement()
  const created = nextOutcome(element, 'ccl-account-created')
  await clickInWallet('#create-account')
  return { element, account: (await created).detail.account }
}

/**
 * A new account with a development wallet on `chain` bound by clicking through the wallet as a
 * person would. A refusal fails the caller with its code and message rather than a bare timeout.
 */
export async function boundElement(chain: WalletChain = 'evm') {
  const { element, account } = await signedUpElement()
  const wallet = createDevWallet(chain)
  element.walletConnector = devConnector(wallet)
  const bound = nextOutcome(element, 'ccl-wallet-bound', 30000)
  bound.catch(() => undefined)
  await clickInWallet(`#bind-${chain}`)
  await clickInWallet('#confirm', { timeoutMs: 15000 })
  return { element, accountId: account.id, wallet, bound: (await bound).detail }
}

export const bindingWarning = 'Passkeys are not recoverable. Please bind another blockchain wallet immediately.'

/**
 * Binds a development wallet on `chain` by clicking in the wallet as a person would, and checks
 * the chain and both UIs agree. Each chain runs in its own test file: a fresh page each.
 */
export function bindingBehaviour(chain: WalletChain): void {
  describe(`binding a ${chain} wallet`, function () {
    this.timeout(60_000)
    useVirtualAuthenticator()

    it(`behavior: a ${chain} wallet on the host page signs the wallet's binding message; the passkey approves; the chain binds it`, async () => {
      const { element, accountId, wallet, bound: detail } = await boundElement(chain)

      expect(detail.wallet).to.deep.equal({ chain, address: wallet.address })
      expect(detail.account).to.deep.include({ id: accountId, bound: true })
      const onChain = await chainView<{ id: string; bound: boolean }>('get_account_by_wallet', { chain, address: wallet.address })
      expect(onChain).to.deep.include({ id: accountId, bound: true })
      // The warning is gone once a wallet is bound, in the wallet and in the element.
      await waitFor(() => !element.shadowRoot!.querySelector('[part="status"]')!.textContent!.includes('no wallet bound'), 'the element shows the account as bound')
      expect(await readInWallet('#bind-warning')).to.equal(null)
    })
  })
}
