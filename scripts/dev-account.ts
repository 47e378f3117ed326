/**
 * A passkey account made the way any is, for scripts that need one without a browser (the demo's
 * liquidity seeding, the end-to-end bench): a software passkey whose key lives only in this
 * process, the account created through the relayer, an EVM wallet bound with its own signature
 * (Supply and Borrow need one), and `sign` for the account's next requests.
 */
import { type Action, type BindingMessageFields, type ChainId, type SignedRequest, bindingMessage, bindingSignable, encodeRequest, toBase64Url } from '@crosschain-lending/protocol'
import { SoftwarePasskey, createDevWallet, relayerCreationBody, signSignable } from '@crosschain-lending/testing/signers'

export type DevAccountOptions = {
  relayerUrl: string
  walletOrigin: string
  rpId: string
  /** The partner page the account's requests are said to come from (on the contract's partner list). */
  hostOrigin: string
  chainId: ChainId
  contractId: string
}

export type DevAccount = {
  accountId: string
  /** A request of `actions`, signed by the account's passkey, valid for ten minutes. */
  sign(actions: Action[], nonce?: string): SignedRequest
}

export async function createBoundDevAccount(options: DevAccountOptions): Promise<DevAccount> {
  const passkey = new SoftwarePasskey({ rpId: options.rpId, origin: options.walletOrigin })
  // Proved like any account: the passkey's own signature over the creation.
  const creation = relayerCreationBody(passkey.createAccountArgs({ chainId: options.chainId, contractId: options.contractId, deadline: Date.now() + 600_000 }))
  const { accountId } = await postToRelayer<{ accountId: string }>(options, '/v1/accounts', creation)
  const sign = (actions: Action[], nonce = randomNonce(), deadline = Date.now() + 600_000): SignedRequest => {
    const payload = encodeRequest({ chainId: options.chainId, contractId: options.contractId, accountId, site: options.hostOrigin, signer: { type: 'passkey', credentialId: passkey.credentialId }, nonce, deadline, actions })
    return { payload, proof: passkey.sign(payload) }
  }
  const wallet = createDevWallet('evm')
  const nonce = randomNonce()
  const deadline = Date.now() + 600_000
  const binding: BindingMessageFields = { accountId, contractId: options.contractId, chainId: options.chainId, wallet: { chain: 'evm', address: wallet.address }, nonce, origin: options.hostOrigin, deadline }
  const proof = { message: bindingMessage(binding), signature: await signSignable(wallet, bindingSignable(binding)) }
  await postToRelayer(options, '/v1/requests', sign([{ type: 'add_wallet', wallet: { chain: 'evm', address: wallet.address }, proof }], nonce, deadline))
  return { accountId, sign }
}

/** POSTs to the relayer as the wallet origin does; a refusal throws with its code and message. */
export async function postToRelayer<T>(options: Pick<DevAccountOptions, 'relayerUrl' | 'walletOrigin'>, route: string, body: unknown): Promise<T> {
  const response = await fetch(`${options.relayerUrl}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: options.walletOrigin }, body: JSON.stringify(body) })
  const answer = (await response.json()) as T & { error?: { code: string; message: string } }
  if (!response.ok || answer.error) throw new Error(`relayer ${route} answered ${response.status}${answer.error ? ` ${answer.error.code}: ${answer.error.message}` : ''}`)
  return answer
}

const randomNonce = () => toBase64Url(crypto.getRandomValues(new Uint8Array(32)))
