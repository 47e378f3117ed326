import { BaseError, ErrorCode, type WalletChain } from '@crosschain-lending/protocol'
import type { ExternalSignatureRequest } from '@crosschain-lending/protocol/messenger'
import type { ExternalWalletConnector } from '@crosschain-lending/widget'
import { answerDevWallet, approveInWallet, clickInWallet, clickInWalletWindow, readInWallet, setDevWalletKeys } from '@crosschain-lending/testing/browser'
import { type DevWallet, createDevWallet, signSignable } from '@crosschain-lending/testing/signers'
import { expect } from '@esm-bundle/chai'
import { chainView, mountConnectedElement, nextOutcome, useVirtualAuthenticator, waitFor } from '../helpers'

/**
 * The person's own wallet on `chain`: the development wallet in the wallet window (installed by
 * the test wallet server, as an extension would be), given a fresh key the test also holds.
 */
export async function windowWallet(chain: WalletChain, secretKey: Uint8Array = crypto.getRandomValues(new Uint8Array(32))): Promise<DevWallet & { secretKey: Uint8Array }> {
  await setDevWalletKeys({ [chain]: [...secretKey].map((byte) => byte.toString(16).padStart(2, '0')).join('') })
  return Object.assign(createDevWallet(chain, secretKey), { secretKey })
}

/**
 * In the open wallet window, as a person would: pick the wallet, approve the connection in its
 * card. Resolves with the card's text.
 */
export async function connectInWindow(): Promise<string> {
  await clickInWalletWindow('.wallet-choice')
  return answerDevWallet('approve')
}

/**
 * A hostile page's connector: it answers every connect and sign request the wallet could send
 * the page with the attacker's own key, and counts them (the wallet must send none).
 */
export function attackerConnector(attacker: DevWallet): ExternalWalletConnector & { asked: number } {
  const connector = {
    asked: 0,
    connect: async (chain: WalletChain) => {
      connector.asked++
      return { chain, address: attacker.address, ...(attacker.publicKey ? { publicKey: attacker.publicKey } : {}) }
    },
    signMessage: async (request: ExternalSignatureRequest) => {
      connector.asked++
      const nep413 = request.nep413 ? { nonce: Uint8Array.from(atob(request.nep413.nonce), (c) => c.charCodeAt(0)), recipient: request.nep413.recipient } : undefined
      return { signature: await signSignable(attacker, request, nep413), ...(attacker.publicKey ? { publicKey: attacker.publicKey } : {}) }
    },
  }
  return connector
}

/** Kept for tests that check the element ignores a page connector entirely. */
export function refusingConnector(): ExternalWalletConnector {
  const refuse = async (): Promise<never> => {
    throw new BaseError({ code: ErrorCode.UserRejected, shortMessage: 'A page connector was asked; the wallet must never ask the page.' })
  }
  return { connect: refuse, signMessage: refuse }
}

export { chainView }

export async function signedUpElement(options: Parameters<typeof mountConnectedElement>[0] = {}) {
  const element = await mountConnectedElement(options)
  const created = nextOutcome(element, 'ccl-account-created')
  await clickInWallet('#create-account')
  return { element, account: (await created).detail.account }
}

/**
 * A new account with the person's wallet on `chain` bound by clicking as a person would: the
 * panel's bind button opens the wallet window, where the wallet connects and signs; the passkey
 * approves in the passkey window (the panel only opens it). A refusal fails the caller with its code and message rather than a bare
 * timeout.
 */
export async function boundElement(chain: WalletChain = 'evm', existing?: DevWallet & { secretKey: Uint8Array }, options: Parameters<typeof mountConnectedElement>[0] = {}) {
  const { element, account } = await signedUpElement(options)
  const wallet = existing ? await windowWallet(chain, existing.secretKey) : await windowWallet(chain)
  const bound = nextOutcome(element, 'ccl-wallet-bound', 30000)
  bound.catch(() => undefined)
  await clickInWallet(`#bind-${chain}`)
  await connectInWindow()
  await answerDevWallet('approve')
  await approveInWallet()
  return { element, accountId: account.id, wallet, bound: (await bound).detail }
}

export const bindingWarning = 'Passkeys are not recoverable. Please bind another blockchain wallet immediately.'

/**
 * Binds the person's wallet on `chain` by clicking as a person would, and checks the chain and
 * both UIs agree. Each chain runs in its own test file: a fresh page each.
 */
export function bindingBehaviour(chain: WalletChain): void {
  describe(`binding a ${chain} wallet`, function () {
    this.timeout(60_000)
    useVirtualAuthenticator()

    it(`behavior: the ${chain} wallet, connected in the wallet window, signs the wallet's binding message; the passkey approves; the chain binds it`, async () => {
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
