import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { devnetRelayerKeys } from '@crosschain-lending/dev-keys'
import {
  type Action,
  type BindingMessageFields,
  type SignedRequest,
  type WalletMessageRole,
  bindingMessage,
  bindingSignable,
  encodeRequest,
  fromBase64Url,
  requestSignable,
  toBase64Url,
  walletRequestRole,
} from '@crosschain-lending/protocol'
import { useNodeCrypto } from '@crosschain-lending/protocol/node'
import { type DevWallet, SoftwarePasskey, createDevWallet, signSignable } from '@crosschain-lending/testing/signers'
import type { RelayerConfig } from '../../src/config'
import { type Relayer, startRelayer } from '../../src/server'
import { devnetContractId } from '@crosschain-lending/devnet'
import { LocalChain, type LocalChainOptions } from './local-chain'

useNodeCrypto()

export const walletOrigin = 'http://localhost:5174'
export const contractId = devnetContractId
/** The partner page the tests' requests are made on (on the local chain's contract's allowlist). */
export const partnerOrigin = 'http://127.0.0.1:5173'

/** 32 random bytes, base64url: what the wallet puts in every request. */
export const randomNonce = () => toBase64Url(crypto.getRandomValues(new Uint8Array(32)))

export type User = { accountId: string; passkey: SoftwarePasskey }

export type SignOptions = {
  nonce?: string
  deadline?: number
  contractId?: string
  chainId?: 'devnet' | 'testnet' | 'mainnet'
  site?: string
  wallet?: DevWallet
  /** The role the wallet signs in (by default the request's own; an attack test may swap it). */
  role?: WalletMessageRole
}

export type HttpReply = { status: number; headers: Headers; body: any } // eslint-disable-line @typescript-eslint/no-explicit-any

/** The local chain and a relayer in front of it, with helpers that sign as the wallet would. */
export class Harness {
  relayer!: Relayer
  config!: RelayerConfig

  private constructor(
    readonly chain: LocalChain,
    readonly dataDir: string,
  ) {}

  static async start(options: { config?: Partial<RelayerConfig>; chain?: LocalChainOptions; keys?: number; dataDir?: string } = {}): Promise<Harness> {
    const keys = devnetRelayerKeys(options.keys ?? 8)
    const chain = await LocalChain.start(options.chain)
    const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'relayer-test-')))
    const harness = new Harness(chain, dataDir)
    await harness.startRelayer({ relayerKeys: keys.map((key) => key.secretKey), ...options.config })
    return harness
  }

  /** Starts (or restarts) the relayer, keeping the chain. */
  async startRelayer(overrides: Partial<RelayerConfig> = {}): Promise<Relayer> {
    this.config = {
      rpcUrl: this.chain.url,
      network: 'devnet',
      contractId,
      relayerAccountId: 'relayer.devnet',
      relayerKeys: this.config?.relayerKeys ?? [],
      host: '127.0.0.1',
      port: 0,
      allowedWalletOrigins: [walletOrigin],
      dataDir: this.dataDir,
      rateLimitPerAccount: 10_000,
      rateLimitPerClient: 10_000,
      requestBudget: { perClient: 10_000, perSubnet: 10_000, global: 10_000 },
      accountBudget: { perClient: 10_000, perSubnet: 10_000, global: 10_000 },
      healthRateLimitPerClient: 10_000,
      healthCacheMs: 2_000,
      // The production defaults: tests that count transactions see the relayer as it runs.
      refusals: { windowMs: 600_000, dryRunAfter: 3, dryRunAfterSubnet: 10, dryRunAfterGlobal: 50, holdAfter: 10 },
      maxBodyBytes: 32768,
      trustProxy: false,
      rpcTimeoutMs: 5_000,
      rpcAttempts: 4,
      rpcRetryBaseDelayMs: 5,
      ...overrides,
    }
    this.relayer = await startRelayer(this.config, { log: () => undefined, closeGraceMs: 1_000 })
    return this.relayer
  }

  async close(): Promise<void> {
    await this.relayer.close()
    await this.chain.close()
    await rm(this.dataDir, { recursive: true, force: true })
  }

  /** A passkey account, created on chain directly (not through the relayer: no transaction counted). */
  async createUser(options: { keepsCounter?: boolean } = {}): Promise<User> {
    const passkey = new SoftwarePasskey({ rpId: 'localhost', origin: walletOrigin, topOrigin: partnerOrigin, ...options })
    const creation = passkey.createAccountArgs({ chainId: 'devnet', contractId, deadline: Date.now() + 5 * 60 * 1000 })
    const { account_id } = (await this.chain.hostCall('create_account', creation)) as { account_id: string }
    return { accountId: account_id, passkey }
  }

  /** A request signed by the user's passkey, or by `options.wallet` when given. */
  async sign(user: User, actions: Action[], options: SignOptions = {}): Promise<SignedRequest> {
    const nonce = options.nonce ?? randomNonce()
    const wallet = options.wallet
    const payload = encodeRequest({
      chainId: options.chainId ?? 'devnet',
      contractId: options.contractId ?? contractId,
      accountId: user.accountId,
      site: options.site ?? partnerOrigin,
      signer: wallet ? { type: 'wallet', chain: wallet.chain, address: wallet.address } : { type: 'passkey', credentialId: user.passkey.credentialId },
      nonce,
      deadline: options.deadline ?? Date.now() + 5 * 60 * 1000,
      actions,
    })
    if (!wallet) return { payload, proof: user.passkey.sign(payload) }
    // A wallet signs the request's message in its role (EIP-712 for EVM), never the raw payload.
    const signable = requestSignable(wallet.chain, options.role ?? walletRequestRole(actions), payload)
    const signature = await signSignable(wallet, signable, wallet.chain === 'near' ? { nonce: fromBase64Url(nonce), recipient: contractId } : undefined)
    return { payload, proof: { type: 'wallet', chain: wallet.chain, address: wallet.address, signature, ...(wallet.chain === 'near' ? { publicKey: wallet.publicKey! } : {}) } }
  }

  /** A passkey-signed request that succeeds on a fresh account: binding a new EVM wallet. */
  async bindRequest(user: User, chain: 'evm' | 'near' = 'evm', options: SignOptions = {}): Promise<{ request: SignedRequest; wallet: DevWallet }> {
    const wallet = createDevWallet(chain)
    const nonce = options.nonce ?? randomNonce()
    const deadline = options.deadline ?? Date.now() + 5 * 60 * 1000
    const fields: BindingMessageFields = { accountId: user.accountId, contractId, chainId: 'devnet', wallet: { chain, address: wallet.address }, nonce, origin: options.site ?? partnerOrigin, deadline }
    const message = bindingMessage(fields)
    const nep413 = chain === 'near' ? { nonce: crypto.getRandomValues(new Uint8Array(32)), recipient: contractId } : undefined
    const signature = await signSignable(wallet, bindingSignable(fields), nep413)
    const action: Action = {
      type: 'add_wallet',
      wallet: { chain, address: wallet.address },
      proof: { message, signature, ...(nep413 ? { publicKey: wallet.publicKey!, nep413: { nonce: Buffer.from(nep413.nonce).toString('base64'), recipient: contractId } } : {}) },
    }
    return { request: await this.sign(user, [action], { ...options, nonce, deadline }), wallet }
  }

  async post(route: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpReply> {
    return this.fetch(route, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } })
  }

  async get(route: string, headers: Record<string, string> = {}): Promise<HttpReply> {
    return this.fetch(route, { method: 'GET', headers })
  }

  async fetch(route: string, init: RequestInit): Promise<HttpReply> {
    const response = await fetch(`${this.relayer.url}${route}`, init)
    const text = await response.text()
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined }
  }
}
